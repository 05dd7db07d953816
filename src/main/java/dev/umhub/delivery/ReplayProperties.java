package dev.umhub.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code umhub.replay.*}: bulk replays of dead letters. */
@ConfigurationProperties(prefix = "umhub.replay")
public class ReplayProperties {

    /** Most dead letters a bulk replay sends back per second, so a recovered provider is not flooded. */
    private int ratePerSecond = 20;

    public int getRatePerSecond() {
        return ratePerSecond;
    }

    public void setRatePerSecond(int ratePerSecond) {
        this.ratePerSecond = ratePerSecond;
    }
}
