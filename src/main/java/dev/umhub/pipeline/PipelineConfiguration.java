package dev.umhub.pipeline;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Decide, plan, journal: what happens to every event a source hands over. */
@Configuration(proxyBeanMethods = false)
@Import({EventPipeline.class, Journal.class, DeliveryPlanner.class})
public class PipelineConfiguration {
}
