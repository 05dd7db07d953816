package dev.umhub.connector.segment;

import dev.umhub.connector.analytics.AnalyticsProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code umhub.destinations.segment.*}: Segment's HTTP Tracking API. */
@ConfigurationProperties(prefix = "umhub.destinations.segment")
public class SegmentProperties extends AnalyticsProperties {

    /** The HTTP API source's write key; without it Segment runs dry. */
    private String writeKey = "";

    public SegmentProperties() {
        // EU workspaces must use their regional host (events.eu1.segmentapis.com): the US host accepts and drops them
        super("https://api.segment.io", 500);
    }

    @Override
    public boolean isConfigured() {
        return present(writeKey);
    }

    public String getWriteKey() {
        return writeKey;
    }

    public void setWriteKey(String writeKey) {
        this.writeKey = writeKey;
    }
}
