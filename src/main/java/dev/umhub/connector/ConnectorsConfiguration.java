package dev.umhub.connector;

import dev.umhub.connector.ga4.Ga4Connector;
import dev.umhub.connector.ga4.Ga4Properties;
import dev.umhub.connector.hubspot.HubSpotConnector;
import dev.umhub.connector.hubspot.HubSpotProperties;
import dev.umhub.connector.route.DestinationMappings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The connectors written in Java, for providers whose protocol needs more than a mapping. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({HubSpotProperties.class, Ga4Properties.class})
@Import({HubSpotConnector.class, Ga4Connector.class})
public class ConnectorsConfiguration {

    /** The JSONata mappings that go with destination route files ({@code <name>.jsonata}). */
    @Bean
    DestinationMappings umhubDestinationMappings() {
        return new DestinationMappings();
    }
}
