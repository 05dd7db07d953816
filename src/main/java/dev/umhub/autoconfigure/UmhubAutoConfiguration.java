package dev.umhub.autoconfigure;

import dev.umhub.admin.AdminConfiguration;
import dev.umhub.console.ConsoleConfiguration;
import dev.umhub.camel.CamelConfiguration;
import dev.umhub.connector.ConnectorsConfiguration;
import dev.umhub.delivery.DeliveryConfiguration;
import dev.umhub.ingest.IngestConfiguration;
import dev.umhub.metrics.MetricsConfiguration;
import dev.umhub.pipeline.PipelineConfiguration;
import dev.umhub.rules.RulesConfiguration;
import dev.umhub.store.StoreConfiguration;
import dev.umhub.support.Housekeeping;
import dev.umhub.ultimatemultisite.UltimateMultisiteConfiguration;
import dev.umhub.web.WebConfiguration;
import java.time.Clock;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * umhub in any Camel Spring Boot application: adding the {@code dev.umhub:umhub} jar is enough. It runs umhub's
 * ingest, rules and delivery inside the application's CamelContext and leaves the application alone: no
 * {@code DataSource}, {@code ObjectMapper}, {@code TaskScheduler} or transaction manager bean of umhub's shadows the
 * application's (umhub's store, JSON and threads are its own); server port, address and the Camel context name stay
 * the application's; umhub's filters and error handling touch only umhub's paths; the admin API is off unless
 * {@code umhub.admin.enabled=true}. {@code umhub.enabled=false} turns all of it off.
 */
@AutoConfiguration(after = CamelAutoConfiguration.class)
@ConditionalOnClass(CamelAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(prefix = "umhub", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(UmhubProperties.class)
@Import({StoreConfiguration.class, RulesConfiguration.class, PipelineConfiguration.class, ConnectorsConfiguration.class,
    DeliveryConfiguration.class, IngestConfiguration.class, UltimateMultisiteConfiguration.class,
    CamelConfiguration.class, WebConfiguration.class, AdminConfiguration.class, MetricsConfiguration.class,
    ConsoleConfiguration.class})
public class UmhubAutoConfiguration {

    /** The application's clock when it has one (tests pin it); the system clock in UTC otherwise. */
    @Bean
    @ConditionalOnMissingBean(Clock.class)
    Clock umhubClock() {
        return Clock.systemUTC();
    }

    @Bean
    Housekeeping umhubHousekeeping() {
        return new Housekeeping();
    }

    @Bean
    static SecretsRegistrar umhubSecretsRegistrar(Environment environment) {
        return new SecretsRegistrar(environment);
    }
}
