package dev.umhub.event;

import java.math.BigDecimal;

/**
 * The plan (product) a membership is on. Webhooks never carry it; umhub learns it from the REST API (the
 * membership's {@code plan_id} and {@code compiled_product_list}, or {@code /product/{id}}) and adds it to events
 * so rules can tell free from paid plans.
 *
 * @param type            {@code plan|package|service}
 * @param pricingType     {@code free|paid|contact_us}
 * @param amount          the plan's price per period
 * @param duration        the product's {@code duration} as the platform stores it, also for plans that do not recur
 * @param durationUnit    the product's {@code duration_unit} ({@code day|week|month|year}), likewise
 * @param billingPeriod   how often the plan is charged, {@code day|week|month|year}: the duration unit of a recurring
 *                        plan; null for a plan that does not recur ({@code recurring} false) or when unknown
 * @param billingInterval how many periods between two charges; null when {@code billingPeriod} is
 */
public record Plan(String id, String name, String type, String pricingType, BigDecimal amount, String currency,
                   Integer duration, String durationUnit, String billingPeriod, Integer billingInterval) {
}
