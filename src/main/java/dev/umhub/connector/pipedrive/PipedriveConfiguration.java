package dev.umhub.connector.pipedrive;

import dev.umhub.store.Json;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Pipedrive connector and the route steps that make its calls. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PipedriveProperties.class)
public class PipedriveConfiguration {

    @Bean
    PipedriveConnector pipedriveConnector(PipedriveProperties properties, Json json) {
        return new PipedriveConnector(properties, json);
    }

    @Bean
    PipedriveRequests umhubPipedrive(PipedriveProperties properties, Json json) {
        return new PipedriveRequests(properties, json);
    }

    @Bean
    PipedriveDealRequests umhubPipedriveDeals(PipedriveProperties properties, Json json) {
        return new PipedriveDealRequests(properties, json);
    }
}
