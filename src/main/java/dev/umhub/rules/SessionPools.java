package dev.umhub.rules;

import dev.umhub.event.EventType;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.conf.ThreadSafeOption;
import org.kie.api.runtime.rule.FactHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reusable sessions of one KieBase, so a decision starts from the state of a new session without building the node
 * memories again. Two ways, chosen once per rules version:
 *
 * <p><b>Cleared</b> (rules for which {@link SessionClearing} finds no obstacle, as the shipped ones): after a decision
 * the session's facts are deleted and the session is kept for the next event. A decision that failed (a rule threw,
 * or rules kept re-triggering each other) may have left the session half-way, so that session is disposed of. These
 * sessions are made single-threaded ({@code ThreadSafeOption.NO}): one decision at a time holds a session, handed
 * over through the idle queue, so Drools' locks and its queue of pending inserts are of no use; without them an insert
 * or delete goes through the alpha network when it is made (shipped rules: +10 to 17 % decisions per CPU second).
 *
 * <p><b>Reset by Drools</b> (rules that keep state a delete does not undo): one Drools session pool per event type; a
 * pooled session's {@code dispose()} resets it (facts, agenda, node memories, listeners, the initial fact) and returns
 * it to its pool. Per type, because Drools resets by walking every memory the session ever created: events of one
 * type reach mostly the same nodes, so a reset walks about what the decision touched (measured with 200 generated
 * rules, CPU time per decision: a new session 15.6 µs, one shared pool 15.6, a pool per type 10.2). Types other than
 * the canonical ones share one pool, so the number of pools is bounded whatever events callers make up.
 *
 * <p>A pool holds as many sessions as threads decided at once with it (about 34 KB each with 200 rules): one pool
 * when sessions are cleared, one per event type when they are reset. A reset session holds no facts of earlier
 * events; a cleared one holds those whose deletes have not yet run through the rules they reached.
 */
final class SessionPools {

    private static final Set<String> CANONICAL = Arrays.stream(EventType.values()).map(EventType::value)
            .collect(Collectors.toUnmodifiableSet());
    private static final String OTHER_TYPES = "";
    private static final Logger log = LoggerFactory.getLogger(SessionPools.class);

    private final KieBase kieBase;
    private final List<String> clearingObstacles;
    private final Queue<KieSession> idle = new ConcurrentLinkedQueue<>();
    /** For cleared sessions, used by one thread at a time (Drools' pools make reset sessions with the default). */
    private final KieSessionConfiguration oneThread;
    /** Sessions made for clearing, so tests can tell that sessions are reused. */
    private final AtomicInteger made = new AtomicInteger();
    private final AtomicBoolean warnedOfFailedClear = new AtomicBoolean();
    private final ConcurrentHashMap<String, KieSessionsPool> pools = new ConcurrentHashMap<>();

    /** Sessions of a KieBase, cleared between decisions unless something keeps them from it, reset otherwise. */
    SessionPools(KieBase kieBase, List<String> clearingObstacles) {
        this.kieBase = kieBase;
        this.clearingObstacles = List.copyOf(clearingObstacles);
        this.oneThread = cleared() ? singleThreaded() : null;
    }

    private boolean cleared() {
        return clearingObstacles.isEmpty();
    }

    private static KieSessionConfiguration singleThreaded() {
        KieSessionConfiguration conf = KieServices.Factory.get().newKieSessionConfiguration();
        conf.setOption(ThreadSafeOption.NO);
        return conf;
    }

    /** "cleared", or "reset" and why (the first reasons). */
    String reuse() {
        if (cleared()) {
            return "cleared between decisions";
        }
        int shown = Math.min(3, clearingObstacles.size());
        return "reset between decisions: " + String.join("; ", clearingObstacles.subList(0, shown))
                + (shown < clearingObstacles.size() ? " and " + (clearingObstacles.size() - shown) + " more" : "");
    }

    /** A session ready to decide an event of this type; give it back with {@link #giveBack}. */
    KieSession session(String eventType) {
        if (cleared()) {
            KieSession session = idle.poll();
            if (session == null) {
                made.incrementAndGet();
                session = kieBase.newKieSession(oneThread, null);
            }
            return session;
        }
        String key = eventType != null && CANONICAL.contains(eventType) ? eventType : OTHER_TYPES;
        return pools.computeIfAbsent(key, k -> kieBase.newKieSessionsPool(1)).newKieSession();
    }

    /**
     * Takes back a session after a decision: the facts standing in it when the rules ran to the end, null when they
     * did not. Listeners the decision added must have been removed.
     */
    void giveBack(KieSession session, List<FactHandle> standing) {
        if (cleared() && standing != null) {
            if (SessionClearing.clear(session, standing)) {
                idle.offer(session);
                return;
            }
            if (warnedOfFailedClear.compareAndSet(false, true)) {
                log.warn("A rule session could not be cleared of its facts and was dropped; decisions stay right but"
                        + " each such one pays for a new session (logged once per rules version)");
            }
        }
        session.dispose(); // a pooled session is reset and goes back to its pool; any other is dropped
    }

    /** How many sessions were made for clearing so far (tests: a reused session is not made again). */
    int made() {
        return made.get();
    }
}
