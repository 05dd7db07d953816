package dev.umhub.console;

import dev.umhub.support.ServedPaths;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code umhub.console.*}: the operator console, served beside the admin API it reads. */
@ConfigurationProperties(prefix = "umhub.console")
public class ConsoleProperties {

    /** Serve the operator console (events, deliveries, dead letters, destinations, rules, sources); only while the admin API is on. */
    private boolean enabled = true;
    /** Path the console is served under (an application embedding umhub may need another than its own /console). */
    private String path = "/console";

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    /** The console's path ({@code /console} for {@code console/}), or null when it is not served (off, or the admin API it reads is off). */
    public String servedPath(boolean adminEnabled) {
        if (!enabled || !adminEnabled) {
            return null;
        }
        return ServedPaths.of(path, "/console");
    }
}
