package dev.umhub.connector.pipedrive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.umhub.connector.PlanNames;
import dev.umhub.event.Membership;
import dev.umhub.event.PlatformEvent;
import java.math.BigDecimal;

/**
 * The deal of a {@code create_deal} delivery ({@code POST /api/v2/deals}): "&lt;plan&gt; – &lt;customer&gt;", the
 * membership's recurring amount and currency, open, in the configured pipeline and stage. It has no {@code person_id}:
 * the person may become known only when sending (found by email, or made then), so the route adds it.
 */
final class PipedriveDeals {

    static final String ACTION = "create_deal";

    private final PipedriveProperties properties;
    private final ObjectMapper json;

    PipedriveDeals(PipedriveProperties properties, ObjectMapper json) {
        this.properties = properties;
        this.json = json;
    }

    /**
     * The deal's fields. With {@code deal-key-field} set, the delivery's idempotency key goes in that custom field, so
     * a retry can tell the deal an earlier attempt made (Pipedrive has no idempotency key of its own).
     */
    ObjectNode deal(PlatformEvent event, String who, String idempotencyKey) {
        ObjectNode deal = json.createObjectNode();
        deal.put("title", title(event, who));
        Money money = money(event);
        if (money.amount() != null) {
            deal.put("value", money.amount());
            if (money.currency() != null && !money.currency().isBlank()) {
                deal.put("currency", money.currency().trim().toUpperCase(java.util.Locale.ROOT)); // ISO 4217
            }
        }
        deal.put("status", "open");
        if (properties.getDealPipelineId() != null) {
            deal.put("pipeline_id", properties.getDealPipelineId());
        }
        if (properties.getDealStageId() != null) {
            deal.put("stage_id", properties.getDealStageId());
        }
        if (!properties.getDealKeyField().isBlank()) {
            deal.putObject("custom_fields").put(properties.getDealKeyField(), idempotencyKey);
        }
        return deal;
    }

    /**
     * "Pro Plan – Jane Doe": what a salesperson reads in the pipeline.
     *
     * @param who the customer's name, as the person has it (the email when umhub knows no name)
     */
    static String title(PlatformEvent event, String who) {
        String plan = PlanNames.of(event);
        return (plan == null || plan.isBlank() ? "Membership" : plan.trim()) + " – " + who;
    }

    private record Money(BigDecimal amount, String currency) {
    }

    /**
     * The membership's recurring amount (after an upgrade: the new one), else the plan's price, else the payment's
     * total; the currency of the same part, else any the event has. Neither, and the deal has no value.
     */
    private static Money money(PlatformEvent event) {
        Membership m = event.membership();
        var plan = event.data().plan();
        var payment = event.payment();
        String anyCurrency = m != null && m.currency() != null ? m.currency()
                : plan != null && plan.currency() != null ? plan.currency()
                : payment != null ? payment.currency() : null;
        if (m != null && m.amount() != null) {
            return new Money(m.amount(), m.currency() != null ? m.currency() : anyCurrency);
        }
        if (plan != null && plan.amount() != null) {
            return new Money(plan.amount(), plan.currency() != null ? plan.currency() : anyCurrency);
        }
        if (payment != null && payment.total() != null) {
            return new Money(payment.total(), payment.currency() != null ? payment.currency() : anyCurrency);
        }
        return new Money(null, null);
    }
}
