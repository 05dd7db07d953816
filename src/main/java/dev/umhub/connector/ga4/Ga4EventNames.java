package dev.umhub.connector.ga4;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * GA4 event names that GA4 would drop: refused when the rules load (a literal name in a rule) and by the connector (a
 * name computed at run time). The Measurement Protocol answers 2xx to everything
 * and silently drops an event with an invalid or reserved name, so a typo in {@code new Dispatch("ga4", "...")} would
 * otherwise lose every such event without a trace (the connector refuses them too, but only once events come, as dead
 * letters). The rules of GA4's "Limitations" and reserved names, as {@code shared/reference/providers.md} §5 gives
 * them: 1 to 40 characters, letters, digits and {@code _}, starting with a letter; not a reserved name; no reserved
 * prefix.
 */
public final class Ga4EventNames {

    static final int MAX_LENGTH = 40;

    static final Set<String> RESERVED_NAMES = Set.of("ad_activeview", "ad_click", "ad_exposure", "ad_impression",
            "ad_query", "ad_reward", "adunit_exposure", "app_background", "app_clear_data", "app_exception",
            "app_remove", "app_store_refund", "app_store_subscription_cancel", "app_store_subscription_convert",
            "app_store_subscription_renew", "app_update", "app_upgrade", "dynamic_link_app_open",
            "dynamic_link_app_update", "dynamic_link_first_open", "error", "firebase_campaign",
            "firebase_in_app_message_action", "firebase_in_app_message_dismiss", "firebase_in_app_message_impression",
            "first_open", "first_visit", "in_app_purchase", "notification_dismiss", "notification_foreground",
            "notification_open", "notification_receive", "os_update", "screen_view", "session_start",
            "session_start_with_rollout", "user_engagement");

    /** Tested before the characters, so {@code gtag.x} is told about its prefix rather than its dot. */
    static final List<String> RESERVED_PREFIXES = List.of("_", "firebase_", "ga_", "google_", "gtag.");

    private Ga4EventNames() {
    }

    /** Why GA4 would drop an event of this name, or empty when it is a name GA4 keeps. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("is empty");
        }
        if (RESERVED_NAMES.contains(name)) {
            return Optional.of("is reserved by GA4");
        }
        for (String prefix : RESERVED_PREFIXES) {
            if (name.startsWith(prefix)) {
                return Optional.of("starts with '" + prefix + "', a prefix GA4 reserves");
            }
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("is " + name.length() + " characters long, GA4 takes at most " + MAX_LENGTH);
        }
        if (!isAsciiLetter(name.charAt(0))) {
            return Optional.of("must start with a letter, not '" + name.charAt(0) + "'");
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '_') {
                return Optional.of("has '" + c + "' at " + (i + 1) + "; GA4 takes only letters, digits and _");
            }
        }
        return Optional.empty();
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
