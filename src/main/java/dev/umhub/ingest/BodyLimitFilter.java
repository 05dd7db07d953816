package dev.umhub.ingest;

import dev.umhub.autoconfigure.UmhubProperties;
import dev.umhub.camel.ServletProblems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a declared oversize body (Content-Length) with 413 before anything reads it. Bodies without a length
 * are still measured by ingest after reading.
 */
@Component
public class BodyLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final Quarantine quarantine;

    public BodyLimitFilter(UmhubProperties properties, Quarantine quarantine) {
        this.maxBytes = properties.getSources().getUltimateMultisite().getMaxBodyBytes();
        this.quarantine = quarantine;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        // the admin API wraps payloads (evaluate), so it gets a little room above the webhook limit
        long limit = request.getRequestURI().startsWith("/api/") ? maxBytes + 64 * 1024 : maxBytes;
        if (length > limit) {
            // not read: only the declared size is kept
            quarantine.keep("body-limit", request, 413, "declared body of " + length + " bytes", null, length);
            response.setHeader("Connection", "close");
            ServletProblems.write(response, 413, "Body too large",
                    "The body has " + length + " bytes; at most " + limit + " bytes are accepted.");
            return;
        }
        chain.doFilter(request, response);
    }
}
