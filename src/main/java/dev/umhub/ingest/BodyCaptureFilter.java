package dev.umhub.ingest;

import dev.umhub.autoconfigure.UmhubProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;

/**
 * Keeps a copy of a source request's body exactly as its bytes arrived (up to one byte over the webhook limit).
 * Camel's platform-http decodes request text leniently, turning invalid UTF-8 into replacement characters; ingest
 * reads this copy instead, so such a body is refused (400) rather than silently altered, and the quarantine keeps
 * the original bytes.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class BodyCaptureFilter extends OncePerRequestFilter {

    private final int limit;

    public BodyCaptureFilter(UmhubProperties properties) {
        this.limit = Math.max(properties.getSources().getUltimateMultisite().getMaxBodyBytes() + 1,
                properties.getQuarantine().getMaxBodyBytes());
    }

    /** What was read of the body so far, or null when the request was not captured. */
    public static byte[] captured(HttpServletRequest request) {
        ContentCachingRequestWrapper w = org.springframework.web.util.WebUtils.getNativeRequest(request,
                ContentCachingRequestWrapper.class);
        return w == null ? null : w.getContentAsByteArray();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return "GET".equals(request.getMethod()) || path.startsWith("/api/") || path.startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new ContentCachingRequestWrapper(request, limit), response);
    }
}
