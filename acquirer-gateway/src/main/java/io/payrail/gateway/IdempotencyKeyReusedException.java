package io.payrail.gateway;

/**
 * The acquirer saw the idempotency key before with other values (amount, currency), and refused.
 */
public class IdempotencyKeyReusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public IdempotencyKeyReusedException(String message) {
    super(message);
  }
}
