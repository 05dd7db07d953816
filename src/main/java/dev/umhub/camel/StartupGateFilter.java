package dev.umhub.camel;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.camel.CamelContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Camel starts its routes only after the web server is listening, so for a moment the webhook paths do not exist
 * yet. Rather than answer those early calls with a misleading 404, answer 503 with Retry-After until Camel runs.
 * Health probes pass through so orchestrators can see the start-up.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class StartupGateFilter extends OncePerRequestFilter {

    private final CamelContext camel;
    private volatile boolean open;

    public StartupGateFilter(CamelContext camel) {
        this.camel = camel;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return open || request.getRequestURI().startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (camel.isStarted()) {
            open = true;
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(503);
        response.setHeader("Retry-After", "1");
        response.setContentType("application/problem+json");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Starting\",\"status\":503,"
                + "\"detail\":\"umhub is starting its routes; try again in a second.\"}");
    }
}
