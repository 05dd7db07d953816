package dev.umhub.connector.analytics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.connector.EventAmounts;
import dev.umhub.connector.PlanNames;
import dev.umhub.connector.UnmappableEventException;
import dev.umhub.event.Change;
import dev.umhub.event.Customer;
import dev.umhub.event.EventType;
import dev.umhub.event.Membership;
import dev.umhub.event.Payment;
import dev.umhub.event.Plan;
import dev.umhub.event.PlatformEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

/**
 * One event as every product-analytics tool takes it (Mixpanel, PostHog, Segment, Amplitude): a name, the person it
 * is about, a time, a dedup id, flat properties and the person's properties. Each connector writes it in its
 * provider's shape; what the properties hold is the same everywhere, so a report reads alike in every tool.
 *
 * @param name       the event name: the action the rules chose ({@code purchase}, {@code membership_cancelled})
 * @param distinctId the person: the platform's customer id
 * @param insertId   umhub's delivery key (a UUID), the provider's dedup field: the same on every retry and replay
 * @param revenue    for a purchase: what was paid (the payment's total), else null
 * @param person     what is known of the person ({@code email}, {@code name}, {@code plan}), for the provider's
 *                   person/profile properties
 */
public record AnalyticsEvent(String name, String distinctId, Instant time, String insertId, ObjectNode properties,
                             BigDecimal revenue, String currency, ObjectNode person) {

    /** The action name rules use for a completed payment; analytics connectors send it with its revenue. */
    /** The events that start a person: their email, name and plan go along as the person's properties. */
    private static final Set<String> SIGNUPS = Set.of(EventType.CUSTOMER_CREATED.value(),
            EventType.CHECKOUT_COMPLETED.value());

    /** Whether the event starts a person (a new customer, a first checkout). */
    public static boolean isSignup(PlatformEvent event) {
        return SIGNUPS.contains(event.type());
    }

    public static final String PURCHASE = "purchase";

    /**
     * @throws UnmappableEventException when the event names no customer: analytics tools need a person
     */
    public static AnalyticsEvent of(ObjectMapper json, PlatformEvent event, String action, String key) {
        Customer customer = event.customer();
        if (customer == null || customer.id() == null || customer.id().isBlank()) {
            throw new UnmappableEventException("an analytics event needs a person, and this event names no customer");
        }
        if (action == null || action.isBlank()) {
            throw new UnmappableEventException("an analytics event needs a name (the rule's action)");
        }
        Membership m = event.membership();
        Payment p = event.payment();
        Plan plan = event.data().plan();
        Change change = event.data().change();
        ObjectNode props = json.createObjectNode();
        props.put("umhub_event_type", event.type());
        props.put("umhub_event_id", event.id());
        put(props, "plan", PlanNames.of(event));
        put(props, "plan_id", plan == null ? null : plan.id());
        if (m != null) {
            put(props, "membership_id", m.id());
            put(props, "membership_status", m.status());
            put(props, "membership_reference", m.referenceCode());
        }
        if (p != null) {
            put(props, "payment_id", p.id());
            put(props, "payment_reference", p.referenceCode());
            put(props, "payment_status", p.status());
            put(props, "gateway", p.gateway());
        }
        if (change != null) {
            put(props, "change_from", change.from());
            put(props, "change_to", change.to());
            put(props, "change_direction", change.direction());
        }
        BigDecimal amount = EventAmounts.amount(event);
        String currency = EventAmounts.currency(event);
        if (amount != null) {
            props.put("amount", amount);
            put(props, "currency", currency);
        }
        BigDecimal revenue = null;
        if (PURCHASE.equals(action)) {
            if (p == null || p.total() == null) {
                throw new UnmappableEventException("a purchase needs a payment with a total");
            }
            revenue = p.total();
        }
        ObjectNode person = json.createObjectNode();
        put(person, "email", customer.email());
        put(person, "name", customer.name() == null || customer.name().isBlank() ? null : customer.name());
        put(person, "plan", plan == null ? null : plan.name());
        return new AnalyticsEvent(action, customer.id(), event.time(), key, props, revenue, currency, person);
    }

    private static void put(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
