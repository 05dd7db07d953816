package dev.umhub.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.umhub.pipeline.Redecider;
import dev.umhub.pipeline.Redecisions;
import dev.umhub.rules.Decision;
import dev.umhub.store.DeliveryStore;
import dev.umhub.store.EventFilter;
import dev.umhub.store.EventListing;
import dev.umhub.store.EventSelection;
import dev.umhub.store.EventStatus;
import dev.umhub.store.EventSummary;
import dev.umhub.store.ListedEvent;
import dev.umhub.store.EventStore;
import dev.umhub.store.IntakeRecord;
import dev.umhub.store.IntakeStore;
import dev.umhub.store.StoredEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The event journal: newest events, and one event with its decision and every delivery attempt. */
@UmhubAdminApi
@RequestMapping("/events")
public class EventsController {

    private final EventStore events;
    private final DeliveryStore deliveries;
    private final IntakeStore intake;
    private final Redecisions redecisions;
    private final EventListing listing;

    public EventsController(EventStore events, DeliveryStore deliveries, IntakeStore intake, Redecisions redecisions,
                            EventListing listing) {
        this.events = events;
        this.listing = listing;
        this.deliveries = deliveries;
        this.intake = intake;
        this.redecisions = redecisions;
    }

    /**
     * Decides one event again with the running rules (after a rule that threw was fixed, or the rules changed) and
     * plans the destinations it now qualifies for; a destination it already has a delivery for is not planned again.
     */
    @PostMapping("/{id}/redecide")
    public Map<String, Object> redecide(@PathVariable String id) {
        String eventId = intake.findById(id).map(IntakeRecord::eventId).orElse(id);
        Redecider.Outcome outcome = redecisions.one(eventId)
                .orElseThrow(() -> new AdminProblems.NotFound("no event " + id));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", outcome.eventId());
        out.put("decision", decision(outcome.decision()));
        out.put("planned", outcome.planned());
        out.put("alreadyPlanned", outcome.kept());
        out.put("supersededByLaterEvents", outcome.superseded());
        return out;
    }

    /**
     * Decides a selection of events again. Body: {@code {"decisionFailed": true}} and/or {@code "from"}, {@code "to"}
     * (ISO instants), {@code "types"} (event types), {@code "last"} (the newest N); at least one of them, so an empty
     * body cannot redecide the whole journal by mistake.
     */
    @PostMapping("/redecide")
    public Map<String, Object> redecideAll(@RequestBody(required = false) JsonNode body) {
        EventSelection selection = Selections.of(body);
        if (selection.equals(EventSelection.all())) {
            throw new IllegalArgumentException("say which events: \"decisionFailed\": true, \"from\"/\"to\","
                    + " \"types\" or \"last\"");
        }
        return redecisions.bulk(selection);
    }

    private static Map<String, Object> decision(Decision d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rulesVersion", d.rulesVersion());
        out.put("rulesFired", d.rulesFired());
        out.put("dispatches", d.dispatches());
        out.put("explanation", d.explained());
        return out;
    }

    /**
     * Newest first (journal order), a page at a time: pass the last event's {@code seq} as {@code before} for the next
     * page. Filters: {@code type}, {@code customer} (the platform's customer id, or an email), {@code status}
     * ({@link EventStatus}: delivered, pending, dead, decision-failed, skipped, none), {@code from}/{@code to} (ISO instants);
     * {@code decision=failed} is {@code status=decision-failed}.
     */
    @GetMapping
    public List<Map<String, Object>> newest(@RequestParam(defaultValue = "50") int limit,
                                            @RequestParam(required = false) String type,
                                            @RequestParam(required = false) String customer,
                                            @RequestParam(required = false) String status,
                                            @RequestParam(required = false) Instant from,
                                            @RequestParam(required = false) Instant to,
                                            @RequestParam(required = false) Long before,
                                            @RequestParam(required = false) String decision) {
        if (decision != null && !decision.equals("failed")) {
            throw new IllegalArgumentException("decision takes one value: failed");
        }
        if (decision != null && !blank(status)) {
            throw new IllegalArgumentException("give status or decision=failed (which is status=decision-failed), not both");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
        EventStatus wanted = decision != null ? EventStatus.DECISION_FAILED : blank(status) ? null : EventStatus.of(status);
        String who = blank(customer) ? null : customer.trim();
        boolean email = who != null && who.contains("@");
        EventFilter filter = new EventFilter(blank(type) ? null : type.trim(), email ? null : who, email ? who : null,
                wanted, from, to, before);
        return listing.page(filter, Limits.check(limit)).stream().map(EventsController::listed).toList();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Map<String, Object> listed(ListedEvent e) {
        Map<String, Object> out = summary(e);
        out.put("seq", e.seq());
        out.put("email", e.email());
        out.put("status", e.status().value());
        Map<String, Long> deliveries = new java.util.TreeMap<>();
        e.deliveries().forEach((s, n) -> deliveries.put(s.column(), n));
        out.put("deliveries", deliveries);
        return out;
    }

    /**
     * One event. The id a 202 named leads to the event its message became (another id when a lifecycle change named
     * it); while the message is not processed yet (or failed) the answer is the message's state. The message is
     * looked up first: it is there from the 202 on, whatever the processor commits between the two reads.
     */
    @GetMapping("/{id}")
    public Map<String, Object> detail(@PathVariable String id) {
        Optional<IntakeRecord> message = intake.findById(id);
        String eventId = message.map(IntakeRecord::eventId).orElse(id);
        Optional<StoredEvent> stored = events.findById(eventId);
        if (stored.isEmpty() && !eventId.equals(id)) {
            stored = events.findById(id);
        }
        if (stored.isEmpty()) {
            return IntakeController.summary(message.orElseThrow(() -> new AdminProblems.NotFound("no event " + id)));
        }
        StoredEvent e = stored.get();
        Map<String, Object> out = summary(e);
        out.put("event", e.data());
        out.put("payload", e.payload());
        out.put("dispatches", e.dispatches());
        out.put("explanation", e.explanation());
        out.put("deliveries", deliveries.forEvent(e.id()));
        return out;
    }

    private static Map<String, Object> summary(EventSummary e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", e.id());
        out.put("type", e.type());
        out.put("source", e.source());
        out.put("origin", e.origin());
        out.put("subject", e.subject());
        out.put("customerId", e.customerId());
        out.put("test", e.test());
        out.put("receivedAt", e.receivedAt());
        out.put("rulesVersion", e.rulesVersion());
        out.put("rulesFired", e.rulesFired());
        out.put("decision", e.decisionError() == null ? "decided" : "failed");
        if (e.decisionError() != null) {
            out.put("decisionError", e.decisionError());
        }
        return out;
    }
}
