package dev.umhub.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code umhub.delivery.*}: how the delivery lanes claim and hand back work. */
@ConfigurationProperties(prefix = "umhub.delivery")
public class DeliveryProperties {

    /** How often each destination lane looks for due deliveries when nothing woke it earlier. */
    private Duration pollInterval = Duration.ofMillis(500);
    /** How long a claimed delivery stays reserved for one instance before another may take it over; renewed while its call runs. */
    private Duration lease = Duration.ofMinutes(2);
    /** On shutdown, how long in-flight deliveries may take to finish; the rest stay in the outbox. */
    private Duration shutdownGrace = Duration.ofSeconds(20);

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public Duration getLease() {
        return lease;
    }

    public void setLease(Duration lease) {
        this.lease = lease;
    }

    public Duration getShutdownGrace() {
        return shutdownGrace;
    }

    public void setShutdownGrace(Duration shutdownGrace) {
        this.shutdownGrace = shutdownGrace;
    }
}
