package io.payrail.payment.ledger;

import io.payrail.schemas.keys.OrderKey;
import java.time.Instant;

/**
 * A payment waiting for its points answer, as the answer timeout needs it.
 *
 * @param pointsRedeemed the points the order redeems
 * @param awaitingSince when the row became AWAITING_POINTS (its last change)
 */
public record AwaitingOrder(
    String orderId,
    String merchantId,
    String customerId,
    long pointsRedeemed,
    Instant awaitingSince) {

  /** The order's identity: its merchant and the merchant's orderId. */
  public OrderKey key() {
    return new OrderKey(merchantId, orderId);
  }
}
