package dev.umhub.pipeline;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code umhub.pipeline.*}: processing of what the intake journal holds, after the sender got its 202. */
@ConfigurationProperties(prefix = "umhub.pipeline")
public class PipelineProperties {

    /** Most journaled messages processed in one store transaction (normalised, tracked, decided, planned). */
    private int batchSize = 256;

    /**
     * How often the journal is looked at for messages this process was not told of: appended by another instance
     * sharing the store, or left pending by a crash or a store outage.
     */
    private Duration pollInterval = Duration.ofSeconds(1);

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }
}
