package io.payrail.gateway.refund;

/** The acquirer's answer to one refund. */
public sealed interface RefundResponse {

  /**
   * The money went back.
   *
   * @param reference the acquirer's reference of the refund
   * @param replayed true when the key had been refunded before and this is its first answer again
   */
  record Refunded(String reference, boolean replayed) implements RefundResponse {}

  /**
   * No answer: the acquirer may or may not have paid back, e.g. {@code gateway_timeout} (the
   * request left, its answer never came). Never a failure: what the acquirer did is asked later by
   * the refund's idempotency key ({@link RefundGateway#lookup}).
   */
  record Unknown(String reason) implements RefundResponse {}
}
