package dev.umhub.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code umhub.*} settings shared by the whole hub. Destination settings live with their connectors
 * ({@code umhub.destinations.<name>.*}). Every option has a one-sentence doc and a default here; README's
 * configuration table is checked against this declaration by a test.
 */
@ConfigurationProperties(prefix = "umhub")
public class UmhubProperties {

    private final Sources sources = new Sources();
    private final Rules rules = new Rules();
    private final Routes routes = new Routes();
    private final Store store = new Store();
    private final Admin admin = new Admin();
    private final Delivery delivery = new Delivery();
    private final Retention retention = new Retention();
    private final Replay replay = new Replay();
    private final Quarantine quarantine = new Quarantine();
    /** umhub's URL as the platform reaches it (e.g. https://umhub.example.com), used when subscribing webhooks. */
    private String publicUrl = "";

    public String getPublicUrl() {
        return publicUrl;
    }

    public void setPublicUrl(String publicUrl) {
        this.publicUrl = publicUrl == null ? "" : publicUrl.trim();
    }

    public Sources getSources() {
        return sources;
    }

    public Rules getRules() {
        return rules;
    }

    public Routes getRoutes() {
        return routes;
    }

    public Store getStore() {
        return store;
    }

    public Admin getAdmin() {
        return admin;
    }

    public Delivery getDelivery() {
        return delivery;
    }

    public Retention getRetention() {
        return retention;
    }

    public Replay getReplay() {
        return replay;
    }

    public Quarantine getQuarantine() {
        return quarantine;
    }

    public static class Retention {
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

    public static class Replay {
        /** Most dead letters a bulk replay sends back per second, so a recovered provider is not flooded. */
        private int ratePerSecond = 20;

        public int getRatePerSecond() {
            return ratePerSecond;
        }

        public void setRatePerSecond(int ratePerSecond) {
            this.ratePerSecond = ratePerSecond;
        }
    }

    public static class Quarantine {
        /** Most bytes of a refused body kept for inspection; the rest is cut. */
        private int maxBodyBytes = 64 * 1024;

        public int getMaxBodyBytes() {
            return maxBodyBytes;
        }

        public void setMaxBodyBytes(int maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
        }
    }

    public static class Sources {
        private final UltimateMultisite ultimateMultisite = new UltimateMultisite();
        private final Inbox inbox = new Inbox();

        public UltimateMultisite getUltimateMultisite() {
            return ultimateMultisite;
        }

        public Inbox getInbox() {
            return inbox;
        }
    }

    public static class UltimateMultisite {
        /** Secret that webhook callers must pass as ?token=...; webhooks are refused (401) until it is set. */
        private String token = "";
        /** CIDR ranges (e.g. 203.0.113.7/32) allowed to call the webhooks; empty allows any address. */
        private List<String> allowedIps = new ArrayList<>();
        /** Deliver the platform's "Send Test Event" payloads too; by default they are decided but not delivered. */
        private boolean deliverTestEvents = false;
        /** Largest accepted webhook body in bytes; larger ones get 413. */
        private int maxBodyBytes = 1024 * 1024;

        public String getToken() {
            return token;
        }

        public void setToken(String token) {
            this.token = token;
        }

        public List<String> getAllowedIps() {
            return allowedIps;
        }

        public void setAllowedIps(List<String> allowedIps) {
            this.allowedIps = allowedIps;
        }

        public boolean isDeliverTestEvents() {
            return deliverTestEvents;
        }

        public void setDeliverTestEvents(boolean deliverTestEvents) {
            this.deliverTestEvents = deliverTestEvents;
        }

        public int getMaxBodyBytes() {
            return maxBodyBytes;
        }

        public void setMaxBodyBytes(int maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
        }
    }

    public static class Inbox {
        /** Folder watched for <slug>-anything.json files; ingested files move to .done/, rejected ones to .failed/. */
        private String directory = "./data/inbox";

        public String getDirectory() {
            return directory;
        }

        public void setDirectory(String directory) {
            this.directory = directory;
        }
    }

    public static class Rules {
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

    public static class Routes {
        /** Folder of the Camel YAML routes (sources and destinations); edits are reloaded live. */
        private String directory = "./routes";

        public String getDirectory() {
            return directory;
        }

        public void setDirectory(String directory) {
            this.directory = directory;
        }
    }

    public static class Store {
        /** JDBC URL of the store: an embedded H2 file by default, jdbc:postgresql://... when scaled out. */
        private String url = "jdbc:h2:file:./data/umhub";
        /** Store user name. */
        private String username = "sa";
        /** Store password. */
        private String password = "";

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
    }

    public static class Admin {
        /** Bearer token required on /api/**; when empty the admin API is open (only for local use). */
        private String token = "";

        public String getToken() {
            return token;
        }

        public void setToken(String token) {
            this.token = token;
        }
    }

    public static class Delivery {
        /** How often each destination lane looks for due deliveries when nothing woke it earlier. */
        private Duration pollInterval = Duration.ofMillis(500);
        /** How long a claimed delivery stays reserved for one instance before another may take it over. */
        private Duration lease = Duration.ofMinutes(2);
        /** On shutdown, how long in-flight deliveries may take to finish; the rest stay in the outbox. */
        private Duration shutdownGrace = Duration.ofSeconds(20);

        public Duration getShutdownGrace() {
            return shutdownGrace;
        }

        public void setShutdownGrace(Duration shutdownGrace) {
            this.shutdownGrace = shutdownGrace;
        }

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
    }
}
