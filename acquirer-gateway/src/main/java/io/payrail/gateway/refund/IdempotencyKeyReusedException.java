package io.payrail.gateway.refund;

/** The acquirer saw the idempotency key before with another amount or currency, and refused. */
public class IdempotencyKeyReusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public IdempotencyKeyReusedException(String message) {
    super(message);
  }
}
