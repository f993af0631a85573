package io.nightshift.onlineapi.web;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Requests Tomcat refuses before any servlet sees them ({@code %00} in the path, a path or header
 * over the size limit, a malformed request line) are answered by the host's error report valve,
 * which writes an HTML page. This replaces that valve with one that writes the API's problem
 * JSON, so every status the server sends has one format.
 */
@Configuration(proxyBeanMethods = false)
class ContainerErrors {

    /** Runs after Boot's own customizer, which adds the stock valve to the host; this one takes its place. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> problemReportValve() {
        return factory -> factory.addContextCustomizers(context -> {
            Container host = context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            host.getPipeline().addValve(new ProblemReportValve());
            if (host instanceof StandardHost standard) {
                // The host adds a valve of this class on start when none is there; it finds ours.
                standard.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
        });
    }

    /** Tomcat's error report valve, speaking problem JSON; public with a no-argument constructor for Tomcat. */
    public static class ProblemReportValve extends ErrorReportValve {

        public ProblemReportValve() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            AtomicBoolean ioAllowed = new AtomicBoolean(false);
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
            if (!ioAllowed.get()) {
                return;
            }
            try {
                response.setContentType("application/problem+json");
                response.setCharacterEncoding("UTF-8");
                SecurityHeaders.apply(response);
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(Problems.json(status, Problems.title(status), detail(status)));
                }
                response.finishResponse();
            } catch (IOException | IllegalStateException e) {
                // The client is gone or the response cannot take a body any more; nothing left to tell anyone.
            }
        }

        private static String detail(int status) {
            return switch (status) {
                case 400 -> "the request is malformed (invalid characters in the path, or a request line or header over the size limit)";
                case 414 -> "the request line is over the size limit";
                case 431 -> "the request headers are over the size limit";
                default -> status >= 500 ? "Unexpected error; see the server log." : "the request was refused";
            };
        }
    }
}
