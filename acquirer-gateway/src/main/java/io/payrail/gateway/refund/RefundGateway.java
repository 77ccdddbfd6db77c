package io.payrail.gateway.refund;

/**
 * The acquirer's refund API. Implementations must be idempotent by {@link
 * GatewayRefundRequest#idempotencyKey()}: the same key always answers the first refund and never
 * pays back twice, even after a restart of the processor. A technical failure (unreachable,
 * timeout) is an exception: the batch rolls back and is retried with the same keys.
 */
public interface RefundGateway {

  GatewayRefund refund(GatewayRefundRequest request);
}
