package dev.umhub.connector.route;

import dev.umhub.camel.routes.RouteFileCompanion;
import dev.umhub.camel.routes.RouteFileException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.model.RouteDefinition;

/**
 * The mappings that go with destination route files: {@code destinations/slack.yaml} consumes
 * {@code direct:deliver-slack}, and {@code destinations/slack.jsonata} next to it writes the body Slack gets. A
 * mapping that does not compile refuses its route file (with the mapping's line), so the previous version of both
 * keeps running.
 */
public class DestinationMappings implements RouteFileCompanion {

    public static final String EXTENSION = ".jsonata";

    private final Map<String, JsonataMapping> byDestination = new ConcurrentHashMap<>();
    private final Map<String, String> destinationByRoute = new ConcurrentHashMap<>();

    @Override
    public String extension() {
        return EXTENSION;
    }

    @Override
    public void check(String companionFile, List<RouteDefinition> routes, String text) throws RouteFileException {
        if (text != null && routes.stream().map(DestinationMappings::destinationOf).anyMatch(Objects::nonNull)) {
            JsonataMapping.compile(companionFile, text);
        }
    }

    @Override
    public void apply(List<RouteDefinition> routes, String text) {
        for (RouteDefinition r : routes) {
            String destination = destinationOf(r);
            if (destination == null) {
                continue;
            }
            destinationByRoute.put(r.getId(), destination);
            if (text == null) {
                byDestination.remove(destination);
            } else {
                try {
                    byDestination.put(destination, JsonataMapping.compile(destination + EXTENSION, text));
                } catch (RouteFileException checkedBefore) {
                    throw new IllegalStateException(checkedBefore.getMessage(), checkedBefore);
                }
            }
        }
    }

    @Override
    public void removed(List<String> routeIds) {
        for (String id : routeIds) {
            String destination = destinationByRoute.remove(id);
            if (destination != null) {
                byDestination.remove(destination);
            }
        }
    }

    /** The mapping a destination's route file brought, if any. */
    public Optional<JsonataMapping> of(String destination) {
        return Optional.ofNullable(byDestination.get(destination));
    }

    /** The destination a route makes, or null. */
    private static String destinationOf(RouteDefinition route) {
        return route.getInput() == null ? null : RouteDestinations.nameOf(route.getInput().getEndpointUri());
    }
}
