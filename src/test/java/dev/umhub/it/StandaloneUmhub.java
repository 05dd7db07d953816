package dev.umhub.it;

import dev.umhub.server.UmhubServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A umhub started and stopped by the test itself, for what one shared context cannot show: a restart on the same
 * store, a configuration without credentials, another database.
 */
public final class StandaloneUmhub implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    public final Http http;

    private StandaloneUmhub(ConfigurableApplicationContext context) {
        this.context = context;
        this.http = new Http(((ServletWebServerApplicationContext) context).getWebServer().getPort());
    }

    /** Defaults for a test umhub in WORK: its own H2 file, the project's routes, a copy of the rules. */
    public static Map<String, Object> defaults(Path work) throws java.io.IOException {
        Files.createDirectories(work.resolve("rules"));
        if (!Files.exists(work.resolve("rules/integrations.drl"))) {
            Files.copy(Path.of("rules/integrations.drl"), work.resolve("rules/integrations.drl"));
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("server.port", "0");
        p.put("umhub.store.url", "jdbc:h2:file:" + work.resolve("data/umhub"));
        p.put("umhub.rules.directory", work.resolve("rules").toString());
        p.put("umhub.routes.directory", Path.of("routes").toAbsolutePath().toString());
        p.put("umhub.sources.inbox.directory", work.resolve("inbox").toString());
        p.put("umhub.sources.ultimate-multisite.token", Http.WEBHOOK_TOKEN);
        p.put("umhub.admin.token", Http.ADMIN_TOKEN);
        p.put("umhub.delivery.poll-interval", "100ms");
        return p;
    }

    /** Points HubSpot at a fake, with its token. */
    public static Map<String, Object> withHubSpot(Map<String, Object> p, dev.umhub.fakes.HubSpotFake fake, String token) {
        p.put("umhub.destinations.hubspot.base-url", fake.baseUrl());
        p.put("umhub.destinations.hubspot.access-token", token);
        return p;
    }

    /** Points GA4 at a fake, with its measurement id and secret. */
    public static Map<String, Object> withGa4(Map<String, Object> p, dev.umhub.fakes.Ga4Fake fake, String id,
                                              String secret) {
        p.put("umhub.destinations.ga4.base-url", fake.baseUrl());
        p.put("umhub.destinations.ga4.measurement-id", id);
        p.put("umhub.destinations.ga4.api-secret", secret);
        return p;
    }

    public static StandaloneUmhub start(Map<String, Object> properties) {
        // as command-line arguments: builder "properties" are only defaults, below application.yml
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new StandaloneUmhub(new SpringApplicationBuilder(UmhubServer.class).run(args));
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
