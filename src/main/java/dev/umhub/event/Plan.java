package dev.umhub.event;

import java.math.BigDecimal;

/**
 * The plan (product) a membership is on. Webhooks never carry it; umhub learns it from the REST API (the
 * membership's {@code plan_id} and {@code compiled_product_list}, or {@code /product/{id}}) and adds it to events
 * so rules can tell free from paid plans.
 *
 * @param type        {@code plan|package|service}
 * @param pricingType {@code free|paid|contact_us}
 * @param amount      the plan's price per period
 */
public record Plan(String id, String name, String type, String pricingType, BigDecimal amount, String currency,
                   Integer duration, String durationUnit) {
}
