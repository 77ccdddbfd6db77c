package io.payrail.risk.intake;

/** A customer verification record that breaks the contract; its dead letter says how. */
public final class InvalidVerificationException extends RuntimeException {

  public InvalidVerificationException(String message) {
    super(message);
  }
}
