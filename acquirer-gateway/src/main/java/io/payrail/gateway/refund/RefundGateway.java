package io.payrail.gateway.refund;

import java.util.Optional;

/**
 * The acquirer's refund API. Implementations must be idempotent by {@link
 * GatewayRefundRequest#idempotencyKey()}: the same key always answers the first refund and never
 * pays back twice, even after a restart of the processor. A refund whose answer never came (a
 * timeout after the request left) is an answer, {@link RefundResponse.Unknown}; an exception means
 * the acquirer could not be asked at all (unreachable) and fails the batch, which is then retried
 * with the same keys.
 */
public interface RefundGateway {

  RefundResponse refund(GatewayRefundRequest request);

  /**
   * What the acquirer recorded for a refund with this idempotency key, or empty when it has none
   * (the request never reached it). An exception means the acquirer could not be asked.
   */
  Optional<RefundResponse.Refunded> lookup(String idempotencyKey);
}
