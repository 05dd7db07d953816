package dev.umhub.ultimatemultisite;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.event.Billing;
import dev.umhub.event.Customer;
import dev.umhub.event.Domain;
import dev.umhub.event.EventData;
import dev.umhub.event.EventType;
import dev.umhub.event.Membership;
import dev.umhub.event.Payment;
import dev.umhub.event.PlatformEvent;
import dev.umhub.event.Site;
import dev.umhub.ingest.IdempotencyKeys;
import dev.umhub.ingest.IngestRejectedException;
import dev.umhub.ingest.SourceAdapter;
import dev.umhub.pipeline.KeyedEvent;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Reads Ultimate Multisite webhook bodies: flat objects with no event name (the slug comes from the URL), ids and
 * amounts as strings or numbers, money also as formatted text (ignored in favour of the {@code _raw} fields), and
 * an avatar HTML tag that is dropped.
 */
@Component
public class UltimateMultisiteAdapter implements SourceAdapter {

    public static final String SOURCE = "ultimate-multisite";

    private static final Set<String> SLUGS = Arrays.stream(WebhookSlug.values()).map(WebhookSlug::slug)
            .collect(Collectors.toCollection(TreeSet::new));

    @Override
    public String source() {
        return SOURCE;
    }

    @Override
    public Set<String> origins() {
        return SLUGS;
    }

    @Override
    public KeyedEvent normalise(String origin, ObjectNode body, Instant receivedAt) {
        WebhookSlug slug = WebhookSlug.of(origin).orElseThrow(() -> new IngestRejectedException(404,
                "Unknown event slug", "'" + origin + "' is not an Ultimate Multisite event slug; known slugs: " + SLUGS));
        PayloadChecks.check(slug, body);
        PayloadFields f = new PayloadFields(body);
        EventData data = new EventData(customer(f), membership(f), payment(f), site(f), domain(f), billing(f), extra(f));
        String key = IdempotencyKeys.of(SOURCE, origin, data);
        PlatformEvent event = new PlatformEvent(IdempotencyKeys.eventId(key), SOURCE, type(slug, data).value(),
                receivedAt, subject(slug, data), origin, TestEvents.isTest(f, data), data);
        return new KeyedEvent(event, key);
    }

    /** Statuses refine the slug: the platform has no webhook for failures or cancellations of their own. */
    static EventType type(WebhookSlug slug, EventData data) {
        String paymentStatus = data.payment() == null ? null : data.payment().status();
        String membershipStatus = data.membership() == null ? null : data.membership().status();
        return switch (slug) {
            case PAYMENT_RECEIVED, PAYMENT_CREATED, PAYMENT_UPDATED -> switch (String.valueOf(paymentStatus)) {
                case "failed" -> EventType.PAYMENT_FAILED;
                case "refunded", "partially-refunded" -> EventType.PAYMENT_REFUNDED;
                default -> slug.baseType();
            };
            case MEMBERSHIP_UPDATED -> switch (String.valueOf(membershipStatus)) {
                case "cancelled" -> EventType.MEMBERSHIP_CANCELLED;
                case "expired" -> EventType.MEMBERSHIP_EXPIRED;
                case "on-hold" -> EventType.MEMBERSHIP_ON_HOLD;
                default -> slug.baseType();
            };
            default -> slug.baseType();
        };
    }

    private static String subject(WebhookSlug slug, EventData data) {
        String id = switch (slug.subjectEntity()) {
            case "payment" -> data.payment() == null ? null : data.payment().id();
            case "membership" -> data.membership() == null ? null : data.membership().id();
            case "site" -> data.site() == null ? null : data.site().id();
            case "domain" -> data.domain() == null ? null : data.domain().id();
            default -> data.customer() == null ? null : data.customer().id();
        };
        return id == null ? null : slug.subjectEntity() + "/" + id;
    }

    private static Customer customer(PayloadFields f) {
        if (!f.hasAnyWithPrefix("customer_")) {
            return null;
        }
        // customer_avatar is an HTML <img> tag: deliberately not read, so it can never be forwarded
        return new Customer(f.id("customer_id"), f.text("customer_name"), f.id("customer_user_id"),
                f.text("customer_user_email"), f.text("customer_email_verification"),
                f.text("customer_billing_address"), f.text("customer_manage_url"));
    }

    private static Membership membership(PayloadFields f) {
        if (!f.hasAnyWithPrefix("membership_")) {
            return null;
        }
        // webhooks carry no duration fields: the period is read from the price text ("$ 29.00 every month")
        BillingPeriod period = BillingPeriod.fromDescription(f.text("membership_description"));
        return new Membership(f.id("membership_id"), f.text("membership_status"),
                References.reconcile(References.MEMBERSHIP, f.id("membership_id"), f.text("membership_reference_code")),
                f.decimal("membership_initial_amount_raw"), f.decimal("membership_amount_raw"),
                f.text("membership_currency"), f.text("membership_description"), f.text("membership_gateway"),
                f.instant("membership_date_expiration"), f.text("membership_manage_url"), period.period(),
                period.interval());
    }

    private static Payment payment(PayloadFields f) {
        if (!f.hasAnyWithPrefix("payment_")) {
            return null;
        }
        return new Payment(f.id("payment_id"), f.text("payment_status"),
                References.reconcile(References.PAYMENT, f.id("payment_id"), f.text("payment_reference_code")),
                f.decimal("payment_subtotal_raw"), f.decimal("payment_tax_total_raw"), f.decimal("payment_total_raw"),
                f.text("payment_currency"), f.text("payment_product_names"), f.instant("payment_date_created"),
                f.text("payment_gateway"), f.text("payment_invoice_url"), f.text("payment_manage_url"));
    }

    private static Site site(PayloadFields f) {
        if (!f.hasAnyWithPrefix("site_")) {
            return null;
        }
        return new Site(f.id("site_id"), f.text("site_title"), f.text("site_description"), f.text("site_url"),
                f.text("site_admin_url"), f.text("site_manage_url"));
    }

    private static Domain domain(PayloadFields f) {
        if (!f.hasAnyWithPrefix("domain_")) {
            return null;
        }
        return new Domain(f.id("domain_id"), f.text("domain_domain"), f.id("domain_site_id"), f.text("domain_stage"),
                f.bool("domain_active"), f.bool("domain_primary"), f.bool("domain_secure"),
                f.instant("domain_date_created"), f.text("domain_manage_url"));
    }

    /** The billing fields when sent; else, when the free-text address names a country, a part with just that. */
    private static Billing billing(PayloadFields f) {
        String country = country(f);
        if (!f.has("company_name") && !f.hasAnyWithPrefix("billing_") && country == null) {
            return null;
        }
        return new Billing(f.text("company_name"), f.text("billing_email"), f.text("billing_address_line_1"),
                f.text("billing_address_line_2"), country, f.text("billing_state"), f.text("billing_city"),
                f.text("billing_zip_code"));
    }

    /**
     * {@code billing_country} as sent (a name or a code: {@link Billing} makes it the ISO code); without that field, the country the free-text address names (the
     * platform's {@code customer_billing_address}, or else the address fields joined the way the platform joins them,
     * less the state, whose codes are country codes too: "CA", "GA", "DE"). A {@code billing_country} umhub does not
     * know is null: the address holds the same value, so reading it would only find another line, such as the state.
     */
    private static String country(PayloadFields f) {
        if (f.has("billing_country")) {
            return f.text("billing_country"); // Billing makes it an ISO code (or null when unknown)
        }
        String address = f.text("customer_billing_address");
        if (address == null) {
            address = Stream.of("company_name", "billing_email", "billing_address_line_1", "billing_address_line_2",
                    "billing_city", "billing_zip_code").map(f::text).filter(Objects::nonNull)
                    .collect(Collectors.joining("\n"));
        }
        return CountryFromAddress.find(address);
    }

    private static Map<String, String> extra(PayloadFields f) {
        Map<String, String> extra = new LinkedHashMap<>();
        for (String key : new String[] {"verification_link", "default_payment_url", "wu_version"}) {
            if (f.has(key)) {
                extra.put(key, f.text(key));
            }
        }
        return extra;
    }
}
