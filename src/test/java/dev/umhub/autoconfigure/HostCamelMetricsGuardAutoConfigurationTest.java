package dev.umhub.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;
import org.apache.camel.component.micrometer.springboot.metrics.CamelMetricsAutoConfiguration;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** camel-micrometer's auto-configuration comes with umhub's jar; an application without a registry must still start. */
class HostCamelMetricsGuardAutoConfigurationTest {

    private final ApplicationContextRunner camelApplication = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CamelAutoConfiguration.class,
                    CamelMetricsAutoConfiguration.class, HostCamelMetricsGuardAutoConfiguration.class));

    @Test
    void anApplicationWithoutAMeterRegistryStartsWithoutCamelsRouteMetrics() {
        camelApplication.run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(CamelMetricsAutoConfiguration.class)
                    .doesNotHaveBean(MeterRegistry.class);
            assertThat(context.getBean(CamelContext.class).getRoutePolicyFactories())
                    .noneMatch(MicrometerRoutePolicyFactory.class::isInstance);
        });
    }

    @Test
    void anApplicationWithAMeterRegistryGetsCamelsRouteMetricsAsBefore() {
        camelApplication.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(CamelMetricsAutoConfiguration.class);
            assertThat(context.getBean(CamelContext.class).getRoutePolicyFactories())
                    .anyMatch(MicrometerRoutePolicyFactory.class::isInstance);
        });
    }
}
