package dev.umhub.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 503 with Retry-After while umhub cannot take events: before its routes run (the web server listens a
 * moment earlier, and a webhook path would otherwise be a misleading 404), and from the moment shutdown begins (so
 * senders retry later while in-flight deliveries finish). Health probes pass. A step of the {@link FrontDoor}, so it
 * sees only umhub's paths; a bean only to hear that the context closes.
 */
public final class AvailabilityGate extends OncePerRequestFilter implements ApplicationListener<ContextClosedEvent> {

    private final Readiness readiness;
    private final UmhubPaths paths;
    private final Problems problems;
    private volatile boolean ready;
    private volatile boolean stopping;

    public AvailabilityGate(Readiness readiness, UmhubPaths paths, Problems problems) {
        this.readiness = readiness;
        this.paths = paths;
        this.problems = problems;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        stopping = true;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return ready && !stopping || paths.isHealth(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!stopping && readiness.ready()) {
            ready = true;
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Retry-After", stopping ? "30" : "1");
        response.setHeader("Connection", "close");
        problems.write(response, 503, stopping ? "Stopping" : "Starting", "umhub is "
                + (stopping ? "shutting down" : "starting its routes")
                + " and takes no events now; send again after Retry-After seconds.");
    }
}
