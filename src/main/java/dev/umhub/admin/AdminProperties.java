package dev.umhub.admin;

import dev.umhub.support.ServedPaths;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code umhub.admin.*}: the admin API. */
@ConfigurationProperties(prefix = "umhub.admin")
public class AdminProperties {

    /** Serve the admin API (events, dead letters, replay, rules, sources); the standalone server turns it on, an application embedding umhub decides. */
    private boolean enabled = false;
    /** Bearer token required on the admin API; when empty the API is open, which umhub allows only on a loopback address. */
    private String token = "";
    /** Path the admin API is served under. */
    private String path = "/api";

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    /** The admin API's path as served ({@code /api} for {@code api/}), or null when the API is off. */
    public String servedPath() {
        if (!enabled) {
            return null;
        }
        return ServedPaths.of(path, "/api");
    }
}
