package dev.umhub.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.umhub.bench.Ledger;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * Drives the webhook endpoint the way a busy Ultimate Multisite network would, over N keep-alive connections.
 *
 * <ul>
 * <li><b>closed loop</b>: each connection sends its next event as soon as the previous one is answered; this finds
 * the most umhub accepts, and its latencies are those of a saturated server.</li>
 * <li><b>open loop</b>: events are due at a fixed rate whatever umhub does (connection i sends events i, i+N, ...
 * of the schedule, like wrk2). Latency counts from when an event was <i>due</i>, not when it could be sent, so a
 * stalled umhub shows up in the percentiles instead of silently slowing the generator down (coordinated omission).</li>
 * </ul>
 *
 * One blocking worker thread per connection keeps the connection count exact; Apache HttpClient (already on umhub's
 * class path through camel-http) does the HTTP and keep-alive.
 */
public final class LoadGenerator {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long an open-loop generator may keep sending events that fell behind schedule after the end. */
    private static final Duration OPEN_LOOP_GRACE = Duration.ofSeconds(5);

    /**
     * @param target      the webhook URL, token included
     * @param connections keep-alive connections (one worker thread each)
     * @param duration    how long events are sent
     * @param rate        events per second for the open loop; 0 for the closed loop
     */
    public record Settings(URI target, int connections, Duration duration, double rate) {
        public boolean openLoop() {
            return rate > 0;
        }
    }

    /**
     * @param sent       requests sent
     * @param accepted   202 answers for new events
     * @param duplicates 202 answers that said duplicate (none are expected: every body is unique)
     * @param errors     by kind: "HTTP 503", "SocketTimeoutException", ...
     * @param behind     open loop only: events that were due but never sent, because umhub fell too far behind
     * @param ackMicros  request to 202, microseconds (open loop: from when the event was due)
     * @param endNanos   when the last answer came (a late open loop sends past the planned end)
     */
    public record Report(long sent, long accepted, long duplicates, Map<String, Long> errors, long behind,
                         Histogram ackMicros, long startNanos, long endNanos) {
        public long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }

        public double seconds() {
            return (endNanos - startNanos) / 1e9;
        }
    }

    private final AtomicLong nextEvent = new AtomicLong();

    /** Runs one phase; event numbers continue across phases, so no two phases send the same event. */
    public Report run(Settings s, Ledger ledger) throws InterruptedException {
        var pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(s.connections()).setMaxConnPerRoute(s.connections())
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(5))
                        .setSocketTimeout(Timeout.ofSeconds(30)).build())
                .build();
        Counters counters = new Counters();
        List<Worker> workers = new ArrayList<>();
        try (CloseableHttpClient client = HttpClients.custom().setConnectionManager(pool).disableAutomaticRetries()
                .disableCookieManagement().disableRedirectHandling().setUserAgent("WordPress/6.8.1; https://network.example.com")
                .build()) {
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
            long end = start + s.duration().toNanos();
            for (int i = 0; i < s.connections(); i++) {
                Worker w = new Worker(i, s, client, ledger, counters, start, end);
                workers.add(w);
                w.thread.start();
            }
            for (Worker w : workers) {
                w.thread.join();
            }
            // the window ends when the last answer came, not when sending stopped: rates count every answer in it
            long finished = Math.max(end, System.nanoTime());
            Histogram ack = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
            workers.forEach(w -> ack.add(w.ack));
            return new Report(counters.sent.sum(), counters.accepted.sum(), counters.duplicates.sum(),
                    new TreeMap<>(counters.errorsByKind()), counters.behind.sum(), ack, start, finished);
        } catch (IOException e) {
            throw new IllegalStateException("could not close the load generator's HTTP client", e);
        }
    }

    private static final class Counters {
        final LongAdder sent = new LongAdder();
        final LongAdder accepted = new LongAdder();
        final LongAdder duplicates = new LongAdder();
        final LongAdder behind = new LongAdder();
        final ConcurrentHashMap<String, LongAdder> errors = new ConcurrentHashMap<>();

        void error(String kind) {
            errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
        }

        Map<String, Long> errorsByKind() {
            Map<String, Long> out = new TreeMap<>();
            errors.forEach((k, v) -> out.put(k, v.sum()));
            return out;
        }
    }

    /** One connection's loop; its own histogram, so recording needs no locks. */
    private final class Worker {
        final Thread thread;
        final Histogram ack = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);

        Worker(int index, Settings s, CloseableHttpClient client, Ledger ledger, Counters counters, long start, long end) {
            this.thread = new Thread(() -> loop(index, s, client, ledger, counters, start, end), "load-" + index);
            this.thread.setDaemon(true);
        }

        private void loop(int index, Settings s, CloseableHttpClient client, Ledger ledger, Counters c, long start,
                          long end) {
            double period = s.openLoop() ? 1e9 / s.rate() : 0;
            long giveUp = end + OPEN_LOOP_GRACE.toNanos();
            for (long k = 0; ; k++) {
                long due;
                if (s.openLoop()) {
                    due = start + (long) ((k * s.connections() + index) * period);
                    if (due >= end) {
                        return;
                    }
                    if (System.nanoTime() >= giveUp) {
                        c.behind.add((long) Math.ceil((end - due) / (period * s.connections())));
                        return;
                    }
                    waitUntil(due);
                } else {
                    waitUntil(start);
                    due = System.nanoTime();
                    if (due >= end) {
                        return;
                    }
                }
                long n = nextEvent.incrementAndGet();
                HttpPost post = new HttpPost(s.target());
                post.setEntity(new ByteArrayEntity(ledger.payloads().body(n), ContentType.APPLICATION_JSON));
                c.sent.increment();
                try {
                    Answer a = client.execute(post, r -> new Answer(r.getCode(), EntityUtils.toByteArray(r.getEntity())));
                    long done = System.nanoTime();
                    ack.recordValue(Math.min(ack.getHighestTrackableValue(), (done - due) / 1000));
                    if (a.status != 202) {
                        c.error("HTTP " + a.status);
                        continue;
                    }
                    JsonNode body = JSON.readTree(a.body);
                    if (body.path("duplicate").asBoolean(false)) {
                        c.duplicates.increment();
                    } else {
                        c.accepted.increment();
                        ledger.accepted(n, body.path("id").asText(), done);
                    }
                } catch (IOException e) {
                    c.error(e.getClass().getSimpleName());
                }
            }
        }
    }

    private record Answer(int status, byte[] body) {
    }

    private static void waitUntil(long nanos) {
        for (long left = nanos - System.nanoTime(); left > 0; left = nanos - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
