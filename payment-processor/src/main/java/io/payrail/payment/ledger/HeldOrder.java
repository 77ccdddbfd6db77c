package io.payrail.payment.ledger;

import io.payrail.schemas.keys.OrderKey;
import java.time.Instant;

/**
 * A payment held for review, as the hold expiry needs it.
 *
 * @param heldSince when the row became HELD_FOR_REVIEW (its last change)
 */
public record HeldOrder(String orderId, String merchantId, Instant heldSince) {

  /** The order's identity: its merchant and the merchant's orderId. */
  public OrderKey key() {
    return new OrderKey(merchantId, orderId);
  }
}
