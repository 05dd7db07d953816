package dev.umhub.ultimatemultisite.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import dev.umhub.connector.CustomerRecord;
import dev.umhub.store.CustomerStore;
import dev.umhub.ultimatemultisite.platform.PlatformRestClient;
import dev.umhub.ultimatemultisite.platform.PlatformRestException;
import dev.umhub.ultimatemultisite.platform.PlatformRestProperties;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A customer's email, which the platform's customer objects do not carry: the last {@code customer_user_email} umhub
 * saw in a webhook for that customer, else (when configured) the WordPress user's email read with an application
 * password.
 */
@Component
public class CustomerEmails {

    private static final Logger log = LoggerFactory.getLogger(CustomerEmails.class);

    private final CustomerStore customers;
    private final PlatformRestClient client;
    private final PlatformRestProperties properties;
    private final TtlCache<String> byUser;

    public CustomerEmails(CustomerStore customers, PlatformRestClient client, PlatformRestProperties properties,
                          Clock clock) {
        this.customers = customers;
        this.client = client;
        this.properties = properties;
        this.byUser = new TtlCache<>(properties.getCacheTtl(), clock);
    }

    /** The email as far as umhub knows it already, without asking WordPress: for use inside a transaction. */
    public Optional<String> known(String customerId, String userId) {
        Optional<String> seen = Optional.ofNullable(customerId).flatMap(customers::find).map(CustomerRecord::email);
        return seen.isPresent() || userId == null ? seen : byUser.any(userId);
    }

    /** Whether {@link #find} may ask WordPress for this user at all (a real user, and WordPress users configured). */
    public boolean asksWordPress(String userId) {
        return userId != null && !"0".equals(userId) && properties.isWordPressUsersConfigured();
    }

    /** The email, read from WordPress when umhub has none: never call inside a transaction. */
    public Optional<String> find(String customerId, String userId) {
        Optional<String> seen = Optional.ofNullable(customerId).flatMap(customers::find).map(CustomerRecord::email);
        if (seen.isPresent() || !asksWordPress(userId)) {
            return seen;
        }
        Optional<String> cached = byUser.fresh(userId);
        if (cached.isPresent()) {
            return cached;
        }
        try {
            JsonNode user = client.wordPressUser(userId);
            String email = user.path("email").asText("");
            if (email.contains("@")) {
                byUser.put(userId, email);
                return Optional.of(email);
            }
        } catch (PlatformRestException e) {
            log.warn("Email of WordPress user {} not read ({}); events go on without it", userId, e.getMessage());
        }
        return byUser.any(userId);
    }
}
