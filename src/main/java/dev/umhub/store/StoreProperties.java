package dev.umhub.store;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code umhub.store.*}: umhub's own database, never the host application's. */
@ConfigurationProperties(prefix = "umhub.store")
public class StoreProperties {

    /**
     * JDBC URL of the store: an embedded H2 file by default, jdbc:postgresql://... when scaled out (umhub asks the
     * PostgreSQL driver for reWriteBatchedInserts=true unless the URL sets it).
     */
    private String url = "jdbc:h2:file:./data/umhub";
    /** Store user name. */
    private String username = "sa";
    /** Store password. */
    private String password = "";
    /**
     * Schema umhub's tables live in (created when missing), for a PostgreSQL database shared with other
     * applications; empty uses the connection's default.
     */
    private String schema = "";
    /** Most connections umhub holds to the store. */
    private int poolSize = 10;
    /**
     * How long a request waits for a store connection before it is answered 503 with Retry-After: short, so a store
     * outage or an exhausted pool refuses at once instead of holding senders.
     */
    private Duration connectionTimeout = Duration.ofSeconds(2);

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getSchema() {
        return schema;
    }

    public void setSchema(String schema) {
        this.schema = schema == null ? "" : schema.trim();
    }

    public int getPoolSize() {
        return poolSize;
    }

    public void setPoolSize(int poolSize) {
        this.poolSize = poolSize;
    }

    public Duration getConnectionTimeout() {
        return connectionTimeout;
    }

    public void setConnectionTimeout(Duration connectionTimeout) {
        this.connectionTimeout = connectionTimeout;
    }
}
