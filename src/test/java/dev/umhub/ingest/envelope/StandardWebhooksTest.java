package dev.umhub.ingest.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.umhub.ingest.IngestRejectedException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StandardWebhooksTest {

    // the example from the Standard Webhooks specification's test vectors
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final long TS = 1614265330;
    static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    static final String EXPECTED = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private final Clock at = Clock.fixed(Instant.ofEpochSecond(TS + 60), ZoneOffset.UTC);

    private static int status(Runnable r) {
        IngestRejectedException e = catchThrowableOfType(IngestRejectedException.class, r::run);
        return e == null ? 0 : e.status();
    }

    @Test
    void signsLikeTheSpecificationsExample() {
        assertThat(StandardWebhooks.sign(SECRET, ID, TS, BODY)).isEqualTo(EXPECTED);
    }

    @Test
    void acceptsAnyMatchingSignatureAmongSeveral() {
        StandardWebhooks v = new StandardWebhooks(SECRET, Duration.ofMinutes(5), at);
        assertThatCode(() -> v.verify(ID, String.valueOf(TS), "v1,bm90LXRoaXMtb25l " + EXPECTED, BODY))
                .doesNotThrowAnyException();
    }

    @Test
    void acceptsAnyOfSeveralSecretsDuringARotation() {
        StandardWebhooks v = new StandardWebhooks("whsec_c2Vjb25kLXNlY3JldA==, " + SECRET, Duration.ofMinutes(5), at);
        assertThatCode(() -> v.verify(ID, String.valueOf(TS), EXPECTED, BODY)).doesNotThrowAnyException();
    }

    @Test
    void refusesTamperingStaleMessagesAndMissingHeaders() {
        StandardWebhooks v = new StandardWebhooks(SECRET, Duration.ofMinutes(5), at);
        byte[] tampered = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);
        assertThat(status(() -> v.verify(ID, String.valueOf(TS), EXPECTED, tampered))).isEqualTo(401);
        assertThat(status(() -> v.verify("msg_other", String.valueOf(TS), EXPECTED, BODY))).isEqualTo(401);
        StandardWebhooks later = new StandardWebhooks(SECRET, Duration.ofMinutes(5),
                Clock.fixed(Instant.ofEpochSecond(TS + 301), ZoneOffset.UTC));
        assertThat(status(() -> later.verify(ID, String.valueOf(TS), EXPECTED, BODY))).isEqualTo(401);
        assertThat(status(() -> v.verify(ID, null, EXPECTED, BODY))).isEqualTo(401);
        assertThat(status(() -> v.verify(ID, "yesterday", EXPECTED, BODY))).isEqualTo(401);
        assertThat(status(() -> v.verify(ID, String.valueOf(TS), "v1,not-base64!", BODY))).isEqualTo(401);
        assertThat(status(() -> new StandardWebhooks("", Duration.ofMinutes(5), at)
                .verify(ID, String.valueOf(TS), EXPECTED, BODY))).isEqualTo(401);
    }
}
