package dev.umhub.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * umhub brings {@code camel-micrometer-starter} for Camel's route metrics, and its auto-configuration requires a
 * Micrometer {@code MeterRegistry} bean: an application without one (Spring Boot's metrics auto-configuration
 * excluded, as umhub's own server did before it exposed metrics) would no longer start because the umhub jar is on
 * its classpath. Where no registry bean is defined, that auto-configuration is left out, and Camel runs without
 * route metrics, as the application did before; with a registry, nothing changes. Active whether or not umhub itself
 * is enabled, since the jar on the classpath is what brings the starter.
 */
@AutoConfiguration
@ConditionalOnClass(name = HostCamelMetricsGuardAutoConfiguration.CAMEL_METRICS)
public class HostCamelMetricsGuardAutoConfiguration {

    /** The auto-configuration to leave out; an auto-configuration's bean is named after its class. */
    static final String CAMEL_METRICS =
            "org.apache.camel.component.micrometer.springboot.metrics.CamelMetricsAutoConfiguration";

    /** Static: it must run before any bean is made, once every configuration has defined its beans. */
    @Bean
    static BeanDefinitionRegistryPostProcessor umhubCamelMetricsOnlyWithRegistry() {
        return new CamelMetricsOnlyWithRegistry();
    }

    static final class CamelMetricsOnlyWithRegistry implements BeanDefinitionRegistryPostProcessor {

        private static final Logger log = LoggerFactory.getLogger(CamelMetricsOnlyWithRegistry.class);

        @Override
        public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
            // by type from the definitions only (no bean made), as Spring Boot's @ConditionalOnBean looks
            if (registry.containsBeanDefinition(CAMEL_METRICS) && registry instanceof ListableBeanFactory beans
                    && beans.getBeanNamesForType(MeterRegistry.class, true, false).length == 0) {
                registry.removeBeanDefinition(CAMEL_METRICS);
                log.debug("No MeterRegistry bean: Camel's route metrics (camel-micrometer) left out");
            }
        }
    }
}
