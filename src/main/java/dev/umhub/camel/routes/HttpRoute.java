package dev.umhub.camel.routes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.springframework.web.util.UriUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/** A route that listens on an HTTP path (platform-http), with the path as Spring MVC will match it. */
record HttpRoute(String routeId, String path, PathPattern pattern) {

    private static final String SCHEME = "platform-http:";
    /** umhub's source Kamelets: a host's route made from one takes events like umhub's own source routes. */
    private static final Set<String> SOURCE_KAMELETS = Set.of("ultimate-multisite-webhook-source");

    /** The routes of a file that listen on HTTP paths, placeholders resolved. */
    static List<HttpRoute> of(CamelContext camel, ParsedRoutes parsed) {
        List<HttpRoute> out = new ArrayList<>();
        for (RouteDefinition r : parsed.routes()) {
            String uri = r.getInput() == null ? null : r.getInput().getEndpointUri();
            if (uri == null || !uri.startsWith(SCHEME)) {
                continue;
            }
            try {
                of(r.getId(), camel.resolvePropertyPlaceholders(uri)).ifPresent(out::add);
            } catch (RuntimeException unresolvable) {
                // a placeholder with no value: the build reports it
            }
        }
        return out;
    }

    /** The path of a running route made from one of umhub's source Kamelets (a host application's webhook path). */
    static Optional<HttpRoute> ofSourceKamelet(CamelContext camel, Route route) {
        if (!route.isCreatedByKamelet()) {
            return Optional.empty();
        }
        RouteDefinition made = ((ModelCamelContext) camel).getRouteDefinition(route.getId());
        Object kamelet = made == null || made.getTemplateParameters() == null ? null
                : made.getTemplateParameters().get("templateId");
        return SOURCE_KAMELETS.contains(String.valueOf(kamelet))
                ? of(route.getId(), route.getEndpoint().getEndpointUri()) : Optional.empty();
    }

    private static Optional<HttpRoute> of(String routeId, String uri) {
        if (uri == null || !uri.startsWith(SCHEME)) {
            return Optional.empty();
        }
        String path = uri.substring(SCHEME.length()).replaceFirst("^/*", "/");
        int query = path.indexOf('?');
        // a running endpoint's URI is normalised: {slug} reads %7Bslug%7D there
        path = UriUtils.decode(query < 0 ? path : path.substring(0, query), StandardCharsets.UTF_8);
        try {
            return Optional.of(new HttpRoute(routeId, path, PathPatternParser.defaultInstance.parse(path)));
        } catch (RuntimeException unmatchable) {
            return Optional.empty(); // a path Spring cannot match: the build reports it
        }
    }
}
