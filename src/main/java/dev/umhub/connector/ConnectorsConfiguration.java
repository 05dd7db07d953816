package dev.umhub.connector;

import dev.umhub.connector.amplitude.AmplitudeConnector;
import dev.umhub.connector.amplitude.AmplitudeProperties;
import dev.umhub.connector.ga4.Ga4Connector;
import dev.umhub.connector.ga4.Ga4Properties;
import dev.umhub.connector.hubspot.HubSpotConnector;
import dev.umhub.connector.hubspot.HubSpotProperties;
import dev.umhub.connector.kafka.KafkaConnector;
import dev.umhub.connector.kafka.KafkaDestinationProperties;
import dev.umhub.connector.mixpanel.MixpanelConnector;
import dev.umhub.connector.mixpanel.MixpanelProperties;
import dev.umhub.connector.pipedrive.PipedriveConfiguration;
import dev.umhub.connector.posthog.PostHogConnector;
import dev.umhub.connector.posthog.PostHogProperties;
import dev.umhub.connector.route.DestinationMappings;
import dev.umhub.connector.salesforce.SalesforceConfiguration;
import dev.umhub.connector.segment.SegmentConnector;
import dev.umhub.connector.segment.SegmentProperties;
import dev.umhub.connector.slack.SlackConnector;
import dev.umhub.connector.slack.SlackProperties;
import dev.umhub.connector.webhook.WebhookConnector;
import dev.umhub.connector.webhook.WebhookProperties;
import dev.umhub.connector.webhook.WebhookSigner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The connectors written in Java, for providers whose protocol needs more than a mapping. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({HubSpotProperties.class, Ga4Properties.class, MixpanelProperties.class,
    PostHogProperties.class, SegmentProperties.class, AmplitudeProperties.class, SlackProperties.class,
    WebhookProperties.class, KafkaDestinationProperties.class})
@Import({HubSpotConnector.class, Ga4Connector.class, MixpanelConnector.class, PostHogConnector.class,
    SegmentConnector.class, AmplitudeConnector.class, SlackConnector.class, WebhookConnector.class,
    KafkaConnector.class, SalesforceConfiguration.class, PipedriveConfiguration.class})
public class ConnectorsConfiguration {

    /** Basic auth headers for routes whose provider wants an empty password ({@link BasicAuth}). */
    @Bean
    BasicAuth umhubBasicAuth() {
        return new BasicAuth();
    }

    /** Signs the webhook destination's messages when they are sent ({@code routes/destinations/webhook.yaml}). */
    @Bean
    WebhookSigner umhubWebhookSigner(WebhookProperties properties, java.time.Clock clock) {
        return new WebhookSigner(properties, clock);
    }

    /** The JSONata mappings that go with destination route files ({@code <name>.jsonata}). */
    @Bean
    DestinationMappings umhubDestinationMappings() {
        return new DestinationMappings();
    }
}
