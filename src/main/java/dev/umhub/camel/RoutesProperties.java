package dev.umhub.camel;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code umhub.routes.*}: where umhub's Camel YAML routes come from. */
@ConfigurationProperties(prefix = "umhub.routes")
public class RoutesProperties {

    /**
     * Folder of the Camel YAML routes (sources and destinations), reloaded live when a file changes; empty uses the
     * routes bundled in the umhub jar (Ultimate Multisite webhook and REST sources, HubSpot and GA4).
     */
    private String directory = "";
    /** How often the routes folder is checked for added, changed and deleted files. */
    private Duration pollInterval = Duration.ofSeconds(1);

    public String getDirectory() {
        return directory;
    }

    public void setDirectory(String directory) {
        this.directory = directory == null ? "" : directory.trim();
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }
}
