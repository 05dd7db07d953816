package dev.umhub.pipeline;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Append, then decide, plan, journal: what happens to every message a source hands over. The intake journal is the
 * durable point the sender's answer waits for; the rest runs after, in batches.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PipelineProperties.class)
@Import({IntakeJournal.class, IntakeProcessor.class, EventPipeline.class, Journal.class, DeliveryPlanner.class,
        Redecider.class, Redecisions.class, LateFacts.class})
public class PipelineConfiguration {
}
