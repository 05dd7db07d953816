package dev.umhub.delivery;

import dev.umhub.connector.BatchingConnector;
import dev.umhub.connector.Connector;
import dev.umhub.connector.DeliveryResult;
import dev.umhub.store.Delivery;
import dev.umhub.store.DeliveryStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes attempts of claimed deliveries: groups the rows into requests (one each, or as many as the destination takes
 * in one), sends each through the destination's Camel route without waiting for the answer, and lets the connector
 * read the answer into one result per delivery. What the attempts ended with is recorded by the
 * {@link AttemptRecorder}, many at a time.
 */
public class DeliveryAttempter {

    private static final Logger log = LoggerFactory.getLogger(DeliveryAttempter.class);

    private final DeliveryStore store;
    private final DestinationCalls calls;
    private final Duration lease;
    private final Clock clock;

    public DeliveryAttempter(DeliveryStore store, DestinationCalls calls, DeliveryProperties properties, Clock clock) {
        this.store = store;
        this.calls = calls;
        this.lease = properties.getLease();
        this.clock = clock;
    }

    /** How an attempt ended, for the lane's circuit breaker and 429 pause. */
    public record Report(DeliveryResult result, Integer httpStatus, Duration took) {
    }

    /** A request about to go out: the rows it carries and its body (the row's own, or a batch's combined one). */
    record Request(List<Delivery> rows, String body) {

        List<String> ids() {
            return rows.stream().map(Delivery::id).toList();
        }
    }

    /** One request's rows with each one's result, waiting to be recorded. */
    record Sent(List<Delivery> rows, List<DeliveryResult> results, DestinationCalls.Call call) {
    }

    /**
     * How a request ended: what to record (one {@link Sent}, or one per member when a batch refused for its content
     * was sent again member by member) and the report of the request itself for the lane's guards.
     */
    record Done(List<Sent> sent, Report report) {
    }

    /**
     * Groups claimed rows into requests. A batching destination gets them in runs of its batch size (per customer
     * where its requests name one); rows the connector leaves out of a run (the same contact twice) are added to
     * {@code leftOut}, for the caller to give back for a later poll.
     */
    List<Request> requests(Connector connector, List<Delivery> rows, List<String> leftOut) {
        if (!(connector instanceof BatchingConnector b) || b.batchSize() <= 1) {
            return rows.stream().map(d -> new Request(List.of(d), d.body())).toList();
        }
        List<Request> out = new ArrayList<>();
        for (List<Delivery> run : runs(b, rows)) {
            if (run.size() == 1) {
                out.add(new Request(run, run.get(0).body()));
                continue;
            }
            BatchingConnector.Batch batch = b.combine(run.stream().map(Delivery::body).toList());
            Set<Integer> taken = Set.copyOf(batch.members());
            for (int i = 0; i < run.size(); i++) {
                if (!taken.contains(i)) {
                    leftOut.add(run.get(i).id());
                }
            }
            List<Delivery> members = batch.members().stream().map(run::get).toList();
            if (members.size() == 1) {
                out.add(new Request(members, members.get(0).body()));
            } else if (!members.isEmpty()) {
                out.add(new Request(members, batch.body()));
            }
        }
        return out;
    }

    private static List<List<Delivery>> runs(BatchingConnector connector, List<Delivery> rows) {
        Map<Object, List<Delivery>> groups = new LinkedHashMap<>();
        for (Delivery d : rows) {
            // a delivery without a customer is a customer of its own
            Object key = !connector.batchesPerCustomer() ? "all" : d.customerId() == null ? d : d.customerId();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(d);
        }
        List<List<Delivery>> runs = new ArrayList<>();
        for (List<Delivery> group : groups.values()) {
            for (int i = 0; i < group.size(); i += connector.batchSize()) {
                runs.add(group.subList(i, Math.min(group.size(), i + connector.batchSize())));
            }
        }
        return runs;
    }

    /**
     * Sends one request. The future completes when the provider answered (or the call failed), on whichever thread
     * the route's transport answers on; it completes exceptionally only when reading the answer throws (a connector's
     * bug), and the rows then come back when their lease ends. When the provider refuses a batch as a whole for its
     * content (a 400 caused by one bad contact), each member is sent again on its own, one after the other and on
     * {@code senders} (its claim is renewed in the store first), so one bad delivery becomes one dead letter instead of
     * taking its batch with it.
     */
    CompletableFuture<Done> send(Connector connector, Request request, String owner, Executor senders) {
        Delivery single = request.rows().size() == 1 ? request.rows().get(0) : null;
        return calls.sendAsync(connector, request.body(), single).thenCompose(call -> {
            if (single != null) {
                DeliveryResult result = connector.interpret(call.answer());
                return CompletableFuture.completedFuture(
                        new Done(List.of(new Sent(request.rows(), List.of(result), call)), report(call, result)));
            }
            List<String> bodies = request.rows().stream().map(Delivery::body).toList();
            List<DeliveryResult> results = ((BatchingConnector) connector).interpretBatch(call.answer(), bodies);
            Report report = report(call, results.stream().filter(r -> !(r instanceof DeliveryResult.Delivered))
                    .findFirst().orElse(results.get(0)));
            if (refusedForContent(call.answer().status())
                    && results.stream().allMatch(r -> r instanceof DeliveryResult.Permanent)) {
                return CompletableFuture.supplyAsync(() -> null, senders) // off the HTTP client's thread
                        .thenCompose(x -> eachAlone(connector, request, owner, results.get(0), senders))
                        .thenApply(sent -> new Done(sent, report));
            }
            return CompletableFuture.completedFuture(new Done(List.of(new Sent(request.rows(), results, call)), report));
        });
    }

    private CompletableFuture<List<Sent>> eachAlone(Connector connector, Request batch, String owner,
                                                    DeliveryResult refusal, Executor senders) {
        log.warn("{} refused a batch of {} ({}); sending each on its own to find the one at fault", connector.name(),
                batch.rows().size(), refusal.summary());
        CompletableFuture<List<Sent>> chain = CompletableFuture.completedFuture(List.of());
        for (Delivery m : batch.rows()) {
            chain = chain.thenComposeAsync(sent -> {
                // the calls can outlast the claims taken for the batch: each starts a fresh lease
                if (!store.renewClaim(m.id(), owner, clock.instant().plus(lease))) {
                    return CompletableFuture.completedFuture(sent);
                }
                return send(connector, new Request(List.of(m), m.body()), owner, senders).thenApply(done -> {
                    List<Sent> more = new ArrayList<>(sent);
                    more.addAll(done.sent());
                    return more;
                });
            }, senders);
        }
        return chain;
    }

    /** Statuses that blame the body, so possibly one member of a batch; auth or rate-limit refusals blame none. */
    private static boolean refusedForContent(Integer status) {
        return status != null && (status == 400 || status == 413 || status == 422);
    }

    private static Report report(DestinationCalls.Call call, DeliveryResult result) {
        return new Report(result, call.answer().status(), call.took());
    }
}
