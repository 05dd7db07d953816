package dev.umhub.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.Fixtures;
import dev.umhub.fakes.Ga4Fake;
import dev.umhub.fakes.HubSpotFake;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof of issue 3: 5,000 events through umhub (a separate JVM) while the fakes answer 503 bursts, 429 with
 * Retry-After and answers slower than the timeout, GA4 refuses connections for 60 s, and umhub is killed with -9
 * once. Senders send again what was not acknowledged, as a careful sender does. Prints the tally; fails unless
 * nothing accepted was lost and no event reached a provider under two different idempotency keys.
 */
class FaultInjectionIT {

    private static final int EVENTS = 5_000;
    private static final int SENDERS = 8;

    @TempDir
    Path work;

    private final AtomicReference<UmhubProcess> umhub = new AtomicReference<>();
    private final AtomicReference<Ga4Fake> ga4 = new AtomicReference<>();
    /** GA4 events recorded by fakes that were shut down to refuse connections. */
    private final List<Ga4Fake.Recorded> ga4Earlier = new ArrayList<>();
    /** Accepted events: payment reference -> customer email. */
    private final Map<String, String> accepted = new ConcurrentHashMap<>();

    @Test
    void fiveThousandEventsThroughFaultsAndAKillLoseNothing() throws Exception {
        Instant started = Instant.now();
        try (HubSpotFake hubspot = new HubSpotFake("hs-fault")) {
            ga4.set(new Ga4Fake("G-FAULT", "fault-secret"));
            Map<String, Object> props = props(hubspot);
            umhub.set(UmhubProcess.start(props, Path.of("fault-injection-1.log")));
            List<Path> logs = new ArrayList<>(List.of(umhub.get().log()));
            CountDownLatch sent = startSenders();

            awaitAccepted(800);
            int[] burst = new int[40];
            java.util.Arrays.fill(burst, 503);
            ga4.get().fail(burst); // 40 calls in a row answered 503
            awaitAccepted(1400);
            for (int i = 0; i < 3; i++) {
                hubspot.failWithRetryAfter(429, 2);
            }
            awaitAccepted(2000);
            for (int i = 0; i < 15; i++) {
                hubspot.hangNext(2_000); // past the 1 s response timeout
            }
            awaitAccepted(2600);
            umhub.get().kill9();
            umhub.set(UmhubProcess.start(props, Path.of("fault-injection-2.log")));
            logs.add(umhub.get().log());
            awaitAccepted(3200);
            refuseGa4ConnectionsFor(Duration.ofSeconds(60));

            sent.await();
            awaitSettled(Duration.ofMinutes(6));
            Tally t = tally(hubspot);
            System.out.printf("%n=== fault injection: %d events in %s ===%naccepted: %d%ndelivered: %d%n"
                            + "dead-lettered: %d%nlost: %d%nduplicate deliveries with different idempotency keys: %d%n"
                            + "(re-sends with the same key, at least once after the kill: %d)%n%n",
                    EVENTS, Duration.between(started, Instant.now()).withNanos(0), t.accepted, t.delivered, t.dead,
                    t.lost, t.duplicateKeys, t.sameKeyResends);
            assertThat(t.accepted).isEqualTo(EVENTS);
            assertThat(t.lost).isZero();
            assertThat(t.duplicateKeys).isZero();
            // thousands of failures logged, and not one secret among them
            for (Path log : logs) {
                assertThat(java.nio.file.Files.readString(log)).doesNotContain("hs-fault")
                        .doesNotContain("fault-secret").doesNotContain(Http.WEBHOOK_TOKEN).doesNotContain(Http.ADMIN_TOKEN);
            }
        } finally {
            if (umhub.get() != null) {
                umhub.get().close();
            }
            if (ga4.get() != null) {
                ga4.get().close();
            }
        }
    }

    private Map<String, Object> props(HubSpotFake hubspot) throws Exception {
        Map<String, Object> p = StandaloneUmhub.defaults(work);
        p.remove("server.port");
        StandaloneUmhub.withHubSpot(p, hubspot, "hs-fault");
        p.put("umhub.destinations.hubspot.rate-limit-requests", "0"); // about faults, not HubSpot's quota
        p.put("umhub.destinations.ga4.base-url", ga4.get().baseUrl());
        p.put("umhub.destinations.ga4.measurement-id", "G-FAULT");
        p.put("umhub.destinations.ga4.api-secret", "fault-secret");
        for (String d : List.of("hubspot", "ga4")) {
            p.put("umhub.destinations." + d + ".retry-backoff", "1s,2s,4s,8s,15s,30s,30s,30s,30s,30s");
            p.put("umhub.destinations." + d + ".circuit-breaker-open-for", "5s");
            p.put("umhub.destinations." + d + ".workers", "8");
        }
        p.put("umhub.delivery.response-timeout-ms", "1000");
        p.put("umhub.delivery.lease", "5s");
        p.put("umhub.delivery.poll-interval", "200ms");
        return p;
    }

    private CountDownLatch startSenders() {
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        CountDownLatch done = new CountDownLatch(SENDERS);
        int each = EVENTS / SENDERS;
        for (int s = 0; s < SENDERS; s++) {
            int from = s * each;
            senders.execute(() -> {
                try {
                    for (int i = 0; i < each; i++) {
                        send(from + i);
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        senders.shutdown();
        return done;
    }

    private void send(int n) {
        ObjectNode body = Fixtures.object("payment_received.json");
        body.put("payment_id", 500_000 + n).put("payment_reference_code", "FLT" + n).put("membership_id", 500_000 + n)
                .put("customer_id", 500_000 + n).put("customer_user_email", "fault" + n + "@example.com");
        byte[] bytes = Payloads.bytes(body);
        while (true) {
            try {
                if (umhub.get().http.webhook("payment_received", bytes).status() == 202) {
                    accepted.put("FLT" + n, "fault" + n + "@example.com");
                    return;
                }
            } catch (RuntimeException down) {
                // umhub is being restarted: send again, as a queue or a careful sender would
            }
            sleep(200);
        }
    }

    private void refuseGa4ConnectionsFor(Duration d) {
        Ga4Fake up = ga4.get();
        int port = up.port();
        up.close();
        synchronized (ga4Earlier) {
            // read after the close: a request in flight while it stopped may still have been answered 204, and umhub
            // then counts it delivered (WireMock keeps its request journal after stopping)
            ga4Earlier.addAll(up.recorded());
        }
        sleep(d.toMillis());
        ga4.set(new Ga4Fake("G-FAULT", "fault-secret", port));
    }

    private void awaitAccepted(int n) {
        while (accepted.size() < n) {
            sleep(50);
        }
    }

    /** Until nothing is pending for any destination any more. */
    private void awaitSettled(Duration limit) {
        Instant end = Instant.now().plus(limit);
        while (Instant.now().isBefore(end)) {
            JsonNode destinations = umhub.get().http.get("/api/destinations");
            // messages not processed yet have no deliveries: the lanes can be idle between two batches of them
            int pending = umhub.get().http.get("/api/intake").path("messages").path("pending").asInt();
            for (JsonNode d : destinations) {
                pending += d.path("deliveries").path("pending").asInt();
            }
            if (pending == 0) {
                return;
            }
            sleep(1000);
        }
        throw new AssertionError("deliveries still pending after " + limit);
    }

    private record Tally(int accepted, int delivered, int dead, int lost, int duplicateKeys, int sameKeyResends) {
    }

    private Tally tally(HubSpotFake hubspot) {
        List<Ga4Fake.Recorded> purchases = new ArrayList<>(ga4Earlier);
        purchases.addAll(ga4.get().recorded());
        Map<String, Set<String>> ga4Keys = new HashMap<>();
        int ga4Calls = 0;
        for (Ga4Fake.Recorded r : purchases) {
            if (r.name().equals("purchase")) {
                ga4Calls++;
                ga4Keys.computeIfAbsent(r.params().path("transaction_id").asText(), k -> new HashSet<>())
                        .add(r.params().path("umhub_delivery_id").asText());
            }
        }
        Map<String, Set<String>> crmKeys = new HashMap<>();
        List<JsonNode> inputs = hubspot.acceptedInputs();
        for (JsonNode i : inputs) {
            crmKeys.computeIfAbsent(i.path("id").asText(), k -> new HashSet<>()).add(i.path("objectWriteTraceId").asText());
        }
        Set<String> deadGa4 = new HashSet<>();
        Set<String> deadCrm = new HashSet<>();
        for (JsonNode dl : umhub.get().http.get("/api/dead-letters?limit=1000")) {
            String ref = dl.path("event").path("normalised").path("data").path("payment").path("referenceCode").asText();
            (dl.path("deadLetter").path("destination").asText().equals("ga4") ? deadGa4 : deadCrm).add(ref);
        }
        int delivered = 0;
        int dead = 0;
        int lost = 0;
        int duplicateKeys = 0;
        for (Map.Entry<String, String> e : accepted.entrySet()) {
            boolean ga4Ok = ga4Keys.containsKey(e.getKey());
            boolean crmOk = crmKeys.containsKey(e.getValue());
            boolean isDead = deadGa4.contains(e.getKey()) || deadCrm.contains(e.getKey());
            delivered += ga4Ok && crmOk ? 1 : 0;
            dead += isDead ? 1 : 0;
            boolean isLost = (!ga4Ok && !deadGa4.contains(e.getKey())) || (!crmOk && !deadCrm.contains(e.getKey()));
            if (isLost && lost < 10) {
                System.out.printf("lost: %s (GA4 %s, HubSpot %s)%n", e.getKey(), ga4Ok ? "received" : "missing",
                        crmOk ? "received" : "missing");
            }
            lost += isLost ? 1 : 0;
            duplicateKeys += (ga4Ok && ga4Keys.get(e.getKey()).size() > 1 ? 1 : 0)
                    + (crmOk && crmKeys.get(e.getValue()).size() > 1 ? 1 : 0);
        }
        int resends = ga4Calls - ga4Keys.size() + inputs.size() - crmKeys.size();
        return new Tally(accepted.size(), delivered, dead, lost, duplicateKeys, resends);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
