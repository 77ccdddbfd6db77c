package io.payrail.audit;

import java.util.Objects;

/**
 * One thing the audit found wrong.
 *
 * @param kind what is wrong
 * @param orderId the order concerned as its key names it, {@code merchantId/orderId} ({@link
 *     io.payrail.schemas.keys.OrderKey}): an orderId alone is not an order, two merchants may use
 *     it; for a loyalty balance the order of its last change; null when not known
 * @param customerId the customer concerned as their key names them, {@code merchantId/customerId}
 *     ({@link io.payrail.schemas.keys.CustomerKey}), null when not known
 * @param detail what was found, readable by ops (never card data or value bytes)
 */
public record Discrepancy(DiscrepancyKind kind, String orderId, String customerId, String detail) {

  public Discrepancy {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
  }

  /** One line for the report. */
  public String render() {
    StringBuilder line = new StringBuilder(kind.name());
    if (orderId != null) {
      line.append(" order=").append(orderId);
    }
    if (customerId != null) {
      line.append(" customer=").append(customerId);
    }
    return line.append(": ").append(detail).toString();
  }
}
