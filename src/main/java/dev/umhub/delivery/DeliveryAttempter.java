package dev.umhub.delivery;

import dev.umhub.connector.BatchingConnector;
import dev.umhub.connector.Connector;
import dev.umhub.connector.DeliveryResult;
import dev.umhub.store.Delivery;
import dev.umhub.store.DeliveryStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one attempt of claimed deliveries: sends the prepared body (or, for a batching destination, the bodies joined
 * in one request) through the destination's Camel route, lets the connector read the answer, and has each delivery's
 * attempt and next step recorded (delivered, retry at, dead letter).
 */
public class DeliveryAttempter {

    private static final Logger log = LoggerFactory.getLogger(DeliveryAttempter.class);

    private final DeliveryStore store;
    private final DestinationCalls calls;
    private final AttemptRecorder recorder;
    private final Duration lease;
    private final Clock clock;

    public DeliveryAttempter(DeliveryStore store, DestinationCalls calls, AttemptRecorder recorder,
                             DeliveryProperties properties, Clock clock) {
        this.store = store;
        this.calls = calls;
        this.recorder = recorder;
        this.lease = properties.getLease();
        this.clock = clock;
    }

    /** How an attempt ended, for the lane's circuit breaker and 429 pause. */
    public record Report(DeliveryResult result, Integer httpStatus, Duration took) {
    }

    /** @return the report, or empty when the row was gone (purged, or taken over after a lost lease) */
    public Optional<Report> attempt(Connector connector, String deliveryId, String owner) {
        return store.findRow(deliveryId).map(d -> attemptRow(connector, d, owner));
    }

    /** One delivery on its own, with the row already read. */
    private Report attemptRow(Connector connector, Delivery d, String owner) {
        DestinationCalls.Call call = calls.send(connector, d.body(), d);
        DeliveryResult result = connector.interpret(call.answer());
        recorder.record(connector, owner, List.of(d), List.of(result), call);
        return report(call, result);
    }

    /**
     * Sends claimed deliveries of a batching destination in one request and records each one's own result. Rows
     * the connector cannot put in this request are released for the next. When the provider refuses the batch as a
     * whole for its content (a 400 caused by one bad contact), each member is sent again on its own, so one bad
     * delivery becomes one dead letter instead of taking its batch with it.
     *
     * @return the report of the combined request, or empty when no row was left to send
     */
    public Optional<Report> attemptBatch(BatchingConnector connector, List<String> deliveryIds, String owner) {
        List<Delivery> rows = store.findRows(deliveryIds);
        if (rows.size() <= 1) { // a claimed row is missing only if it was deleted: nothing to release
            return rows.stream().findFirst().map(d -> attemptRow(connector, d, owner));
        }
        BatchingConnector.Batch batch = connector.combine(rows.stream().map(Delivery::body).toList());
        List<Delivery> members = batch.members().stream().map(rows::get).toList();
        Set<Integer> taken = Set.copyOf(batch.members());
        for (int i = 0; i < rows.size(); i++) {
            if (!taken.contains(i)) {
                store.releaseClaim(rows.get(i).id(), owner); // left for the next request (e.g. the same email twice)
            }
        }
        if (members.size() <= 1) {
            return members.stream().findFirst().map(d -> attemptRow(connector, d, owner));
        }
        DestinationCalls.Call call = calls.send(connector, batch.body(), null);
        List<String> bodies = members.stream().map(Delivery::body).toList();
        List<DeliveryResult> results = connector.interpretBatch(call.answer(), bodies);
        if (refusedForContent(call.answer().status()) && results.stream().allMatch(r -> r instanceof DeliveryResult.Permanent)) {
            log.warn("{} refused a batch of {} ({}); sending each on its own to find the one at fault", connector.name(),
                    members.size(), results.get(0).summary());
            for (Delivery m : members) {
                // one call after another can outlast the claims taken for one request: each starts a fresh lease
                if (store.renewClaim(m.id(), owner, clock.instant().plus(lease))) {
                    attemptRow(connector, m, owner); // the row as read: the refused batch recorded nothing on it
                }
            }
            return Optional.of(report(call, results.get(0)));
        }
        recorder.record(connector, owner, members, results, call);
        return Optional.of(report(call, results.stream().filter(r -> !(r instanceof DeliveryResult.Delivered))
                .findFirst().orElse(results.get(0))));
    }

    /** Statuses that blame the body, so possibly one member of a batch; auth or rate-limit refusals blame none. */
    private static boolean refusedForContent(Integer status) {
        return status != null && (status == 400 || status == 413 || status == 422);
    }

    private static Report report(DestinationCalls.Call call, DeliveryResult result) {
        return new Report(result, call.answer().status(), call.took());
    }
}
