package io.payrail.risk.intake;

/** An order that decodes but cannot be scored, e.g. one without a customer to key its state by. */
public final class InvalidOrderException extends RuntimeException {

  public InvalidOrderException(String message) {
    super(message);
  }
}
