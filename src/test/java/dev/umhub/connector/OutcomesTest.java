package dev.umhub.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OutcomesTest {

    @ParameterizedTest
    @CsvSource({"408, true", "425, true", "429, true", "500, true", "502, true", "503, true", "504, true",
        "400, false", "401, false", "403, false", "404, false", "409, false", "422, false"})
    void transientStatusesAreRetriedOthersAreDeadLetters(int status, boolean retried) {
        DeliveryResult r = Outcomes.failure(DeliveryAnswer.http(status, Map.of(), "{}"));
        assertThat(r instanceof DeliveryResult.RetryLater).isEqualTo(retried);
        assertThat(r instanceof DeliveryResult.Permanent).isEqualTo(!retried);
    }

    @Test
    void retryAfterIsReadInSecondsAndAsADate() {
        assertThat(Outcomes.retryAfter("120")).isEqualTo(Duration.ofSeconds(120));
        assertThat(Outcomes.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(Outcomes.retryAfter("soon")).isNull();
        assertThat(Outcomes.retryAfter(null)).isNull();
        DeliveryResult r = Outcomes.failure(DeliveryAnswer.http(429, Map.of("retry-after", "7"), ""));
        assertThat(((DeliveryResult.RetryLater) r).retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void transportNeutralAnswers() {
        assertThat(Outcomes.standard(DeliveryAnswer.http(204, Map.of(), ""))).isInstanceOf(DeliveryResult.Delivered.class);
        // a route without an HTTP status (Kafka, a file) that completed has delivered
        assertThat(Outcomes.standard(new DeliveryAnswer(null, Map.of(), "", null)))
                .isInstanceOf(DeliveryResult.Delivered.class);
        // an exception is retried, unless the route said it is permanent
        assertThat(Outcomes.standard(new DeliveryAnswer(null, Map.of(), "", new java.net.ConnectException("refused"))))
                .isInstanceOf(DeliveryResult.RetryLater.class);
        assertThat(Outcomes.standard(new DeliveryAnswer(null, Map.of(), "",
                new IllegalStateException("wrapped", new PermanentDeliveryException("no such topic")))))
                .isInstanceOf(DeliveryResult.Permanent.class);
        assertThat(Outcomes.standard(new DeliveryAnswer(null, Map.of(DeliveryAnswer.PERMANENT_HEADER, "true"), "",
                new RuntimeException("refused by the route")))).isInstanceOf(DeliveryResult.Permanent.class);
    }
}
