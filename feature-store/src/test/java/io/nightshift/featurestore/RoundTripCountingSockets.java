package io.nightshift.featurestore;

import redis.clients.jedis.JedisSocketFactory;
import redis.clients.jedis.exceptions.JedisConnectionException;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens plain TCP connections to Redis and counts round trips on them: a round trip starts when
 * the client writes after having read (or for the first time). A pipeline of N commands is one
 * round trip, N sequential commands are N, whatever Redis does inside a script.
 */
final class RoundTripCountingSockets implements JedisSocketFactory {

    private final String host;
    private final int port;
    private final int timeoutMillis;
    private final AtomicInteger roundTrips = new AtomicInteger();

    RoundTripCountingSockets(String host, int port, int timeoutMillis) {
        this.host = host;
        this.port = port;
        this.timeoutMillis = timeoutMillis;
    }

    int roundTrips() {
        return roundTrips.get();
    }

    @Override
    public Socket createSocket() {
        try {
            Socket socket = new CountingSocket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            return socket;
        } catch (IOException e) {
            throw new JedisConnectionException("cannot connect to " + host + ":" + port, e);
        }
    }

    private final class CountingSocket extends Socket {

        /** True while the last thing on this connection was a read: the next write opens a round trip. */
        private volatile boolean awaitingRequest = true;
        private InputStream in;
        private OutputStream out;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new FilterInputStream(super.getInputStream()) {
                    @Override
                    public int read() throws IOException {
                        awaitingRequest = true;
                        return super.read();
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        awaitingRequest = true;
                        return super.read(b, off, len);
                    }
                };
            }
            return in;
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (out == null) {
                out = new FilterOutputStream(super.getOutputStream()) {
                    @Override
                    public void write(int b) throws IOException {
                        countIfNewRequest();
                        super.out.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        countIfNewRequest();
                        super.out.write(b, off, len);
                    }
                };
            }
            return out;
        }

        private void countIfNewRequest() {
            if (awaitingRequest) {
                awaitingRequest = false;
                roundTrips.incrementAndGet();
            }
        }
    }
}
