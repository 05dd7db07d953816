package dev.umhub.ultimatemultisite.writeback;

import dev.umhub.delivery.ExternalIdLearnt;
import dev.umhub.event.PlatformEvent;
import dev.umhub.pipeline.DeliveryPlanner;
import dev.umhub.rules.Decision;
import dev.umhub.store.DeliveryStore;
import dev.umhub.store.EventStore;
import dev.umhub.store.Json;
import dev.umhub.store.NewDelivery;
import java.util.List;
import org.springframework.context.event.EventListener;

/**
 * Plans the write-back of a CRM contact id the first time the CRM gives it (or when it changes), as a delivery of the
 * event whose CRM delivery brought it, in the transaction that records that delivery. Its echo (a later sighting of
 * the customer) changes nothing at the CRM: an upsert with the same properties is skipped as unchanged.
 */
public class CrmIdWriteBack {

    static final String RULE = "CRM contact ids are written back to the platform";
    private static final Decision WRITE_BACK = new Decision(RULE, List.of(RULE),
            List.of(new Decision.ChosenDispatch(PlatformWriteBack.NAME, PlatformWriteBack.ACTION, RULE)));

    private final PlatformWriteBack connector;
    private final EventStore events;
    private final DeliveryPlanner planner;
    private final DeliveryStore deliveries;
    private final Json json;

    public CrmIdWriteBack(PlatformWriteBack connector, EventStore events, DeliveryPlanner planner,
                          DeliveryStore deliveries, Json json) {
        this.connector = connector;
        this.events = events;
        this.planner = planner;
        this.deliveries = deliveries;
        this.json = json;
    }

    @EventListener
    public void onExternalId(ExternalIdLearnt learnt) {
        if (!connector.properties().isConfigured() || !learnt.destination().equals(connector.properties().getCrm())
                || learnt.eventId() == null) {
            return; // without the platform's REST credentials there is nothing to write with: no rows either
        }
        events.findForProcessing(learnt.eventId()).ifPresent(stored -> {
            PlatformEvent event = json.mapper().convertValue(stored.data(), PlatformEvent.class);
            // the customer as umhub knows it now (with the new id), not as this older event described it
            for (NewDelivery row : planner.planForKnownCustomer(event, WRITE_BACK).deliveries()) {
                if (deliveries.findRow(row.id()).isEmpty()) { // one write-back per event, however often recorded
                    deliveries.insert(row);
                }
            }
        });
    }
}
