package dev.umhub.connector.ga4;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.connector.UnmappableEventException;
import dev.umhub.event.Membership;
import dev.umhub.event.Payment;
import dev.umhub.event.PlatformEvent;
import java.math.BigDecimal;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Maps an event to one Measurement Protocol request: one GA4 event per action the rules chose. {@code purchase}
 * follows GA4's ecommerce schema; any other action becomes a custom event of that name with the event's ids and
 * amounts, which is how churn ({@code membership_cancelled}) and failures ({@code payment_failed}) are sent.
 */
final class Ga4Payloads {

    static final String PURCHASE = "purchase";
    private static final int MAX_PARAM_TEXT = 100;

    private Ga4Payloads() {
    }

    static ObjectNode collect(ObjectMapper json, PlatformEvent event, List<String> actions, String clientId,
                              String key) {
        ObjectNode body = json.createObjectNode();
        body.put("client_id", clientId);
        if (event.customer() != null && event.customer().id() != null) {
            body.put("user_id", event.customer().id());
        }
        body.put("timestamp_micros", ChronoUnit.MICROS.between(java.time.Instant.EPOCH, event.time()));
        ArrayNode events = body.putArray("events");
        for (String action : actions) {
            checkName(action);
            ObjectNode e = events.addObject();
            e.put("name", action);
            ObjectNode params = PURCHASE.equals(action) ? purchase(json, event) : custom(json, event);
            params.put("umhub_delivery_id", key);
            e.set("params", params);
        }
        return body;
    }

    private static ObjectNode purchase(ObjectMapper json, PlatformEvent event) {
        Payment p = event.payment();
        if (p == null || p.total() == null) {
            throw new UnmappableEventException("a GA4 purchase needs a payment with a total");
        }
        String currency = p.currency() != null ? p.currency() : membershipCurrency(event);
        if (currency == null) {
            throw new UnmappableEventException("a GA4 purchase with a value needs a currency, and the payment has none");
        }
        ObjectNode params = json.createObjectNode();
        params.put("transaction_id", text(p.referenceCode() != null ? p.referenceCode() : "payment-" + p.id()));
        params.put("value", p.total());
        params.put("tax", p.taxTotal() == null ? BigDecimal.ZERO : p.taxTotal());
        params.put("currency", currency);
        ObjectNode item = params.putArray("items").addObject();
        item.put("item_id", itemId(event));
        item.put("item_name", text(itemName(event)));
        item.put("item_category", "subscription");
        item.put("quantity", 1);
        item.put("price", p.subtotal() != null ? p.subtotal() : p.total());
        return params;
    }

    private static ObjectNode custom(ObjectMapper json, PlatformEvent event) {
        ObjectNode params = json.createObjectNode();
        params.put("umhub_event_type", event.type());
        Membership m = event.membership();
        Payment p = event.payment();
        if (m != null) {
            putText(params, "membership_id", m.id());
            putText(params, "membership_status", m.status());
            putText(params, "plan", event.data().plan() != null && event.data().plan().name() != null
                    ? event.data().plan().name() : p == null ? null : p.productNames());
        }
        if (p != null) {
            putText(params, "payment_id", p.id());
            putText(params, "payment_reference", p.referenceCode());
            putText(params, "payment_status", p.status());
            putText(params, "gateway", p.gateway());
        }
        BigDecimal value = p != null && p.total() != null ? p.total() : m == null ? null : m.amount();
        String currency = p != null && p.currency() != null ? p.currency() : membershipCurrency(event);
        if (value != null && currency != null) {
            params.put("value", value);
            params.put("currency", currency);
        }
        return params;
    }

    private static void checkName(String name) {
        // GA4 would answer 2xx and silently drop it: refuse loudly instead
        Ga4EventNames.problem(name).ifPresent(why -> {
            throw new UnmappableEventException("'" + name + "' is not a valid GA4 event name: it " + why);
        });
    }

    private static String itemId(PlatformEvent event) {
        if (event.data().plan() != null && event.data().plan().id() != null) {
            return "plan-" + event.data().plan().id();
        }
        Membership m = event.membership();
        if (m != null && m.id() != null) {
            return "membership-" + m.id();
        }
        return "payment-" + event.payment().id();
    }

    private static String itemName(PlatformEvent event) {
        if (event.data().plan() != null && event.data().plan().name() != null) {
            return event.data().plan().name();
        }
        Payment p = event.payment();
        if (p.productNames() != null) {
            return p.productNames();
        }
        // not the membership's description: the platform fills it with the price ("$ 29.00 every month")
        return "Subscription";
    }

    private static String membershipCurrency(PlatformEvent event) {
        return event.membership() == null ? null : event.membership().currency();
    }

    private static void putText(ObjectNode params, String name, String value) {
        if (value != null) {
            params.put(name, text(value));
        }
    }

    private static String text(String value) {
        return value.length() <= MAX_PARAM_TEXT ? value : value.substring(0, MAX_PARAM_TEXT);
    }
}
