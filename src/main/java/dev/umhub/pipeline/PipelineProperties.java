package dev.umhub.pipeline;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code umhub.pipeline.*}: processing of what the intake journal holds, after the sender got its 202. */
@ConfigurationProperties(prefix = "umhub.pipeline")
public class PipelineProperties {

    /**
     * Most journaled messages processed in one store transaction (normalised, tracked, decided, planned); unset: 64
     * on an H2 file, 256 on other stores (PostgreSQL).
     */
    private Integer batchSize;

    /**
     * How often the journal is looked at for messages this process was not told of: appended by another instance
     * sharing the store, or left pending by a crash or a store outage.
     */
    private Duration pollInterval = Duration.ofSeconds(1);

    public Integer getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(Integer batchSize) {
        this.batchSize = batchSize;
    }

    /**
     * The batch size for a store, unless one is set. Smaller on H2 (a file, embedded or served): H2 writes a chunk
     * several times a second, and a transaction open across one has its undo log written with it and read back from
     * the file at commit. With 256 messages a batch is open across most chunk writes: measured (docs/performance.md,
     * 2026-12-08), 64 halved the undo logs' part of what H2 wrote and cut the heap allocated per event by 14 % and CPU
     * per event by about 5 %. PostgreSQL has no such cost, and fewer commits there are fewer round trips.
     */
    public int batchSizeFor(boolean h2File) {
        return batchSize != null ? batchSize : h2File ? 64 : 256;
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }
}
