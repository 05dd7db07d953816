package dev.umhub.ultimatemultisite.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.Fixtures;
import dev.umhub.event.Membership;
import dev.umhub.event.Payment;
import dev.umhub.ultimatemultisite.lifecycle.EntityKind;
import dev.umhub.ultimatemultisite.lifecycle.Observation;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The captured REST answers read as sightings: strings and numbers alike, nulls and empties as absent. */
class RestObjectsTest {

    private static final Instant NOW = Instant.parse("2026-11-28T02:00:00Z");

    @Test
    void aMembershipWithStringAndNumberTypes() {
        ObjectNode m = Fixtures.object("real-2.4.10/rest/GET-membership_1.json");
        Observation o = RestObjects.observation(EntityKind.MEMBERSHIP, m, NOW);
        assertThat(o.id()).isEqualTo("1");
        assertThat(o.status()).isEqualTo("cancelled");
        assertThat(o.planId()).isEqualTo("1");
        assertThat(o.customerId()).isEqualTo("1");
        assertThat(o.amount()).isEqualByComparingTo("29");
        assertThat(o.dateModified()).isEqualTo(Instant.parse("2026-11-28T00:59:42Z"));
        assertThat(((Membership) o.part()).gateway()).isNull(); // "" is absent
        assertThat(RestObjects.modified(m)).isEqualTo("2026-11-28 00:59:42");
        // the same membership with numbers as strings reads the same
        m.put("plan_id", "1").put("customer_id", "1").put("amount", "29.0000");
        Observation strings = RestObjects.observation(EntityKind.MEMBERSHIP, m, NOW);
        assertThat(strings.planId()).isEqualTo("1");
        assertThat(strings.amount()).isEqualTo(new BigDecimal("29"));
    }

    @Test
    void aPaymentWithMoneyAsText() {
        Observation o = RestObjects.observation(EntityKind.PAYMENT, Fixtures.object("real-2.4.10/rest/GET-payment_2.json"), NOW);
        assertThat(o.status()).isEqualTo("failed");
        assertThat(o.membershipId()).isEqualTo("1");
        assertThat(((Payment) o.part()).total()).isEqualTo(new BigDecimal("29"));
        assertThat(((Payment) o.part()).currency()).isEqualTo("USD");
    }

    @Test
    void aCustomerWithoutDateModified() {
        ObjectNode c = Fixtures.object("real-2.4.10/rest/GET-customer_1.json");
        Observation o = RestObjects.observation(EntityKind.CUSTOMER, c, NOW);
        assertThat(o.dateModified()).isNull();
        assertThat(RestObjects.modified(c)).isNull();
        assertThat(RestObjects.numericId(c)).isEqualTo(1);
        assertThat(RestObjects.registered(c)).isEqualTo(Instant.parse("2026-11-28T00:59:36Z"));
    }

    @Test
    void objectsWithoutAUsableIdAreNoSighting() {
        assertThat(RestObjects.observation(EntityKind.PAYMENT, Fixtures.JSON.createObjectNode(), NOW)).isNull();
        assertThat(RestObjects.observation(EntityKind.PAYMENT, Fixtures.JSON.createObjectNode().put("id", 0), NOW)).isNull();
        assertThat(RestObjects.numericId(Fixtures.JSON.createArrayNode())).isEqualTo(-1);
        assertThat(RestObjects.numericId(Fixtures.JSON.createObjectNode().put("id", "x"))).isEqualTo(-1);
    }

    /** REST objects carry no reference: it is derived from the id as the plugin does, so GA4 gets the same one. */
    @Test
    void paymentsAndMembershipsLearntByRestGetThePlatformsReference() {
        Observation payment = RestObjects.observation(EntityKind.PAYMENT,
                Fixtures.object("real-2.4.10/rest/GET-payment_2.json"), NOW);
        assertThat(((Payment) payment.part()).referenceCode()).isEqualTo("0R9WM68M2D"); // as its webhook said
        Observation membership = RestObjects.observation(EntityKind.MEMBERSHIP,
                Fixtures.object("real-2.4.10/rest/GET-membership_1.json"), NOW);
        assertThat(((Membership) membership.part()).referenceCode()).isEqualTo("03NW02P5JE");
    }
}
