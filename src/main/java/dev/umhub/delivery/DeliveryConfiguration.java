package dev.umhub.delivery;

import java.time.Clock;
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

    @Bean
    DestinationCalls umhubDestinationCalls(ProducerTemplate producer, Clock clock) {
        return new DestinationCalls(producer, clock);
    }

    /** Records the request each attempt's route really sent; Camel Spring Boot adds event notifier beans itself. */
    @Bean
    SentRequests umhubSentRequests() {
        return new SentRequests();
    }
}
