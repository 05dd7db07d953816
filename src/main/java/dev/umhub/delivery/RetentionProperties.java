package dev.umhub.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code umhub.retention.*}: how long finished work is kept. */
@ConfigurationProperties(prefix = "umhub.retention")
public class RetentionProperties {

    /** How long events whose deliveries all finished are kept. */
    private Duration delivered = Duration.ofDays(30);
    /** How long events with dead letters are kept (pending deliveries are never purged). */
    private Duration deadLetters = Duration.ofDays(90);
    /** How long refused messages stay in the quarantine. */
    private Duration quarantine = Duration.ofDays(7);
    /** How often the purge runs. */
    private Duration interval = Duration.ofHours(1);

    public Duration getDelivered() {
        return delivered;
    }

    public void setDelivered(Duration delivered) {
        this.delivered = delivered;
    }

    public Duration getDeadLetters() {
        return deadLetters;
    }

    public void setDeadLetters(Duration deadLetters) {
        this.deadLetters = deadLetters;
    }

    public Duration getQuarantine() {
        return quarantine;
    }

    public void setQuarantine(Duration quarantine) {
        this.quarantine = quarantine;
    }

    public Duration getInterval() {
        return interval;
    }

    public void setInterval(Duration interval) {
        this.interval = interval;
    }
}
