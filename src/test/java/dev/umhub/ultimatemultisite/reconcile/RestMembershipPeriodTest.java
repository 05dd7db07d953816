package dev.umhub.ultimatemultisite.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.Fixtures;
import dev.umhub.event.Membership;
import dev.umhub.ultimatemultisite.lifecycle.EntityKind;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A REST membership's billing period comes from its duration fields, a one-time one has none. */
class RestMembershipPeriodTest {

    private static final Instant NOW = Instant.parse("2026-11-28T02:00:00Z");

    private static Membership membership(ObjectNode object) {
        return (Membership) RestObjects.observation(EntityKind.MEMBERSHIP, object, NOW).part();
    }

    @Test
    void aRecurringMembershipHasItsDurationAsBillingPeriod() {
        ObjectNode m = Fixtures.object("real-2.4.10/rest/GET-membership_1.json");
        assertThat(membership(m).billingPeriod()).isEqualTo("month");
        assertThat(membership(m).billingInterval()).isEqualTo(1);
        m.put("duration", "3").put("duration_unit", "month");
        assertThat(membership(m).billingInterval()).isEqualTo(3);
    }

    @Test
    void aOneTimeMembershipHasNone() throws Exception {
        JsonNode list = Fixtures.JSON.readTree(Fixtures.bytes("real-2.4.10/rest/GET-membership_number_10.json"));
        ObjectNode free = null;
        for (JsonNode m : list) {
            if ("3".equals(m.path("id").asText())) {
                free = (ObjectNode) m; // recurring false, "1 day", amount 0
            }
        }
        assertThat(membership(free).billingPeriod()).isNull();
        assertThat(membership(free).billingInterval()).isNull();
    }
}
