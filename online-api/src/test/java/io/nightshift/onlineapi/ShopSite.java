package io.nightshift.onlineapi;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A stand-in for the shop's own web site: another origin than the API, serving the pages a test gives it (any other path: an empty page). */
final class ShopSite implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, String> pages = new ConcurrentHashMap<>();

    private ShopSite(HttpServer server) {
        this.server = server;
    }

    static ShopSite start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ShopSite site = new ShopSite(server);
        server.createContext("/", exchange -> {
            byte[] body = site.pages.getOrDefault(exchange.getRequestURI().getPath(), "<!doctype html><title>shop</title>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return site;
    }

    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Serves the page at the path; returns its address. */
    String serve(String path, String html) {
        pages.put(path, html);
        return origin() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
