package dev.umhub.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.example.fakes.Ga4Fake;
import dev.umhub.example.fakes.HubSpotFake;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The host application with umhub embedded: everything the host had is as it was without umhub (port, address,
 * datasource, Camel name, application name, form handling, answers and their headers, unknown paths), and umhub does
 * its work inside it (the host's routes hand paid payments to umhub, which delivers them to HubSpot and GA4).
 *
 * <p>"As it was without umhub" is checked two ways: against what the host declares (application.yml, schema.sql), and
 * against the same application started with {@code umhub.enabled=false} (the baseline, {@link #baseline()}).
 */
@SpringBootTest(classes = EmbeddedHostApplication.class, webEnvironment = WebEnvironment.DEFINED_PORT)
class EmbeddedHostTest {

    static final String WEBHOOK_TOKEN = "host-test-webhook-token";
    static final String HUBSPOT_TOKEN = "pat-na1-host-test";
    static final String GA4_MEASUREMENT_ID = "G-HOSTTEST1";
    static final String GA4_API_SECRET = "host-test-api-secret";

    static final HubSpotFake HUBSPOT = new HubSpotFake(HUBSPOT_TOKEN);
    static final Ga4Fake GA4 = new Ga4Fake(GA4_MEASUREMENT_ID, GA4_API_SECRET);
    /** The port the host is told to use: a fixed one (not server.port=0), so that keeping it can be checked. */
    static final int PORT = freePort();

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Duration DELIVERY = Duration.ofSeconds(30);

    /** Headers umhub's front door writes on its own paths; the host's paths must not get them. */
    static final List<String> UMHUB_HEADERS = List.of("content-security-policy", "x-content-type-options",
            "referrer-policy", "cache-control", "pragma", "expires");

    static final String FORM = "name=" + form("Zoë O'Brien & Co") + "&email=" + form("zoe+signup@example.com");

    /** The host's answers with umhub switched off (umhub.enabled=false), recorded once before the tests. */
    static Answer baselineForm;
    static Answer baselineUnknownPath;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("umhub.store.url", () -> "jdbc:h2:mem:umhub-embedded;DB_CLOSE_DELAY=-1");
        registry.add("umhub.sources.ultimate-multisite.token", () -> WEBHOOK_TOKEN);
        registry.add("umhub.destinations.hubspot.base-url", HUBSPOT::baseUrl);
        registry.add("umhub.destinations.hubspot.access-token", () -> HUBSPOT_TOKEN);
        registry.add("umhub.destinations.ga4.base-url", GA4::baseUrl);
        registry.add("umhub.destinations.ga4.measurement-id", () -> GA4_MEASUREMENT_ID);
        registry.add("umhub.destinations.ga4.api-secret", () -> GA4_API_SECRET);
    }

    @Autowired
    ApplicationContext context;
    @Autowired
    Environment environment;
    @Autowired
    DataSource dataSource;
    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;
    @LocalServerPort
    int localPort;

    @BeforeAll
    static void baseline() throws Exception {
        try (ConfigurableApplicationContext withoutUmhub = startAnotherHost("--umhub.enabled=false",
                "--spring.datasource.url=jdbc:h2:mem:hostdb-baseline;DB_CLOSE_DELAY=-1",
                // the host's routes use umhub's Kamelets, which need umhub
                "--camel.main.routes-include-pattern=classpath:no-routes-without-umhub/*")) {
            String base = "http://localhost:" + withoutUmhub.getEnvironment().getProperty("local.server.port");
            baselineForm = postForm(base + "/signup", FORM);
            baselineUnknownPath = get(base + "/api/events");
        }
    }

    /** The host application once more, beside the one under test: any free port, the given settings on top. */
    static ConfigurableApplicationContext startAnotherHost(String... args) {
        String[] all = Stream.concat(Stream.of("--server.port=0"), Arrays.stream(args)).toArray(String[]::new);
        return new SpringApplicationBuilder(EmbeddedHostApplication.class).web(WebApplicationType.SERVLET).run(all);
    }

    @AfterAll
    static void stopFakes() {
        HUBSPOT.close();
        GA4.close();
    }

    // ---- the host as it was --------------------------------------------------------------------------------------

    @Test
    void theHostKeepsItsPortAndAddress() throws Exception {
        assertThat(new YamlPropertySourceLoader().load("host", new ClassPathResource("application.yml")).get(0)
                .getProperty("server.port")).as("the host's own port in application.yml").isEqualTo(9090);
        assertThat(localPort).as("the port the server listens on").isEqualTo(PORT);
        assertThat(environment.getProperty("server.port", Integer.class)).isEqualTo(PORT);
        assertThat(environment.getProperty("server.address")).as("umhub must not bind the host to loopback").isNull();
        assertThat(context.getBean(ServerProperties.class).getAddress()).isNull();
    }

    @Test
    void theHostKeepsItsDataSourceAndItsDatabaseHoldsOnlyItsTables() throws Exception {
        assertThat(context.getBeansOfType(DataSource.class)).as("DataSource beans").hasSize(1);
        assertThat(context.getBeansOfType(JdbcTemplate.class)).as("JdbcTemplate beans").hasSize(1);
        assertThat(context.getBean(JdbcTemplate.class).getDataSource()).isSameAs(dataSource);
        try (Connection c = dataSource.getConnection()) {
            assertThat(c.getMetaData().getURL()).startsWith("jdbc:h2:mem:hostdb");
        }
        List<String> tables = new JdbcTemplate(dataSource).queryForList(
                "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA <> 'INFORMATION_SCHEMA'",
                String.class);
        assertThat(tables).as("tables in the host's database").contains("HOST_SIGNUP");
        assertThat(tables).as("no umhub table in the host's database")
                .noneMatch(t -> t.toUpperCase().startsWith("UMHUB_"));
        assertThat(tables).as("no schema history (umhub_schema_history, flyway_schema_history) in the host's database")
                .noneMatch(t -> t.toUpperCase().endsWith("SCHEMA_HISTORY"));
        assertThat(tables).as("the host's database holds the host's tables and nothing else")
                .containsExactly("HOST_SIGNUP");
    }

    /**
     * A host's database usually holds tables already (created by the host's schema.sql, Liquibase, JPA or by hand)
     * and no Flyway history: adding umhub must not make it fail to start, nor write to that database.
     */
    @Test
    void theHostStartsOnADatabaseThatAlreadyHoldsTables() throws Exception {
        String url = "jdbc:h2:mem:hostdb-existing;DB_CLOSE_DELAY=-1";
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            c.createStatement().execute("CREATE TABLE host_order (id BIGINT PRIMARY KEY, total DECIMAL(10, 2))");
        }
        String failure = null;
        try (ConfigurableApplicationContext host = startAnotherHost("--spring.datasource.url=" + url,
                "--umhub.store.url=jdbc:h2:mem:umhub-existing;DB_CLOSE_DELAY=-1",
                "--umhub.sources.ultimate-multisite.token=" + WEBHOOK_TOKEN)) {
            assertThat(host.isRunning()).isTrue();
        } catch (RuntimeException e) {
            failure = NestedExceptionUtils.getMostSpecificCause(e).toString();
        }
        assertThat(failure).as("why the host did not start on its existing database").isNull();
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            List<String> tables = new JdbcTemplate(new SingleConnectionDataSource(c, true)).queryForList(
                    "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA <> 'INFORMATION_SCHEMA'",
                    String.class);
            assertThat(tables).as("tables in the host's existing database")
                    .containsExactlyInAnyOrder("HOST_ORDER", "HOST_SIGNUP");
        }
    }

    @Test
    void theHostKeepsItsCamelAndApplicationNames() {
        assertThat(camel.getName()).isEqualTo("host-camel");
        assertThat(context.getBeansOfType(CamelContext.class)).hasSize(1);
        assertThat(environment.getProperty("spring.application.name")).isEqualTo("embedded-host");
        assertThat(camel.getRoute("host-checkout")).isNotNull();
        assertThat(camel.getRoute("host-ultimate-multisite-webhooks")).isNotNull();
    }

    @Test
    void theFormIsReadAndAnsweredAsWithoutUmhub() throws Exception {
        Answer answer = postForm(url("/signup"), FORM);

        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("name").asText()).isEqualTo("Zoë O'Brien & Co");
        assertThat(body.path("email").asText()).isEqualTo("zoe+signup@example.com");
        assertThat(answer.headerNames()).as("umhub's security headers stay on umhub's paths")
                .doesNotContainAnyElementsOf(UMHUB_HEADERS);
        assertThat(answer.headers().get("content-type")).isEqualTo(baselineForm.headers().get("content-type"));
        assertThat(answer.headerNames()).as("the same headers as without umhub")
                .isEqualTo(baselineForm.headerNames());
        assertThat(answer.body()).as("the same answer as without umhub").isEqualTo(baselineForm.body());

        Integer rows = new JdbcTemplate(dataSource).queryForObject(
                "SELECT COUNT(*) FROM host_signup WHERE email = 'zoe+signup@example.com'", Integer.class);
        assertThat(rows).as("the signup is in the host's database").isPositive();
    }

    @Test
    void theHostsOwnPathsAnswerAsBefore() throws Exception {
        postForm(url("/signup"), "name=Ada&email=ada%40example.com");
        Answer signups = get(url("/signups"));

        assertThat(signups.status()).isEqualTo(200);
        assertThat(signups.headers().get("content-type")).startsWith("application/json");
        assertThat(signups.body()).contains("\"email\":\"ada@example.com\"");
        assertThat(signups.headerNames()).doesNotContainAnyElementsOf(UMHUB_HEADERS);
    }

    @Test
    void umhubsAdminApiIsOffAndUnknownPathsAreTheHosts() throws Exception {
        Answer events = get(url("/api/events"));

        assertThat(events.status()).isEqualTo(404);
        assertThat(events.headers().get("content-type")).as("the host's error answer, not umhub's problem+json")
                .startsWith("application/json");
        assertThat(events.body()).contains("\"path\":\"/api/events\"");
        assertThat(events.status()).isEqualTo(baselineUnknownPath.status());
        assertThat(events.headerNames()).isEqualTo(baselineUnknownPath.headerNames());
    }

    // ---- umhub inside the host -----------------------------------------------------------------------------------

    @Test
    void theHostsCheckoutRouteDeliversAPaidPaymentToHubSpotAndGa4() throws Exception {
        Payment payment = paidPayment("checkout");

        String ack = producer.requestBody("direct:host-checkout", payment.body(), String.class);

        JsonNode accepted = JSON.readTree(ack);
        assertThat(accepted.path("type").asText()).isEqualTo("payment.received");
        assertThat(accepted.path("id").asText()).isNotEmpty();
        assertThat(accepted.path("duplicate").asBoolean()).isFalse();
        awaitDelivered(payment);
    }

    @Test
    void theHostsWebhookRouteUsesUmhubsSourceKamelet() throws Exception {
        Payment payment = paidPayment("host-hook");

        Answer answer = postJson(url("/host-hooks/um/payment_received?token=" + WEBHOOK_TOKEN), payment.body());

        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        assertThat(answer.headers().get("content-type")).startsWith("application/json");
        JsonNode ack = JSON.readTree(answer.body());
        assertThat(ack.path("type").asText()).isEqualTo("payment.received");
        assertThat(ack.path("id").asText()).isNotEmpty();
        awaitDelivered(payment);
    }

    @Test
    void theHostsWebhookRouteRefusesAWrongTokenAsUmhubsOwnPathDoes() throws Exception {
        Payment payment = paidPayment("host-hook-wrong-token");

        Answer umhubs = postJson(url("/webhooks/ultimate-multisite/payment_received?token=not-the-token"),
                payment.body());
        Answer hosts = postJson(url("/host-hooks/um/payment_received?token=not-the-token"), payment.body());

        assertThat(umhubs.status()).as(umhubs.body()).isEqualTo(401);
        assertThat(hosts.body()).doesNotContain("payment.received");
        assertThat(hosts.status()).as("a wrong token on the source Kamelet's path is the sender's fault, as on umhub's")
                .isEqualTo(401);
    }

    @Test
    void theHostsWebhookPathHasUmhubsFrontDoor() throws Exception {
        String tooLarge = "{\"payment_id\": 1, \"pad\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        Answer large = postJson(url("/host-hooks/um/payment_received?token=" + WEBHOOK_TOKEN), tooLarge);
        assertThat(large.status()).as("umhub's body limit on the source Kamelet's path").isEqualTo(413);
        assertThat(large.headers().get("content-type")).startsWith("application/problem+json");

        Answer ok = postJson(url("/host-hooks/um/payment_received?token=" + WEBHOOK_TOKEN),
                paidPayment("host-hook-front-door").body());
        assertThat(ok.status()).as(ok.body()).isEqualTo(202);
        assertThat(ok.headers().get("x-content-type-options")).isEqualTo("nosniff");
    }

    @Test
    void umhubAddsItsOwnWebhookPath() throws Exception {
        Payment payment = paidPayment("umhub-hook");

        Answer answer = postJson(url("/webhooks/ultimate-multisite/payment_received?token=" + WEBHOOK_TOKEN),
                payment.body());

        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        assertThat(JSON.readTree(answer.body()).path("type").asText()).isEqualTo("payment.received");
        assertThat(answer.headers().get("x-content-type-options")).as("umhub's front door on its own path")
                .isEqualTo("nosniff");
        awaitDelivered(payment);
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** One contact upsert by the customer's email in HubSpot, one purchase with the payment's reference in GA4. */
    private static void awaitDelivered(Payment payment) {
        await().atMost(DELIVERY).untilAsserted(() -> {
            assertThat(HUBSPOT.upsertsOf(payment.email())).as("HubSpot upserts of " + payment.email()).hasSize(1);
            assertThat(GA4.purchasesOf(payment.reference())).as("GA4 purchases " + payment.reference()).hasSize(1);
        });
        assertThat(GA4.purchasesOf(payment.reference()).get(0).params().path("currency").asText()).isEqualTo("USD");
    }

    /** A paid payment_received body (the platform's own fixture), with ids and email of its own. */
    record Payment(String body, String email, String reference) {
    }

    private static Payment paidPayment(String tag) throws IOException {
        ObjectNode body;
        try (InputStream in = new ClassPathResource("fixtures/payment_received.json").getInputStream()) {
            body = (ObjectNode) JSON.readTree(in);
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String reference = ("PMT" + unique).toUpperCase();
        String email = tag + "-" + unique + "@customers.example.com";
        body.put("payment_id", random.nextInt(10_000, 1_000_000));
        body.put("payment_reference_code", reference);
        body.put("customer_id", random.nextInt(10_000, 1_000_000));
        body.put("customer_user_id", random.nextInt(10_000, 1_000_000));
        body.put("customer_user_email", email);
        body.put("membership_id", random.nextInt(10_000, 1_000_000));
        body.put("membership_reference_code", ("MBR" + unique).toUpperCase());
        return new Payment(JSON.writeValueAsString(body), email, reference);
    }

    /** An HTTP answer: status, headers (names in lower case, first value), body. */
    record Answer(int status, Map<String, String> headers, String body) {

        /** Header names, Date aside (it changes with every answer). */
        Set<String> headerNames() {
            Set<String> names = new TreeSet<>(headers.keySet());
            names.remove("date");
            return names;
        }
    }

    private String url(String path) {
        return "http://localhost:" + localPort + path;
    }

    private static Answer postForm(String url, String form) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)));
    }

    private static Answer postJson(String url, String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    private static Answer get(String url) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json").GET());
    }

    private static Answer send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> r = HTTP.send(request.timeout(Duration.ofSeconds(15)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        Map<String, String> headers = new TreeMap<>();
        r.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(", ", values)));
        return new Answer(r.statusCode(), headers, r.body());
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
