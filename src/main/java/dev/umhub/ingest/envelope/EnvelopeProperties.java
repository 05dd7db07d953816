package dev.umhub.ingest.envelope;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code umhub.sources.envelope.*}: the signed canonical-event source ({@code POST /events}). */
@ConfigurationProperties(prefix = "umhub.sources.envelope")
public class EnvelopeProperties {

    /** Standard Webhooks secret in its whsec_<base64> form; several, comma-separated, during a key rotation. */
    private String signingSecret = "";
    /** How far a webhook-timestamp may be from now, either way. */
    private Duration tolerance = Duration.ofMinutes(5);

    public String getSigningSecret() {
        return signingSecret;
    }

    public void setSigningSecret(String signingSecret) {
        this.signingSecret = signingSecret;
    }

    public Duration getTolerance() {
        return tolerance;
    }

    public void setTolerance(Duration tolerance) {
        this.tolerance = tolerance;
    }
}
