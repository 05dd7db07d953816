package dev.umhub.event;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The membership (plan subscription) part of an event. Amounts come from the {@code _raw} fields.
 *
 * @param amount          the recurring amount
 * @param initialAmount   the first charge
 * @param description     the platform's price text, as sent ("$ 29.00 every month", "Free!"); webhooks only
 * @param expiresAt       end of the paid period, UTC; null when the platform sent none
 * @param billingPeriod   how often it is charged: {@code day|week|month|year}; from the REST API's
 *                        {@code duration_unit}, else read from the description. Null for one-time and free
 *                        memberships and when the platform did not tell (a description in another language)
 * @param billingInterval how many periods between two charges: 3 for "every 3 months"; null when
 *                        {@code billingPeriod} is
 */
public record Membership(String id, String status, String referenceCode, BigDecimal initialAmount, BigDecimal amount,
                         String currency, String description, String gateway, Instant expiresAt, String manageUrl,
                         String billingPeriod, Integer billingInterval) {
}
