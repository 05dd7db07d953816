package dev.umhub.ultimatemultisite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.Fixtures;
import dev.umhub.event.PlatformEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** References derived from ids, checked against what the real plugin (2.4.10) sent. */
class ReferencesTest {

    @ParameterizedTest
    @ValueSource(strings = {"payment_received-1.json", "renewal_payment_created-1.json", "domain_created-1.json",
        "site_published-1.json"})
    void everyRealWebhooksReferenceIsTheOneDerivedFromItsId(String fixture) {
        ObjectNode body = Fixtures.object("real-2.4.10/" + fixture);
        PayloadFields f = new PayloadFields(body);
        if (f.id("payment_id") != null && !"0".equals(f.id("payment_id"))) {
            assertThat(References.of(References.PAYMENT, f.id("payment_id"))).isEqualTo(f.text("payment_reference_code"));
        }
        assertThat(References.of(References.MEMBERSHIP, f.id("membership_id")))
                .isEqualTo(f.text("membership_reference_code"));
    }

    @Test
    void knownPairsAndIdsThatAreNotPlatformIds() {
        assertThat(References.of(References.PAYMENT, "2")).isEqualTo("0R9WM68M2D");
        assertThat(References.of(References.PAYMENT, "1")).isEqualTo("VED87L8K2M");
        assertThat(References.of(References.MEMBERSHIP, "1")).isEqualTo("03NW02P5JE");
        assertThat(References.of(References.MEMBERSHIP, "2")).isEqualTo("392W264Q5N");
        assertThat(References.of(References.PAYMENT, "0")).isNull(); // the platform's test events
        assertThat(References.of(References.PAYMENT, "abc")).isNull();
        assertThat(References.of(References.PAYMENT, null)).isNull();
        assertThat(References.of("site", "1")).isNull();
    }

    @Test
    void aWebhookWithoutAReferenceGetsTheDerivedOneAndADifferentOneWins() {
        ObjectNode body = Fixtures.object("real-2.4.10/payment_received-1.json");
        body.remove("payment_reference_code");
        PlatformEvent derived = new UltimateMultisiteAdapter().normalise("payment_received", body, Instant.now()).event();
        assertThat(derived.payment().referenceCode()).isEqualTo("0R9WM68M2D");
        body.put("payment_reference_code", "SOMETHINGELSE");
        PlatformEvent given = new UltimateMultisiteAdapter().normalise("payment_received", body, Instant.now()).event();
        assertThat(given.payment().referenceCode()).isEqualTo("SOMETHINGELSE");
    }
}
