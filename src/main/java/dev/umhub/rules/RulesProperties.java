package dev.umhub.rules;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code umhub.rules.*}: where the DRL files are and how often they are checked for edits. */
@ConfigurationProperties(prefix = "umhub.rules")
public class RulesProperties {

    /** Folder of the DRL files that decide which destinations an event goes to. */
    private String directory = "./rules";
    /** How often the rules folder is checked for edits. */
    private Duration pollInterval = Duration.ofMillis(500);

    public String getDirectory() {
        return directory;
    }

    public void setDirectory(String directory) {
        this.directory = directory;
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }
}
