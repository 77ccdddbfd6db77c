package io.payrail.audit;

import java.util.Objects;

/**
 * One thing the audit found wrong.
 *
 * @param kind what is wrong
 * @param orderId the order concerned; for a loyalty balance the order of its last change
 * @param customerId the customer concerned, null when not known
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
