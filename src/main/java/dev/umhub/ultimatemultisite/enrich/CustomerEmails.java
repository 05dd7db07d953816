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
 *
 * <p>On Multisite the WordPress users endpoint of the main site answers 404 for every user who is not a member of
 * the main site, which is every network customer (the plugin's own REST API has no email either): there the emails
 * come from the webhooks, and an event polled before its webhook is completed when the webhook arrives
 * ({@code pipeline/LateFacts}). A 404 is therefore remembered per user for the cache's time and logged once.
 */
@Component
public class CustomerEmails {

    private static final Logger log = LoggerFactory.getLogger(CustomerEmails.class);

    private final CustomerStore customers;
    private final PlatformRestClient client;
    private final PlatformRestProperties properties;
    private final TtlCache<String> byUser;
    /** Users WordPress answered 404 for: not asked again within the cache's time. */
    private final TtlCache<Boolean> notVisible;
    private final java.util.concurrent.atomic.AtomicBoolean notVisibleLogged = new java.util.concurrent.atomic.AtomicBoolean();

    public CustomerEmails(CustomerStore customers, PlatformRestClient client, PlatformRestProperties properties,
                          Clock clock) {
        this.customers = customers;
        this.client = client;
        this.properties = properties;
        this.byUser = new TtlCache<>(properties.getCacheTtl(), clock);
        this.notVisible = new TtlCache<>(properties.getCacheTtl(), clock);
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
        if (byUser.fresh(userId).isPresent() || notVisible.fresh(userId).isPresent()) {
            return byUser.any(userId);
        }
        try {
            JsonNode user = client.wordPressUser(userId);
            String email = user.path("email").asText("");
            if (email.contains("@")) {
                byUser.put(userId, email);
                return Optional.of(email);
            }
        } catch (PlatformRestException e) {
            if (e.status() == 404) {
                notVisible.put(userId, Boolean.TRUE);
                if (notVisibleLogged.compareAndSet(false, true)) {
                    log.warn("WordPress answers 404 for user {} ({}): on Multisite its users endpoint sees only members"
                            + " of the main site, which network customers are not. Their emails come from the webhooks"
                            + " instead; events polled first are completed when their webhook arrives. Not logged again"
                            + " for other users", userId, e.getMessage());
                } else {
                    log.debug("Email of WordPress user {} not visible ({})", userId, e.getMessage());
                }
            } else {
                log.warn("Email of WordPress user {} not read ({}); events go on without it", userId, e.getMessage());
            }
        }
        return byUser.any(userId);
    }
}
