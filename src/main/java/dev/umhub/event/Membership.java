package dev.umhub.event;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The membership (plan subscription) part of an event. Amounts come from the {@code _raw} fields.
 *
 * @param amount        the recurring amount
 * @param initialAmount the first charge
 * @param expiresAt     end of the paid period, UTC; null when the platform sent none
 */
public record Membership(String id, String status, String referenceCode, BigDecimal initialAmount, BigDecimal amount,
                         String currency, String description, String gateway, Instant expiresAt, String manageUrl) {
}
