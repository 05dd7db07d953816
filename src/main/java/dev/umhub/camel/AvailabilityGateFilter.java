package dev.umhub.camel;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.camel.CamelContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 503 with Retry-After while umhub cannot take events: before Camel runs its routes (the web server
 * listens a moment earlier, and the webhook paths would otherwise be a misleading 404), and from the moment
 * shutdown begins (so senders retry elsewhere or later while in-flight deliveries finish). Health probes pass.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AvailabilityGateFilter extends OncePerRequestFilter implements ApplicationListener<ContextClosedEvent> {

    private final CamelContext camel;
    private volatile boolean started;
    private volatile boolean stopping;

    public AvailabilityGateFilter(CamelContext camel) {
        this.camel = camel;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        stopping = true;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return started && !stopping || request.getRequestURI().startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!stopping && camel.isStarted()) {
            started = true;
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Retry-After", stopping ? "30" : "1");
        response.setHeader("Connection", "close");
        ServletProblems.write(response, 503, stopping ? "Stopping" : "Starting", "umhub is "
                + (stopping ? "shutting down" : "starting its routes")
                + " and takes no events now; send again after Retry-After seconds.");
    }
}
