package io.payrail.gateway.charge;

/** The acquirer's answer to one charge attempt. */
public sealed interface GatewayResponse {

  /** The money was taken. */
  record Approved(String reference) implements GatewayResponse {}

  /** The issuer refused, e.g. {@code card_declined} or {@code insufficient_funds}; final. */
  record Declined(String reference, String declineCode) implements GatewayResponse {}

  /**
   * Nothing was charged and asking again may succeed, e.g. {@code processing_error}. Asking again
   * with the same idempotency key is safe.
   */
  record Retryable(String reason) implements GatewayResponse {}

  /**
   * No answer: the acquirer may or may not have charged, e.g. {@code gateway_timeout} (the request
   * left, its answer never came). Never a failure: what the acquirer did is asked later by the
   * charge's idempotency key ({@link PaymentGateway#lookup}).
   */
  record Unknown(String reason) implements GatewayResponse {}
}
