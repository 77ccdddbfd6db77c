package io.payrail.gateway.charge;

/** The acquirer's answer to one charge attempt. */
public sealed interface GatewayResponse {

  /** The money was taken. */
  record Approved(String reference) implements GatewayResponse {}

  /** The issuer refused, e.g. {@code card_declined} or {@code insufficient_funds}; final. */
  record Declined(String reference, String declineCode) implements GatewayResponse {}

  /**
   * Nothing was charged and asking again may succeed, e.g. {@code processing_error} or {@code
   * gateway_timeout}. Asking again with the same idempotency key is safe even if the acquirer did
   * charge before the answer got lost.
   */
  record Retryable(String reason) implements GatewayResponse {}
}
