package dev.umhub.bench;

import dev.umhub.bench.load.WebhookPayloads;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * The books of one measured phase: when umhub acknowledged each event, and when each fake provider received it.
 * The load generator and the fakes run in the same JVM, so both sides stamp {@link System#nanoTime()} and the
 * difference is the delivery lag without any clock skew. A delivery may reach the provider before its 202 reaches
 * the load generator (umhub wakes its lanes before it answers), so entries accept either side first.
 */
public final class Ledger {

    public static final String HUBSPOT = "hubspot";
    public static final String GA4 = "ga4";
    public static final String MIXPANEL = "mixpanel";
    public static final String SLACK = "slack";
    /** The standard job's destinations. */
    public static final List<String> DESTINATIONS = List.of(HUBSPOT, GA4);
    /** The fan-out job's: every purchase to four destinations at once. */
    public static final List<String> FAN_OUT = List.of(HUBSPOT, GA4, MIXPANEL, SLACK);

    /** One event as one destination sees it; -1 is "not yet". */
    static final class Entry {
        long ackNanos = -1;
        long arrivalNanos = -1;
        String eventId;
    }

    /** One destination's side of the books. */
    static final class Track {
        final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
        final AtomicLong matched = new AtomicLong();  // acknowledged and delivered
        final LongAdder duplicates = new LongAdder(); // the same key delivered again (a retry after a lost answer)
    }

    private final WebhookPayloads payloads;
    private final Map<String, Track> tracks = new LinkedHashMap<>();
    private final LongAdder accepted = new LongAdder();

    public Ledger(WebhookPayloads payloads) {
        this(payloads, DESTINATIONS);
    }

    /** Books for these destinations: HubSpot's key is the customer's email, the others' the payment reference. */
    public Ledger(WebhookPayloads payloads, List<String> destinations) {
        this.payloads = payloads;
        destinations.forEach(d -> tracks.put(d, new Track()));
    }

    public List<String> destinations() {
        return List.copyOf(tracks.keySet());
    }

    public WebhookPayloads payloads() {
        return payloads;
    }

    /** umhub answered 202 (not a duplicate) for event n at this time. */
    public void accepted(long n, String eventId, long nanos) {
        accepted.increment();
        for (String d : tracks.keySet()) {
            ack(d, HUBSPOT.equals(d) ? payloads.email(n) : payloads.reference(n), eventId, nanos);
        }
    }

    private void ack(String destination, String key, String eventId, long nanos) {
        Track t = tracks.get(destination);
        t.entries.compute(key, (k, e) -> {
            Entry entry = e == null ? new Entry() : e;
            entry.ackNanos = nanos;
            entry.eventId = eventId;
            if (entry.arrivalNanos >= 0) {
                t.matched.incrementAndGet();
            }
            return entry;
        });
    }

    /**
     * A fake provider accepted a request for this key.
     *
     * @return true the first time the key arrives (HubSpot's "new" flag), false for a repeat
     */
    public boolean arrived(String destination, String key, long nanos) {
        Track t = tracks.get(destination);
        if (!payloads.owns(key) || t == null) {
            // a straggler of an earlier phase (the warm-up), or a destination this phase does not count (the smoke's
            // shared umhub sends every scenario's purchases to the fan-out's destinations too): not in these books
            return true;
        }
        boolean[] first = {false};
        t.entries.compute(key, (k, e) -> {
            Entry entry = e == null ? new Entry() : e;
            if (entry.arrivalNanos >= 0) {
                t.duplicates.increment();
                return entry;
            }
            first[0] = true;
            entry.arrivalNanos = nanos;
            if (entry.ackNanos >= 0) {
                t.matched.incrementAndGet();
            }
            return entry;
        });
        return first[0];
    }

    public long accepted() {
        return accepted.sum();
    }

    /** Acknowledged events this destination has received. */
    public long delivered(String destination) {
        return tracks.get(destination).matched.get();
    }

    public long duplicates(String destination) {
        return tracks.get(destination).duplicates.sum();
    }

    /** True once every acknowledged event reached every destination. */
    public boolean drained() {
        long a = accepted();
        return tracks.keySet().stream().allMatch(d -> delivered(d) >= a);
    }

    /** Deliveries whose provider got them within [from, to) (nanoTime), acknowledged or not. */
    public long arrivalsBetween(String destination, long from, long to) {
        return tracks.get(destination).entries.values().stream()
                .filter(e -> e.arrivalNanos >= from && e.arrivalNanos < to).count();
    }

    /** Delivered but never acknowledged: the load generator gave up (timeout) on a request umhub did store. */
    public long unacknowledgedDeliveries(String destination) {
        return tracks.get(destination).entries.values().stream()
                .filter(e -> e.arrivalNanos >= 0 && e.ackNanos < 0).count();
    }

    /** Accept-to-provider lag in microseconds; 0 when the provider was first. */
    public Histogram lag(String destination) {
        Histogram h = new Histogram(TimeUnit.HOURS.toMicros(1), 3);
        for (Entry e : tracks.get(destination).entries.values()) {
            if (e.ackNanos >= 0 && e.arrivalNanos >= 0) {
                h.recordValue(Math.min(h.getHighestTrackableValue(),
                        Math.max(0, TimeUnit.NANOSECONDS.toMicros(e.arrivalNanos - e.ackNanos))));
            }
        }
        return h;
    }

    /** Event ids acknowledged but not (yet) received by this destination. */
    public List<String> missing(String destination) {
        List<String> ids = new ArrayList<>();
        for (Entry e : tracks.get(destination).entries.values()) {
            if (e.ackNanos >= 0 && e.arrivalNanos < 0) {
                ids.add(e.eventId);
            }
        }
        return ids;
    }

    /** The backlog at a moment: events acknowledged before it that the destination had not received by then. */
    public long backlogAt(String destination, long nanos) {
        return tracks.get(destination).entries.values().stream()
                .filter(e -> e.ackNanos >= 0 && e.ackNanos < nanos && (e.arrivalNanos < 0 || e.arrivalNanos >= nanos))
                .count();
    }

    /**
     * When the backlog at a moment was gone: the last arrival among the events that made it up, or -1 when some
     * of them never arrived (dead-lettered or lost).
     */
    public long backlogClearedAt(String destination, long nanos) {
        long last = nanos;
        for (Entry e : tracks.get(destination).entries.values()) {
            if (e.ackNanos >= 0 && e.ackNanos < nanos) {
                if (e.arrivalNanos < 0) {
                    return -1;
                }
                last = Math.max(last, e.arrivalNanos);
            }
        }
        return last;
    }

    /** The latest arrival at this destination, or -1. */
    public long lastArrival(String destination) {
        return tracks.get(destination).entries.values().stream().mapToLong(e -> e.arrivalNanos).max().orElse(-1);
    }
}
