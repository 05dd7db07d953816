package dev.umhub.ultimatemultisite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.Fixtures;
import dev.umhub.event.PlatformEvent;
import dev.umhub.ingest.IngestRejectedException;
import dev.umhub.ingest.JsonBodyReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UltimateMultisiteAdapterTest {

    private final UltimateMultisiteAdapter adapter = new UltimateMultisiteAdapter();
    private final Instant now = Instant.parse("2026-11-28T10:00:00Z");

    private PlatformEvent normalise(String slug, ObjectNode body) {
        return adapter.normalise(slug, body, now).event();
    }

    @ParameterizedTest
    @CsvSource({
        "payment_received, payment_received.json, payment.received, payment/812",
        "payment_received, payment_received-free-plan.json, payment.received, payment/813",
        "payment_received, payment_received-no-membership.json, payment.received, payment/901",
        "payment_updated, payment_updated-failed.json, payment.failed, payment/870",
        "membership_updated, membership_updated-cancelled.json, membership.cancelled, membership/77",
        "renewal_payment_created, renewal_payment_created.json, renewal_payment.created, payment/955",
        "site_published, site_published.json, site.published, site/23",
        "domain_created, domain_created.json, domain.created, domain/5",
        "confirm_email_address, confirm_email_address.json, customer.email_verification_requested, customer/42",
        "customer_created, customer_created.json, customer.created, customer/43",
        "payment_received, real-2.4.10/payment_received-1.json, payment.received, payment/2",
        "renewal_payment_created, real-2.4.10/renewal_payment_created-1.json, renewal_payment.created, payment/1",
        "site_published, real-2.4.10/site_published-1.json, site.published, site/2",
        "domain_created, real-2.4.10/domain_created-1.json, domain.created, domain/2",
        "confirm_email_address, real-2.4.10/confirm_email_address-1.json, customer.email_verification_requested, customer/3",
    })
    void everyFixtureHasItsCanonicalTypeAndSubject(String slug, String fixture, String type, String subject) {
        PlatformEvent e = normalise(slug, Fixtures.object(fixture));
        assertThat(e.type()).isEqualTo(type);
        assertThat(e.subject()).isEqualTo(subject);
        assertThat(e.source()).isEqualTo("ultimate-multisite");
        assertThat(e.time()).isEqualTo(now);
        assertThat(e.test()).isFalse();
    }

    @Test
    void moneyComesFromRawFieldsWhetherStringOrNumber() {
        PlatformEvent svc = normalise("payment_received", Fixtures.object("payment_received-no-membership.json"));
        assertThat(svc.payment().total()).isEqualByComparingTo("180.29");
        assertThat(svc.payment().taxTotal()).isEqualByComparingTo("31.29");
        assertThat(svc.payment().currency()).isEqualTo("EUR");
        assertThat(svc.membership()).isNull();

        PlatformEvent real = normalise("renewal_payment_created", Fixtures.object("real-2.4.10/renewal_payment_created-1.json"));
        assertThat(real.payment().total()).isEqualTo(new BigDecimal("29"));
        assertThat(real.payment().id()).isEqualTo("1");
        assertThat(real.membership().id()).isEqualTo("1");
    }

    @Test
    void stringIdsAndNumberIdsAreTheSameEvent() {
        ObjectNode numbers = Fixtures.object("payment_received.json");
        ObjectNode strings = numbers.deepCopy();
        strings.put("payment_id", "812");
        strings.put("customer_id", "41");
        strings.put("payment_total_raw", 29);
        strings.put("membership_amount_raw", "29.0000");
        assertThat(normalise("payment_received", strings).id()).isEqualTo(normalise("payment_received", numbers).id());
    }

    @Test
    void aChangedStatusOrAmountIsANewEvent() {
        ObjectNode a = Fixtures.object("payment_received.json");
        ObjectNode b = a.deepCopy();
        b.put("payment_status", "refunded");
        ObjectNode c = a.deepCopy();
        c.put("payment_total_raw", "30.0000");
        String id = normalise("payment_received", a).id();
        assertThat(normalise("payment_received", b).id()).isNotEqualTo(id);
        assertThat(normalise("payment_received", c).id()).isNotEqualTo(id);
        assertThat(normalise("payment_updated", a).id()).as("the slug is part of the key").isNotEqualTo(id);
    }

    @Test
    void avatarHtmlIsDroppedAndDatesAreUtcInstants() {
        ObjectNode body = Fixtures.object("payment_received.json");
        PlatformEvent e = normalise("payment_received", body);
        assertThat(Fixtures.JSON.valueToTree(e).toString()).doesNotContain("<img").doesNotContain("avatar");
        assertThat(e.payment().createdAt()).isEqualTo(Instant.parse("2026-11-20T14:03:11Z"));
        assertThat(e.membership().expiresAt()).isEqualTo(Instant.parse("2026-12-20T23:59:59Z"));
        body.put("customer_avatar", "<img src='other'/>");
        assertThat(normalise("payment_received", body).id()).as("the avatar does not count").isEqualTo(e.id());
    }

    @Test
    void domainBooleansAreBooleans() {
        PlatformEvent e = normalise("domain_created", Fixtures.object("domain_created.json"));
        assertThat(e.data().domain().active()).isTrue();
        assertThat(e.data().domain().primary()).isFalse();
        assertThat(e.data().domain().secure()).isFalse();
        assertThat(e.data().domain().createdAt()).isEqualTo(Instant.parse("2026-11-22T08:00:12Z"));
    }

    @Test
    void customerNameIsSplitForCrms() {
        PlatformEvent e = normalise("payment_received", Fixtures.object("payment_received.json"));
        assertThat(e.customer().firstName()).isEqualTo("Jane");
        assertThat(e.customer().lastName()).isEqualTo("Doe");
        PlatformEvent single = normalise("confirm_email_address", Fixtures.object("real-2.4.10/confirm_email_address-1.json"));
        assertThat(single.customer().firstName()).isEqualTo("carol");
        assertThat(single.customer().lastName()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "payment_received, test-event-payment_received.json",
        "payment_received, real-2.4.10/test-event-payment_received-1.json",
        "customer_created, real-2.4.10/test-event-customer_created-1.json",
    })
    void platformTestEventsAreFlagged(String slug, String fixture) {
        assertThat(normalise(slug, Fixtures.object(fixture)).test()).isTrue();
    }

    @Test
    void everyKeyIsOptionalAndUnreadableDatesAndBooleansAreAbsent() {
        ObjectNode odd = Fixtures.JSON.createObjectNode();
        odd.put("payment_id", "5");
        odd.put("customer_id", 5);
        odd.put("payment_total_raw", "");
        odd.put("payment_date_created", "yesterday");
        odd.putNull("payment_status");
        odd.putArray("payment_currency");
        odd.put("domain_active", "maybe");
        PlatformEvent e = normalise("payment_received", odd);
        assertThat(e.type()).isEqualTo("payment.received");
        assertThat(e.payment().total()).isNull();
        assertThat(e.payment().createdAt()).isNull();
        assertThat(e.payment().status()).isNull();
        assertThat(e.payment().currency()).isNull();
        assertThat(e.customer().id()).isEqualTo("5");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "payment_total_raw|'\"1e9\"'",
        "payment_total_raw|'1e9'",
        "payment_total_raw|'\"1e400\"'",
        "payment_total_raw|'\"0x1F\"'",
        "payment_total_raw|'true'",
        "payment_total_raw|'\"29,00\"'",
        "payment_total_raw|'\"$ 29.00\"'",
        "membership_amount_raw|'{}'",
        "payment_subtotal_raw|'12345678901234'",
        "payment_tax_total_raw|'1.123456789'",
        "payment_id|'\"abc\"'",
        "payment_id|'-3'",
        "payment_id|'2.5'",
        "customer_id|'true'",
    })
    void malformedMoneyAndIdsAreRefusedNamingTheField(String field, String json) throws Exception {
        ObjectNode body = Fixtures.object("payment_received.json");
        body.set(field, Fixtures.JSON.readTree(json));
        assertThatThrownBy(() -> normalise("payment_received", body)).isInstanceOf(IngestRejectedException.class)
                .satisfies(ex -> {
                    IngestRejectedException r = (IngestRejectedException) ex;
                    assertThat(r.status()).isEqualTo(400);
                    assertThat(r.detail()).startsWith(field + " ");
                });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"'29'", "'29.0000'", "'\"29.9900\"'", "'\" 29 \"'", "'-5.50'", "'0'"})
    void plainDecimalsAreMoney(String json) throws Exception {
        ObjectNode body = Fixtures.object("payment_received.json");
        body.set("payment_total_raw", Fixtures.JSON.readTree(json));
        assertThat(normalise("payment_received", body).payment().total()).isNotNull();
    }

    @ParameterizedTest
    @CsvSource({"payment_received, payment_id", "site_published, site_id", "domain_created, domain_id",
        "customer_updated, customer_id", "membership_updated, membership_id", "confirm_email_address, customer_id"})
    void aBodyThatDoesNotNameItsEntityIsRefused(String slug, String required) {
        assertThatThrownBy(() -> normalise(slug, Fixtures.JSON.createObjectNode()))
                .satisfies(ex -> assertThat(((IngestRejectedException) ex).detail()).startsWith(required + " is missing"));
        ObjectNode onlyCustomer = Fixtures.JSON.createObjectNode().put("customer_name", "x");
        if (!"customer_id".equals(required)) {
            assertThatThrownBy(() -> normalise(slug, onlyCustomer)).isInstanceOf(IngestRejectedException.class);
        }
    }

    @Test
    void unknownSlugIs404() {
        assertThatThrownBy(() -> normalise("no_such_event", Fixtures.JSON.createObjectNode()))
                .isInstanceOf(IngestRejectedException.class)
                .satisfies(ex -> assertThat(((IngestRejectedException) ex).status()).isEqualTo(404));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"payment_total_raw|2.9e1", "payment_total_raw|29e0",
        "payment_total_raw|2900e-2", "payment_id|1e2", "customer_id|2E0"})
    void anExponentIsRefusedAsSentOverTheWire(String field, String literal) {
        JsonBodyReader reader = new JsonBodyReader(Fixtures.JSON, 65536);
        ObjectNode body = reader.read(("{\"payment_id\": 2, \"" + field + "\": " + literal + "}")
                .getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> normalise("payment_received", body))
                .satisfies(ex -> assertThat(((IngestRejectedException) ex).detail()).startsWith(field + " is not"));
    }
}
