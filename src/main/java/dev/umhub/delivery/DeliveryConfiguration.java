package dev.umhub.delivery;

import java.time.Clock;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spring.boot.CamelContextConfiguration;
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

    /** Records the request each attempt's route really sent ({@link SentRequests}). */
    @Bean
    CamelContextConfiguration umhubSentRequests() {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                camel.getManagementStrategy().addEventNotifier(new SentRequests());
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
            }
        };
    }
}
