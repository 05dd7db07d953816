package dev.umhub.camel.routes;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;

/**
 * Builds a file's routes and route configurations aside, under other ids and without starting a consumer of the
 * file's, to learn whether they build with today's beans and options before they replace what runs. A route
 * configuration is built the only way Camel builds one, as part of a route that uses it: a stand-in route, started
 * (Camel creates a configuration's error handlers when such a route starts), so a misspelt {@code ref:} in a shared
 * error handler is refused like one in a route.
 */
final class TrialBuild {

    private static final String PREFIX = "umhub-trial-";

    private TrialBuild() {
    }

    static void check(CamelContext camel, CamelModel model, String name, String text) throws RouteFileException {
        ParsedRoutes trial = RouteFileParser.parse(camel, name, text);
        String tag = "-" + RouteFiles.idOf(name);
        List<String> configurationIds = new ArrayList<>();
        List<String> routeIds = new ArrayList<>();
        try {
            int n = 0;
            for (RouteConfigurationDefinition c : trial.configurations()) {
                c.setId(PREFIX + "configuration-" + (++n) + tag);
                configurationIds.add(c.getId());
            }
            model.putConfigurations(trial.configurations());
            List<RouteDefinition> routes = new ArrayList<>();
            n = 0;
            for (RouteDefinition r : trial.routes()) {
                r.setId(PREFIX + (++n) + tag);
                r.autoStartup(false); // built, not started: its consumer would take events
                routes.add(r);
            }
            routes.addAll(standIns(camel, configurationIds));
            routes.forEach(r -> routeIds.add(r.getId()));
            model.addRoutes(routes);
        } catch (Exception e) {
            throw RouteFileParser.buildFailure(e, trial);
        } finally {
            model.removeRoutes(routeIds);
            model.removeConfigurations(configurationIds);
        }
    }

    /** One route per configuration that uses it, prepared by Camel's builder, which is what applies a configuration. */
    private static List<RouteDefinition> standIns(CamelContext camel, List<String> configurationIds) throws Exception {
        if (configurationIds.isEmpty()) {
            return List.of(); // most files: nothing to stand in for, no builder to run
        }
        RouteBuilder builder = new RouteBuilder(camel) {
            @Override
            public void configure() {
                for (String id : configurationIds) {
                    from("direct:" + id).routeId(id).routeConfigurationId(id).log("trial");
                }
            }
        };
        return builder.configureRoutes(camel).getRoutes();
    }
}
