package dev.umhub.delivery;

import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Delivery lanes, attempts, dead letters, replays and the retention purge. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({DeliveryProperties.class, ReplayProperties.class, RetentionProperties.class})
@Import({Destinations.class, AttemptRecorder.class, DeliveryAttempter.class, DeliveryLanes.class, DeadLetters.class,
    ReplayJobs.class, RetentionPurge.class})
public class DeliveryConfiguration {

    /**
     * Sends on a template of umhub's own: its async sends use Camel's async routing engine directly (not threaded), so
     * a call on a non-blocking route holds no thread while the provider answers. The shared template, which a host
     * application may use, is left as it is.
     */
    @Bean
    DestinationCalls umhubDestinationCalls(CamelContext camel, Clock clock) {
        ProducerTemplate producer = camel.createProducerTemplate();
        producer.setThreadedAsyncMode(false);
        return new DestinationCalls(producer, clock);
    }

    /**
     * The non-blocking HTTP client of the shipped destination routes ({@code webClientOptions: "#umhubHttpClientOptions"}
     * on their {@code vertx-http} endpoints): a pool per provider host, never retrying on its own (umhub's retries are
     * durable and per delivery). Set per endpoint, so a host application's own vertx-http routes are left alone.
     */
    @Bean
    WebClientOptions umhubHttpClientOptions(DeliveryProperties properties) {
        return new WebClientOptions()
                .setMaxPoolSize(Math.max(1, properties.getConnectionsPerHost()))
                .setConnectTimeout((int) properties.getConnectTimeout().toMillis())
                .setKeepAlive(true)
                .setUserAgent("umhub");
    }

    /** Records the request each attempt's route really sent; Camel Spring Boot adds event notifier beans itself. */
    @Bean
    SentRequests umhubSentRequests() {
        return new SentRequests();
    }
}
