package dev.umhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.fakes.Ga4Fake;
import dev.umhub.Fixtures;
import dev.umhub.fakes.HubSpotFake;
import dev.umhub.fakes.PlatformFake;
import dev.umhub.store.CustomerStore;
import dev.umhub.store.DeliveryStore;
import dev.umhub.store.Store;
import dev.umhub.store.StoreProperties;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same Flyway schema on the PostgreSQL that runs on the machine (see .ci/run), in a schema of its own that the
 * test drops afterwards: migrate, ingest, deduplicate, claim, deliver, keep the CRM id.
 */
class PostgresStoreIT {

    static final String URL = System.getProperty("umhub.it.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getProperty("umhub.it.postgres.user", "postgres");
    static final String PASSWORD = System.getProperty("umhub.it.postgres.password", "");

    @TempDir
    Path work;

    /**
     * Without a PostgreSQL on the machine the test is skipped, unless {@code -Dumhub.it.postgres.required=true}
     * (as .ci/run sets it), where a missing server is a failure.
     */
    @org.junit.jupiter.api.BeforeAll
    static void postgresIsThere() {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD)) {
            c.isValid(2);
        } catch (java.sql.SQLException e) {
            if (Boolean.getBoolean("umhub.it.postgres.required")) {
                throw new AssertionError("PostgreSQL is required but not reachable at " + URL, e);
            }
            org.junit.jupiter.api.Assumptions.abort("no PostgreSQL at " + URL + ": " + e.getMessage());
        }
    }

    private final String schema = "umhub_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    /** This test's own schema on the machine's PostgreSQL. */
    private void onPostgres(Map<String, Object> props) {
        props.put("umhub.store.url", URL + "?currentSchema=" + schema);
        props.put("umhub.store.username", USER);
        props.put("umhub.store.password", PASSWORD);
        props.put("umhub.store.schema", schema);
    }

    /** This test's own schema as a store, migrated; close it after the test. */
    private Store storeOnPostgres() {
        StoreProperties p = new StoreProperties();
        p.setUrl(URL + "?currentSchema=" + schema);
        p.setUsername(USER);
        p.setPassword(PASSWORD);
        p.setSchema(schema);
        return Store.open(p);
    }

    @AfterEach
    void dropSchema() throws Exception {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD)) {
            c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    /**
     * A customer and its ids at destinations on PostgreSQL, where an insert whose key is taken is {@code ON CONFLICT DO
     * NOTHING} instead of a savepoint: the first id is kept, the later one gets it, and the transaction goes on.
     */
    @Test
    void aCustomersIdsAreKeptOnceAndATakenKeyLeavesTheTransactionUsable() {
        Store store = storeOnPostgres();
        try {
            CustomerStore customers = new CustomerStore(store);
            Instant now = Instant.parse("2026-12-07T10:00:00Z");
            store.tx().executeWithoutResult(s -> {
                assertThat(customers.seen("7", "a@example.com", "A", now).externalIds()).isEmpty();
                assertThat(customers.externalIdOrPut("7", "ga4", "first", now)).isEqualTo("first");
            });
            store.tx().executeWithoutResult(s -> {
                // another sighting of the same customer: no second row, and its id at GA4 is the first one's
                assertThat(customers.seen("7", "b@example.com", null, now).externalIds()).containsEntry("ga4", "first");
                assertThat(customers.externalIdOrPut("7", "ga4", "second", now)).isEqualTo("first");
                // the taken key aborted nothing: the transaction still writes
                assertThat(customers.putExternalId("7", "hubspot", "501", null, now)).isTrue();
            });
            assertThat(customers.find("7")).get().satisfies(c -> {
                assertThat(c.email()).isEqualTo("b@example.com");
                assertThat(c.name()).isEqualTo("A"); // a sighting without a name keeps the one known
                assertThat(c.externalIds()).containsEntry("ga4", "first").containsEntry("hubspot", "501");
            });
            // a known customer's sighting (one upsert on PostgreSQL) answers its ids at destinations
            store.tx().executeWithoutResult(s -> assertThat(customers.seen("7", null, "B", now)).satisfies(c -> {
                assertThat(c.email()).isEqualTo("b@example.com");
                assertThat(c.name()).isEqualTo("B");
                assertThat(c.externalIds()).containsEntry("ga4", "first").containsEntry("hubspot", "501");
            }));
        } finally {
            store.close();
        }
    }

    /**
     * A destination's due rows on a new store, which PostgreSQL has no statistics for: the look-up of an earlier pending
     * row of the same customer stays a subquery per row (one index look-up each), not an anti-join that read every
     * pending row of the destination for each row due.
     */
    @Test
    void aQueuesDueRowsLookUpEachCustomersEarlierRowByIndex() {
        try (Store store = storeOnPostgres()) {
            Instant now = Instant.parse("2026-12-07T10:00:00Z");
            for (boolean batching : new boolean[] {true, false}) {
                String plan = String.join("\n", store.jdbc().sql("EXPLAIN " + DeliveryStore.dueStatement(batching))
                        .params("ga4", java.sql.Timestamp.from(now), java.sql.Timestamp.from(now), 200)
                        .query(String.class).list());
                assertThat(plan).doesNotContain("Anti Join").contains("SubPlan");
            }
        }
    }

    /** A batch's entity states, saved together at commit, on PostgreSQL (the scenario is the H2 unit test's). */
    @Test
    void aBatchsEntityStatesAreWrittenTogetherAndJudgedBeforeThat() {
        try (Store store = storeOnPostgres()) {
            dev.umhub.store.DeferredStateSavesTest.savesAreWrittenAtCommitAndJudgedBeforeThat(store);
        }
    }

    /**
     * Lifecycle states on PostgreSQL: row locks, savepoints and the source cursors; a cancellation seen by webhook and
     * by polling is one event, a failure seen by polling one event, and the first run emitted nothing.
     */
    @Test
    void lifecycleStatesAndCursorsWorkOnPostgres() throws Exception {
        PlatformFake platform = new PlatformFake().seededFromCapture();
        try (LifecycleHub hub = new LifecycleHub(work, platform, this::onPostgres)) {
            hub.awaitBaseline();
            assertThat(hub.events()).isEmpty();
            Http.Answer ack = hub.http().webhook("membership_updated", Payloads.bytes(Fixtures
                    .object("membership_updated-cancelled.json").put("membership_id", 3).put("customer_id", 4)));
            assertThat(ack.json().path("type").asText()).isEqualTo("membership.cancelled");
            platform.save("membership", platform.get("membership", 3).put("status", "cancelled"));
            platform.save("payment", platform.get("payment", 4).put("status", "failed"));
            await().atMost(Duration.ofSeconds(15)).until(() -> hub.ga4.recorded("payment_failed").size() == 1
                    && hub.ga4.recorded("membership_cancelled").size() == 1);
            hub.awaitTwoPolls();
            assertThat(hub.events()).containsExactlyInAnyOrder("membership.cancelled membership/3",
                    "membership.status_changed membership/3", "payment.failed payment/4");
            assertThat(hub.rest().path("streams")).hasSize(3);
        }
    }

    @Test
    void theSchemaMigratesAndTheHubRunsOnPostgres() throws Exception {
        try (HubSpotFake hubspot = new HubSpotFake("hs-pg"); Ga4Fake ga4 = new Ga4Fake("G-PG", "pg-secret")) {
            Map<String, Object> props = StandaloneUmhub.defaults(work);
            onPostgres(props);
            StandaloneUmhub.withHubSpot(props, hubspot, "hs-pg");
            StandaloneUmhub.withGa4(props, ga4, "G-PG", "pg-secret");
            try (StandaloneUmhub umhub = StandaloneUmhub.start(props)) {
                ObjectNode body = Payloads.paidPayment();
                String email = body.path("customer_user_email").asText();
                String customerId = body.path("customer_id").asText();
                Http.Answer ack = umhub.http.webhook("payment_received", Payloads.bytes(body));
                assertThat(ack.status()).isEqualTo(202);
                Http.Answer again = umhub.http.webhook("payment_received", Payloads.bytes(body));
                assertThat(again.json().path("duplicate").asBoolean()).isTrue();

                await().atMost(Duration.ofSeconds(15)).until(() -> hubspot.acceptedInputs().size() == 1
                        && ga4.recorded("purchase").size() == 1);
                await().atMost(Duration.ofSeconds(5)).until(() -> umhub.http.get("/api/customers/" + customerId)
                        .path("externalIds").path("hubspot").asText().equals(HubSpotFake.contactId(email)));
                JsonNode events = umhub.http.get("/api/events?limit=10");
                // the payment, and what its webhook revealed: a new customer and the membership's checkout
                assertThat(events).extracting(e -> e.path("type").asText()).containsExactlyInAnyOrder(
                        "payment.received", "customer.created", "checkout.completed");
                for (JsonNode e : events) { // each shows the webhook's body, which only its intake row holds
                    assertThat(umhub.http.get("/api/events/" + e.path("id").asText()).path("payload")
                            .path("payment_reference_code").asText())
                            .isEqualTo(body.path("payment_reference_code").asText());
                }
            }
        }
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
             ResultSet rs = c.createStatement().executeQuery("SELECT version, success FROM " + schema
                     + ".umhub_schema_history WHERE version IS NOT NULL ORDER BY installed_rank")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("version")).isEqualTo("1");
            assertThat(rs.getBoolean("success")).isTrue();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("version")).isEqualTo("2");
            assertThat(rs.getBoolean("success")).isTrue();
        }
    }

    /**
     * Two instances sharing one store, each taking webhooks: every message is processed once (each instance claims its
     * own batch, FOR UPDATE SKIP LOCKED) and every purchase reaches GA4 exactly once.
     */
    @Test
    void twoInstancesOnOneStoreProcessEachMessageOnce() throws Exception {
        try (Ga4Fake ga4 = new Ga4Fake("G-PG2", "pg2-secret")) {
            Map<String, Object> props = StandaloneUmhub.defaults(work);
            onPostgres(props);
            props.put("umhub.pipeline.batch-size", "8");
            StandaloneUmhub.withGa4(props, ga4, "G-PG2", "pg2-secret");
            try (StandaloneUmhub one = StandaloneUmhub.start(props); StandaloneUmhub two = StandaloneUmhub.start(props)) {
                java.util.Set<String> refs = new java.util.HashSet<>();
                for (int i = 0; i < 60; i++) {
                    ObjectNode body = Payloads.paidPayment();
                    refs.add(body.path("payment_reference_code").asText());
                    assertThat((i % 2 == 0 ? one : two).http.webhook("payment_received", Payloads.bytes(body)).status())
                            .isEqualTo(202);
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> ga4.recorded("purchase").size() >= 60);
                Thread.sleep(500);
                assertThat(ga4.recorded("purchase")).extracting(r -> r.params().path("transaction_id").asText())
                        .hasSize(60).containsExactlyInAnyOrderElementsOf(refs);
                JsonNode messages = one.http.get("/api/intake").path("messages");
                assertThat(messages.path("processed").asInt()).isEqualTo(60);
                assertThat(messages.has("pending") || messages.has("failed")).isFalse();
            }
        }
    }

    /**
     * The zero-downtime restart of docs/operations.md: two instances on one PostgreSQL store behind a proxy that sends
     * a request to the other instance when one refuses it (a 503 while stopping, or no connection), restarted one at
     * a time while webhooks keep coming. Every webhook is acknowledged by one of them, and every purchase reaches GA4
     * exactly once.
     */
    @Test
    void aRollingRestartUnderAWebhookStreamLosesNothing() throws Exception {
        try (Ga4Fake ga4 = new Ga4Fake("G-ROLL", "roll-secret")) {
            Map<String, Object> props = StandaloneUmhub.defaults(work);
            onPostgres(props);
            props.put("umhub.delivery.shutdown-grace", "2s");
            StandaloneUmhub.withGa4(props, ga4, "G-ROLL", "roll-secret");
            java.util.concurrent.atomic.AtomicReferenceArray<StandaloneUmhub> pool =
                    new java.util.concurrent.atomic.AtomicReferenceArray<>(new StandaloneUmhub[]{
                            StandaloneUmhub.start(props), StandaloneUmhub.start(props)});
            java.util.Set<String> acknowledged = java.util.concurrent.ConcurrentHashMap.newKeySet();
            java.util.concurrent.atomic.AtomicBoolean sending = new java.util.concurrent.atomic.AtomicBoolean(true);
            java.util.concurrent.atomic.AtomicInteger refusals = new java.util.concurrent.atomic.AtomicInteger();
            Thread proxy = new Thread(() -> {
                int next = 0;
                while (sending.get()) {
                    ObjectNode body = Payloads.paidPayment();
                    byte[] bytes = Payloads.bytes(body);
                    // the proxy: this instance, else the other one, until one acknowledges
                    for (int tries = 0; tries < 200; tries++, next++) {
                        StandaloneUmhub target = pool.get(next % 2);
                        try {
                            if (target != null && target.http.webhook("payment_received", bytes).status() == 202) {
                                acknowledged.add(body.path("payment_reference_code").asText());
                                break;
                            }
                        } catch (RuntimeException refused) {
                            // no connection: the instance is down
                        }
                        refusals.incrementAndGet();
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    next++;
                }
            }, "rolling-restart-proxy");
            proxy.start();
            try {
                for (int i = 0; i < 2; i++) {
                    Thread.sleep(1500);
                    StandaloneUmhub old = pool.getAndSet(i, null); // the proxy stops sending it new requests
                    old.close();
                    pool.set(i, StandaloneUmhub.start(props)); // ready: back in the pool
                }
                Thread.sleep(1500);
            } finally {
                sending.set(false);
                proxy.join(30_000);
            }
            try {
                assertThat(acknowledged).hasSizeGreaterThan(20);
                await().atMost(Duration.ofSeconds(60)).until(() -> ga4.recorded("purchase").size() >= acknowledged.size());
                Thread.sleep(1000);
                assertThat(ga4.recorded("purchase")).extracting(r -> r.params().path("transaction_id").asText())
                        .as("each acknowledged purchase once, none lost").hasSize(acknowledged.size())
                        .containsExactlyInAnyOrderElementsOf(acknowledged);
            } finally {
                pool.get(0).close();
                pool.get(1).close();
            }
        }
    }
}
