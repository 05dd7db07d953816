package dev.umhub.camel.routes;

import java.util.List;
import java.util.function.Supplier;
import org.apache.camel.support.service.ServiceSupport;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Removes the Spring MVC mappings of platform-http consumers that no longer run. Camel 4.18's Spring Boot
 * platform-http never unregisters a mapping when its route is removed (its {@code unregisterHttpEndpoint} does
 * nothing), so a deleted or moved webhook path kept answering an empty 500 from the stopped consumer; without the
 * mapping it is an ordinary 404.
 */
public final class StaleHttpMappings implements Runnable {

    private final Supplier<List<RequestMappingInfoHandlerMapping>> mappings;

    /** @param mappings the application's handler mappings, looked up when needed (they depend on umhub's beans) */
    public StaleHttpMappings(Supplier<List<RequestMappingInfoHandlerMapping>> mappings) {
        this.mappings = mappings;
    }

    @Override
    public void run() {
        for (RequestMappingInfoHandlerMapping mapping : mappings.get()) {
            mapping.getHandlerMethods().forEach((RequestMappingInfo info, HandlerMethod method) -> {
                if (method.getBean() instanceof org.apache.camel.Consumer
                        && method.getBean() instanceof ServiceSupport s && (s.isStopped() || s.isShutdown())) {
                    mapping.unregisterMapping(info);
                }
            });
        }
    }
}
