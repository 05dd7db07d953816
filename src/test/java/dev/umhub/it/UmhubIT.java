package dev.umhub.it;

import dev.umhub.fakes.Ga4Fake;
import dev.umhub.fakes.HubSpotFake;
import dev.umhub.server.UmhubServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One umhub on a random port with the project's real routes, a copy of its rules, an H2 file store of its own and
 * WireMock fakes of HubSpot and GA4. Subclasses share this one application context (same configuration), so
 * each test makes its events unique ({@link Payloads}). Retries are fast here: 300, 600, 900 ms.
 */
@SpringBootTest(classes = UmhubServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class UmhubIT {

    public static final String HUBSPOT_TOKEN = "hs-it-token";
    public static final String GA4_ID = "G-IT12345";
    public static final String GA4_SECRET = "ga4-it-secret";
    public static final String ENVELOPE_SECRET = "whsec_dW1odWItaXQtZW52ZWxvcGUtc2VjcmV0";
    /** Every secret these tests configure: none may show in an answer, a header or a log line. */
    static final List<String> SECRETS = List.of(Http.WEBHOOK_TOKEN, Http.ADMIN_TOKEN, HUBSPOT_TOKEN, GA4_SECRET,
            ENVELOPE_SECRET);
    /** A Java class name ({@code com.example.Thing}) in an answer: a library's internals showing through. */
    static final Pattern CLASS_NAME = Pattern.compile("[a-z]+\\.[a-z]+\\.[A-Z]");

    protected static final HubSpotFake HUBSPOT = new HubSpotFake(HUBSPOT_TOKEN);
    protected static final Ga4Fake GA4 = new Ga4Fake(GA4_ID, GA4_SECRET);
    protected static final Path WORK = workFolder();

    @LocalServerPort
    int port;

    protected Http http;

    private static Path workFolder() {
        try {
            Path work = Files.createTempDirectory("umhub-it-");
            Files.createDirectories(work.resolve("rules"));
            Files.copy(Path.of("rules/integrations.drl"), work.resolve("rules/integrations.drl"));
            return work;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void umhub(DynamicPropertyRegistry p) {
        p.add("umhub.store.url", () -> "jdbc:h2:file:" + WORK.resolve("data/umhub"));
        p.add("umhub.rules.directory", () -> WORK.resolve("rules").toString());
        p.add("umhub.routes.directory", () -> Path.of("routes").toAbsolutePath().toString());
        p.add("umhub.sources.inbox.directory", () -> WORK.resolve("inbox").toString());
        p.add("umhub.sources.ultimate-multisite.token", () -> Http.WEBHOOK_TOKEN);
        p.add("umhub.admin.token", () -> Http.ADMIN_TOKEN);
        p.add("umhub.sources.envelope.signing-secret", () -> ENVELOPE_SECRET);
        p.add("umhub.delivery.poll-interval", () -> "100ms");
        p.add("umhub.delivery.response-timeout-ms", () -> "1500");
        p.add("umhub.destinations.hubspot.base-url", HUBSPOT::baseUrl);
        p.add("umhub.destinations.hubspot.access-token", () -> HUBSPOT_TOKEN);
        p.add("umhub.destinations.hubspot.retry-backoff", () -> "300ms,600ms,900ms");
        p.add("umhub.destinations.hubspot.retry-jitter", () -> "0");
        // the tests here fail providers on purpose, one after another: the breaker has its own tests
        p.add("umhub.destinations.hubspot.circuit-breaker-failures", () -> "50");
        p.add("umhub.destinations.ga4.base-url", GA4::baseUrl);
        p.add("umhub.destinations.ga4.measurement-id", () -> GA4_ID);
        p.add("umhub.destinations.ga4.api-secret", () -> GA4_SECRET);
        p.add("umhub.destinations.ga4.retry-backoff", () -> "300ms,600ms,900ms");
        p.add("umhub.destinations.ga4.retry-jitter", () -> "0");
        p.add("umhub.destinations.ga4.circuit-breaker-failures", () -> "50");
    }

    @BeforeEach
    void connect() {
        http = new Http(port);
        HUBSPOT.reset();
        GA4.reset();
    }
}
