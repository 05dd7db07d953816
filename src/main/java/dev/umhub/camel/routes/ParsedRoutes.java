package dev.umhub.camel.routes;

import java.util.List;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;

/** What one YAML file defines: routes and route configurations, each with its line in the file. */
record ParsedRoutes(List<RouteDefinition> routes, List<RouteConfigurationDefinition> configurations) {
}
