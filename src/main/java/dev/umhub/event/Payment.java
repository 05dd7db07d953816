package dev.umhub.event;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The payment part of an event. Amounts come from the {@code _raw} fields, never from the formatted text.
 *
 * @param productNames line-item titles joined by ", " (the only product name the platform sends)
 */
public record Payment(String id, String status, String referenceCode, BigDecimal subtotal, BigDecimal taxTotal,
                      BigDecimal total, String currency, String productNames, Instant createdAt, String gateway,
                      String invoiceUrl, String manageUrl) {
}
