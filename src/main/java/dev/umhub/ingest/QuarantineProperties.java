package dev.umhub.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code umhub.quarantine.*}: what is kept of refused messages. */
@ConfigurationProperties(prefix = "umhub.quarantine")
public class QuarantineProperties {

    /** Most bytes of a refused body kept for inspection; the rest is cut. */
    private int maxBodyBytes = 64 * 1024;

    public int getMaxBodyBytes() {
        return maxBodyBytes;
    }

    public void setMaxBodyBytes(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }
}
