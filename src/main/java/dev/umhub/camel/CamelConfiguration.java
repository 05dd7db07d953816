package dev.umhub.camel;

import dev.umhub.camel.routes.RouteFileCompanion;
import dev.umhub.camel.routes.RouteFiles;
import dev.umhub.camel.routes.RouteFilesHealth;
import dev.umhub.camel.routes.RouteSource;
import dev.umhub.camel.routes.RoutesChanged;
import dev.umhub.camel.routes.StaleHttpMappings;
import dev.umhub.ingest.Ingest;
import dev.umhub.ingest.Quarantine;
import dev.umhub.ingest.Refusals;
import dev.umhub.store.Json;
import dev.umhub.support.Housekeeping;
import dev.umhub.camel.routes.RoutesFolderWatcher;
import dev.umhub.web.Problems;
import java.time.Clock;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * umhub inside a CamelContext (its own when standalone, the host's when embedded): {@code direct:ingest}, the route
 * files of {@code umhub.routes.directory} (or the bundled ones), the processors route files name, and the
 * placeholder defaults they read.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RoutesProperties.class)
public class CamelConfiguration {

    @Bean
    HttpReplies umhubHttpReplies(Json json, Problems problems) {
        return new HttpReplies(json, problems);
    }

    @Bean("umhubProblemResponder")
    ProblemResponder umhubProblemResponder(HttpReplies replies, Quarantine quarantine, Refusals refusals) {
        return new ProblemResponder(replies, quarantine, refusals);
    }

    @Bean
    RouteFiles umhubRouteFiles(CamelContext camel, RoutesProperties properties, Ingest ingest, HttpReplies replies,
                               ObjectProvider<RouteFileCompanion> companions, Clock clock,
                               ObjectProvider<RequestMappingInfoHandlerMapping> mappings,
                               ApplicationEventPublisher events) {
        return new RouteFiles(camel, RouteSource.of(properties.getDirectory()),
                List.of(new IngestRoute(ingest, replies)), companions.orderedStream().toList(), clock,
                new StaleHttpMappings(() -> mappings.orderedStream().toList()),
                () -> events.publishEvent(new RoutesChanged(camel)));
    }

    /** Once Camel runs: umhub's placeholder defaults, then its routes; afterwards the folder is watched. */
    @Bean
    CamelContextConfiguration umhubRoutesStarter(RouteFiles routes, ApplicationContext context) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                camel.getPropertiesComponent().addPropertiesSource(new UmhubPropertyDefaults(context));
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
                try {
                    routes.start();
                } catch (Exception e) {
                    throw new IllegalStateException("umhub's core routes could not be added", e);
                }
            }
        };
    }

    @Bean
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    RouteFilesHealth umhubRoutesHealthIndicator(RouteFiles routes) {
        return new RouteFilesHealth(routes);
    }

    @Bean
    RoutesFolderWatcher umhubRoutesWatcher(RouteFiles routes, Housekeeping housekeeping, RoutesProperties properties) {
        return new RoutesFolderWatcher(routes, housekeeping, properties.getPollInterval());
    }
}
