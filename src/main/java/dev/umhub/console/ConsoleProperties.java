package dev.umhub.console;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code umhub.console.*}: the operator console, served beside the admin API it reads. */
@ConfigurationProperties(prefix = "umhub.console")
public class ConsoleProperties {

    /** Serve the operator console (events, deliveries, dead letters, destinations, rules, sources); only while the admin API is on. */
    private boolean enabled = true;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** The console's path, or null when it is not served (off, or the admin API it reads is off). */
    public String servedPath(boolean adminEnabled) {
        return enabled && adminEnabled ? ConsoleController.PATH : null;
    }
}
