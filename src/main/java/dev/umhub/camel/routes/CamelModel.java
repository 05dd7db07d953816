package dev.umhub.camel.routes;

import java.util.Collection;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Route and route-configuration definitions put into and taken out of a running Camel context. */
final class CamelModel {

    private static final Logger log = LoggerFactory.getLogger(CamelModel.class);

    private final CamelContext camel;
    private final ModelCamelContext model;

    CamelModel(CamelContext camel) {
        this.camel = camel;
        this.model = (ModelCamelContext) camel;
    }

    /** Adds the configurations, each replacing the one of the same id. */
    void putConfigurations(List<RouteConfigurationDefinition> configurations) throws Exception {
        for (RouteConfigurationDefinition c : configurations) {
            removeConfiguration(c.getId());
            model.addRouteConfiguration(c);
        }
    }

    void removeConfigurations(Collection<String> ids) {
        for (String id : ids) {
            try {
                removeConfiguration(id);
            } catch (Exception e) {
                log.warn("Route configuration {} could not be removed: {}", id, RouteFileParser.message(e));
            }
        }
    }

    private void removeConfiguration(String id) throws Exception {
        RouteConfigurationDefinition existing = id == null ? null : model.getRouteConfigurationDefinition(id);
        if (existing != null) {
            model.removeRouteConfiguration(existing);
        }
    }

    /** Adds (and builds, and starts those that start on their own) the routes. */
    void addRoutes(List<RouteDefinition> routes) throws Exception {
        model.addRouteDefinitions(routes);
    }

    /** Stops and removes the routes; one that will not go is logged, and the others still go. */
    void removeRoutes(Collection<String> routeIds) {
        for (String id : routeIds) {
            try {
                RouteDefinition d = model.getRouteDefinition(id);
                if (d != null) {
                    model.removeRouteDefinition(d);
                } else if (camel.getRoute(id) != null) {
                    camel.getRouteController().stopRoute(id);
                    camel.removeRoute(id);
                }
            } catch (Exception e) {
                log.warn("Route {} could not be removed: {}", id, RouteFileParser.message(e));
            }
        }
    }
}
