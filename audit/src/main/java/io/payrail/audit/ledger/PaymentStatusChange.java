package io.payrail.audit.ledger;

import io.payrail.schemas.keys.OrderKey;

/**
 * A row of {@code payment_status_history} into or out of {@code HELD_FOR_REVIEW}: how the audit
 * tells a payment that was held from one that never was, and one a review released.
 *
 * @param fromStatus the status before, null when the row was created with {@code toStatus}
 * @param toStatus the status after
 */
public record PaymentStatusChange(
    String merchantId, String orderId, String fromStatus, String toStatus) {

  public OrderKey orderKey() {
    return new OrderKey(merchantId, orderId);
  }
}
