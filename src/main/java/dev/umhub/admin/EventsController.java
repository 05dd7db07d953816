package dev.umhub.admin;

import dev.umhub.store.DeliveryStore;
import dev.umhub.store.EventStore;
import dev.umhub.store.IntakeRecord;
import dev.umhub.store.IntakeStore;
import dev.umhub.store.StoredEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The event journal: newest events, and one event with its decision and every delivery attempt. */
@UmhubAdminApi
@RequestMapping("/events")
public class EventsController {

    private final EventStore events;
    private final DeliveryStore deliveries;
    private final IntakeStore intake;

    public EventsController(EventStore events, DeliveryStore deliveries, IntakeStore intake) {
        this.events = events;
        this.deliveries = deliveries;
        this.intake = intake;
    }

    @GetMapping
    public List<Map<String, Object>> newest(@RequestParam(defaultValue = "50") int limit) {
        return events.newest(Limits.check(limit)).stream().map(EventsController::summary).toList();
    }

    /**
     * One event. An id a 202 named whose message is still being processed (or failed) answers the message's state;
     * one whose message became an event of another id (a lifecycle change seen first by polling) answers that event.
     */
    @GetMapping("/{id}")
    public Map<String, Object> detail(@PathVariable String id) {
        var stored = events.findById(id);
        if (stored.isEmpty()) {
            IntakeRecord m = intake.findById(id).orElseThrow(() -> new AdminProblems.NotFound("no event " + id));
            if (m.eventId() == null) {
                return IntakeController.summary(m);
            }
            stored = events.findById(m.eventId()); // processed meanwhile, perhaps as an event of another id
        }
        StoredEvent e = stored.orElseThrow(() -> new AdminProblems.NotFound("no event " + id));
        Map<String, Object> out = summary(e);
        out.put("event", e.data());
        out.put("payload", e.payload());
        out.put("dispatches", e.dispatches());
        out.put("deliveries", deliveries.forEvent(e.id()));
        return out;
    }

    private static Map<String, Object> summary(StoredEvent e) {
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
        return out;
    }
}
