package dev.umhub.connector.salesforce;

import dev.umhub.store.Json;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Salesforce connector, its token and the route step that makes its requests. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SalesforceProperties.class)
public class SalesforceConfiguration {

    @Bean
    SalesforceTokens umhubSalesforceTokens(SalesforceProperties properties, Json json) {
        return new SalesforceTokens(properties, json.mapper());
    }

    @Bean
    SalesforceConnector salesforceConnector(SalesforceProperties properties, SalesforceTokens tokens, Json json) {
        return new SalesforceConnector(properties, tokens, json);
    }

    @Bean
    SalesforceRequest umhubSalesforceRequest(SalesforceProperties properties, SalesforceTokens tokens, Json json) {
        return new SalesforceRequest(properties, tokens, json);
    }
}
