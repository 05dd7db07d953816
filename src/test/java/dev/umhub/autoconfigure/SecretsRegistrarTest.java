package dev.umhub.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.umhub.support.Secrets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class SecretsRegistrarTest {

    @Test
    void everyConfiguredSecretAndTheSecretPartOfWebhookUrlsAreMasked() {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "umhub.destinations.crm-bridge.token", "bridge-token-1234",
                "umhub.destinations.slack.webhook-url", "https://hooks.slack.com/services/T1/B1/abcdefgh",
                "umhub.destinations.ga4.measurement-id", "G-NOTSECRET",
                "UMHUB_ADMIN_TOKEN", "admin-from-env-5678")));
        new SecretsRegistrar(env).afterPropertiesSet();
        assertThat(Secrets.mask("sent bridge-token-1234 to https://hooks.slack.com/services/T1/B1/abcdefgh"))
                .isEqualTo("sent **** to https://hooks.slack.com****");
        assertThat(Secrets.mask("admin-from-env-5678")).isEqualTo("****");
        assertThat(Secrets.mask("G-NOTSECRET")).isEqualTo("G-NOTSECRET");
    }
}
