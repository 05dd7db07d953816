package dev.umhub.ultimatemultisite.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.Fixtures;
import dev.umhub.event.Plan;
import org.junit.jupiter.api.Test;

/** The billing period of the real 2.4.10 products: only a recurring plan has one, a free plan's "1 day" is none. */
class PlanBillingPeriodTest {

    private static Plan product(String id) {
        for (JsonNode p : Fixtures.object("real-2.4.10/rest/GET-membership_1.json").path("compiled_product_list")) {
            if (id.equals(p.path("product").path("id").asText())) {
                return PlanCatalog.plan((ObjectNode) p.path("product"));
            }
        }
        return null;
    }

    @Test
    void aRecurringPlanHasItsDurationAsBillingPeriod() {
        Plan pro = product("1");
        assertThat(pro.name()).isEqualTo("Pro Plan");
        assertThat(pro.billingPeriod()).isEqualTo("month");
        assertThat(pro.billingInterval()).isEqualTo(1);
        assertThat(pro.duration()).isEqualTo(1);
        assertThat(pro.durationUnit()).isEqualTo("month");
    }

    @Test
    void aPlanThatDoesNotRecurHasNone() throws Exception {
        JsonNode products = Fixtures.JSON.readTree(Fixtures.bytes("real-2.4.10/rest/GET-product_number_10.json"));
        Plan free = PlanCatalog.plan((ObjectNode) products.get(0));
        assertThat(free.pricingType()).isEqualTo("free");
        assertThat(free.durationUnit()).as("as the platform stores it").isEqualTo("day");
        assertThat(free.billingPeriod()).isNull();
        assertThat(free.billingInterval()).isNull();
        Plan pro = PlanCatalog.plan((ObjectNode) products.get(1));
        assertThat(pro.billingPeriod()).isEqualTo("month");
    }
}
