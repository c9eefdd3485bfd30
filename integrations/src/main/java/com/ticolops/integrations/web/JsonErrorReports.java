package com.ticolops.integrations.web;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat refuses some requests before Spring sees them — an encoded {@code /} or {@code \}, a bad %-escape, a
 * character a URL may not hold ({@code GET /api/v1/console/channels/a%2Fb/messages}) — and answers with its own HTML
 * page. This makes those answers JSON with an {@code error}, as every other error of ours, on every path. Errors that
 * reach Spring are unaffected: Spring has written their body, so the valve writes nothing.
 */
@Component
class JsonErrorReports implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

    private final JsonMapper json;

    JsonErrorReports(JsonMapper json) {
        this.json = json;
    }

    /** Last, so that Boot's own HTML ErrorReportValve (added by its customizer) is already there to be replaced. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            Pipeline host = context.getParent().getPipeline();
            for (Valve valve : host.getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.removeValve(valve);
                }
            }
            host.addValve(new JsonErrorReportValve(json));
            // The host adds Tomcat's HTML ErrorReportValve on start unless a valve of the named class is already there.
            ((StandardHost) context.getParent()).setErrorReportValveClass(JsonErrorReportValve.class.getName());
        });
    }

    static final class JsonErrorReportValve extends ErrorReportValve {

        private final JsonMapper json;

        JsonErrorReportValve(JsonMapper json) {
            this.json = json;
        }

        /** The checks are ErrorReportValve's own: only an error, only when nothing was written, only once, only if I/O is possible. */
        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            AtomicBoolean ioAllowed = new AtomicBoolean(true);
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
            if (!ioAllowed.get()) {
                return;
            }
            HttpStatus known = HttpStatus.resolve(status);
            String reason = known == null ? Integer.toString(status) : status + " " + known.getReasonPhrase();
            String message = response.getMessage() != null ? response.getMessage() : throwable != null ? throwable.getMessage() : null;
            String error = message == null || message.isBlank() ? reason : reason + ": " + message;
            try {
                response.setContentType("application/json");
                response.setCharacterEncoding("UTF-8");
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(json.writeValueAsString(Map.of("error", error)));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // The client went away or the response was already committed: nothing more can be said.
            }
        }
    }
}
