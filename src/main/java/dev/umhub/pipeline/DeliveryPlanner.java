package dev.umhub.pipeline;

import dev.umhub.connector.Connector;
import dev.umhub.connector.CustomerRecord;
import dev.umhub.connector.PreparedRequest;
import dev.umhub.connector.UnmappableEventException;
import dev.umhub.delivery.Destinations;
import dev.umhub.event.Customer;
import dev.umhub.event.PlatformEvent;
import dev.umhub.rules.Decision;
import dev.umhub.store.CustomerStore;
import dev.umhub.store.DeliveryStatus;
import dev.umhub.store.Json;
import dev.umhub.store.NewDelivery;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Turns a decision into outbox rows, one per destination, each carrying the exact request it will send. Preparing
 * the request once, at decision time, is what makes retries and replays send the same content.
 */
@Component
public class DeliveryPlanner {

    static final String TEST_EVENT_NOTE = "platform test event: decided, not delivered"
            + " (umhub.sources.ultimate-multisite.deliver-test-events=false)";
    static final String DRY_RUN_NOTE = "dry run: the destination is not configured (no credentials, or dry-run set); this is the request umhub would send";

    private final Destinations destinations;
    private final CustomerStore customers;
    private final Json json;
    private final Clock clock;
    private final boolean deliverTestEvents;

    public DeliveryPlanner(Destinations destinations, CustomerStore customers, Json json, Clock clock,
                           TestEventPolicy testEvents) {
        this.destinations = destinations;
        this.customers = customers;
        this.json = json;
        this.clock = clock;
        this.deliverTestEvents = testEvents.deliver();
    }

    /** The outbox rows for one event. */
    public record Plan(List<NewDelivery> deliveries) {
        /** The destinations of every delivery planned, whatever its state (pending, skipped as dry, dead). */
        public Set<String> planned() {
            return deliveries.stream().map(NewDelivery::destination).collect(Collectors.toSet());
        }

        /** The destinations with a delivery to send: the lanes to wake. */
        public Set<String> destinations() {
            return deliveries.stream().filter(d -> d.status() == DeliveryStatus.PENDING).map(NewDelivery::destination)
                    .collect(Collectors.toSet());
        }

        public String summary() {
            return deliveries.stream().map(d -> d.destination() + "=" + d.status().column()).toList().toString();
        }
    }

    /**
     * What {@code POST /api/rules/evaluate} answers.
     *
     * @param unknownDestinations destinations this decision sends to that do not exist (no route, no connector)
     */
    public record Preview(PlatformEvent event, String rulesVersion, List<String> rulesFired,
                          List<Decision.ChosenDispatch> dispatches, List<Decision.Firing> explanation,
                          List<Decision.Vetoed> vetoes, Decision.Failure failure,
                          List<Map<String, Object>> deliveries, List<String> unknownDestinations) {
    }

    public Plan plan(PlatformEvent event, Decision decision) {
        return plan(event, decision, rememberCustomer(event, clock.instant()));
    }

    /**
     * The outbox rows of a decision taken after the event (the CRM id write-back): the customer as umhub knows it
     * now, read only, not updated from the event, which may be older than what umhub knows.
     */
    public Plan planForKnownCustomer(PlatformEvent event, Decision decision) {
        return plan(event, decision, lookUpCustomer(event));
    }

    private Plan plan(PlatformEvent event, Decision decision, CustomerRecord customer) {
        Instant now = clock.instant();
        List<NewDelivery> rows = new ArrayList<>();
        decision.byDestination().forEach((destination, chosen) -> {
            Replanned r = replan(event, chosen, customer, IdPolicy.MAKE);
            DeliveryStatus status = r.prepared.error != null ? DeliveryStatus.DEAD
                    : event.test() && !deliverTestEvents || !r.prepared.configured ? DeliveryStatus.SKIPPED
                    : DeliveryStatus.PENDING;
            String note = status != DeliveryStatus.SKIPPED ? null : event.test() && !deliverTestEvents
                    ? TEST_EVENT_NOTE : DRY_RUN_NOTE;
            rows.add(new NewDelivery(deliveryId(event.id(), destination), event.id(), destination,
                    orderKey(destination, event),
                    r.actions, r.rules, status, r.request, status == DeliveryStatus.PENDING ? now : null,
                    r.prepared.error, r.prepared.errorClass, note, r.prepared.contentKey, now));
        });
        return new Plan(rows);
    }

    /** A destination's part of a decision, prepared: serialised actions, rules and request. */
    public record Replanned(String actions, String rules, String request, Prepared prepared) {
        public boolean mappable() {
            return prepared.error == null;
        }

        /** Why the event could not be prepared for the destination, or null. */
        public String error() {
            return prepared.error;
        }

        /** The connector's digest of what the request changes at the destination, or null. */
        public String contentKey() {
            return prepared.contentKey;
        }
    }

    /**
     * Prepares one destination's delivery for an event again, with the current mapping and the customer umhub
     * knows now: what a dead letter replayed "re-evaluated with the current rules" sends.
     */
    public Replanned replan(PlatformEvent event, List<Decision.ChosenDispatch> chosen) {
        return replan(event, chosen, lookUpCustomer(event), IdPolicy.MAKE);
    }

    private Replanned replan(PlatformEvent event, List<Decision.ChosenDispatch> chosen, CustomerRecord customer,
                             IdPolicy ids) {
        String destination = chosen.get(0).destination();
        List<String> actions = chosen.stream().map(Decision.ChosenDispatch::action).toList();
        List<String> rules = chosen.stream().map(Decision.ChosenDispatch::rule).distinct().toList();
        Prepared p = prepare(destination, event, actions, customer, ids);
        return new Replanned(json.write(actions), json.write(rules),
                json.write(p.request == null ? Map.of() : p.request), p);
    }

    /** The order key of an event's delivery to a destination: the connector's own, else {@link #orderKey(PlatformEvent)}. */
    String orderKey(String destination, PlatformEvent event) {
        return destinations.get(destination).flatMap(c -> c.orderKey(event)).orElseGet(() -> orderKey(event));
    }

    /** One customer's deliveries to one destination go out in order; events of no customer are ordered by entity. */
    static String orderKey(PlatformEvent event) {
        if (event.customer() != null && event.customer().id() != null) {
            return "customer/" + event.customer().id();
        }
        return event.subject() != null ? event.subject() : "event/" + event.id();
    }

    public Preview preview(PlatformEvent event, Decision decision) {
        CustomerRecord customer = lookUpCustomer(event);
        List<Map<String, Object>> out = new ArrayList<>();
        decision.byDestination().forEach((destination, chosen) -> {
            List<String> actions = chosen.stream().map(Decision.ChosenDispatch::action).toList();
            Prepared p = prepare(destination, event, actions, customer, IdPolicy.PREVIEW);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("destination", destination);
            d.put("actions", actions);
            d.put("rules", chosen.stream().map(Decision.ChosenDispatch::rule).distinct().toList());
            d.put("would", p.error != null ? "fail: " + p.error : event.test() && !deliverTestEvents ? "skip: " + TEST_EVENT_NOTE
                    : p.configured ? "send" : "skip: " + DRY_RUN_NOTE);
            if (p.request != null) {
                d.put("request", p.request);
            }
            out.add(d);
        });
        List<String> unknown = decision.byDestination().keySet().stream()
                .filter(d -> destinations.get(d).isEmpty()).toList();
        return new Preview(event, decision.rulesVersion(), decision.rulesFired(), decision.dispatches(),
                decision.explanation(), decision.vetoes(), decision.failure(), out, unknown);
    }

    /** Stable per (event, destination), so a delivery keeps its id, and its providers' dedup keys, forever. */
    static String deliveryId(String eventId, String destination) {
        return UUID.nameUUIDFromBytes((eventId + "/" + destination).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A connector's request, or why there is none ({@code errorClass} {@code no_destination} or {@code unmappable}). */
    record Prepared(PreparedRequest request, boolean configured, String error, String errorClass, String contentKey) {
    }

    private Prepared prepare(String destination, PlatformEvent event, List<String> actions, CustomerRecord customer,
                             IdPolicy ids) {
        Connector connector = destinations.get(destination).orElse(null);
        if (connector == null) {
            return new Prepared(null, false, "no destination named '" + destination + "' (known: "
                    + destinations.names() + "); check the rule that chose it",
                    "no_destination", null);
        }
        try {
            CustomerRecord withId = withIdFor(connector, customer, event, ids);
            PreparedRequest request = connector.prepare(event, actions, withId, deliveryId(event.id(), destination));
            return new Prepared(request, connector.properties().isConfigured(), null, null,
                    connector.contentKey(request));
        } catch (UnmappableEventException e) {
            return new Prepared(null, connector.properties().isConfigured(), e.getMessage(), "unmappable", null);
        }
    }

    /** Whether a destination that needs an id of umhub's making may have one made and kept now. */
    private enum IdPolicy { MAKE, PREVIEW }

    /** For the rest of a batch's transaction, ids made for new customers are written together. */
    void beginBatch() {
        customers.deferWrites();
    }

    /**
     * The customer with its id at this destination, for destinations that need one of umhub's making (GA4's client
     * id): the kept one, or one made now and kept (the first time the customer goes there). Test events and events
     * without a customer id are not remembered; they get an id derived from what the event has, so the same payload
     * always maps to the same anonymous client.
     */
    private CustomerRecord withIdFor(Connector connector, CustomerRecord customer, PlatformEvent event, IdPolicy ids) {
        if (customer.externalId(connector.name()) != null) {
            return customer;
        }
        Instant now = clock.instant();
        Optional<String> fresh = connector.newCustomerId(now);
        if (fresh.isEmpty()) {
            return customer;
        }
        if (!remembered(event)) {
            return customer.withExternalId(connector.name(), provisionalId(event));
        }
        String id = ids == IdPolicy.MAKE
                ? customers.externalIdOrPut(customer.customerId(), connector.name(), fresh.get(), now)
                : "<made when the customer first goes to " + connector.name() + ">";
        return customer.withExternalId(connector.name(), id);
    }

    private static boolean remembered(PlatformEvent event) {
        Customer c = event.customer();
        return c != null && c.id() != null && !event.test();
    }

    private CustomerRecord rememberCustomer(PlatformEvent event, Instant now) {
        Customer c = event.customer();
        if (!remembered(event)) {
            return unremembered(event);
        }
        return customers.seen(c.id(), c.email(), c.name(), now);
    }

    private CustomerRecord lookUpCustomer(PlatformEvent event) {
        Customer c = event.customer();
        if (!remembered(event)) {
            return unremembered(event);
        }
        return customers.find(c.id()).orElseGet(() -> new CustomerRecord(c.id(), c.email(), c.name(), Map.of()));
    }

    private static CustomerRecord unremembered(PlatformEvent event) {
        Customer c = event.customer();
        return new CustomerRecord(c == null ? null : c.id(), c == null ? null : c.email(), c == null ? null : c.name(),
                Map.of());
    }

    /** An id for a customer umhub does not remember, the same for the same payload. */
    private static String provisionalId(PlatformEvent event) {
        Customer c = event.customer();
        if (c != null && c.id() != null) {
            return "umhub-test-event." + c.id();
        }
        String seed = c != null && c.email() != null ? c.email().toLowerCase() : String.valueOf(event.subject());
        return "umhub-anonymous." + UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8));
    }
}
