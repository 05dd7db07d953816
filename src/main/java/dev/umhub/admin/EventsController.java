package dev.umhub.admin;

import dev.umhub.store.DeliveryStore;
import dev.umhub.store.EventStore;
import dev.umhub.store.IntakeRecord;
import dev.umhub.store.IntakeStore;
import dev.umhub.store.StoredEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
