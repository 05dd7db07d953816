package dev.umhub.server;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's own error answers (a request line it cannot parse, an encoded slash, a header too large), written before
 * any filter or controller runs, as problem+json instead of Tomcat's HTML page. An HTTP version, method or transfer
 * coding Tomcat does not speak ({@code HTTP/2.0} in an HTTP/1.1 request line, {@code CONNECT},
 * {@code Transfer-Encoding: gzip}) is the client's error: 400, not 505 or 501.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        if (status == 505 || status == 501) {
            // an HTTP version, method or transfer coding Tomcat does not speak is the client's doing, not umhub's
            status = 400;
            response.setStatus(status);
        }
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"type\":\"about:blank\",\"title\":\"" + ProblemErrorController.title(status)
                        + "\",\"status\":" + status + ",\"detail\":\"" + ProblemErrorController.detail(status) + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away: nothing to answer
        }
    }
}
