package io.payrail.loyalty.topology;

/** An event that decodes but cannot be applied to points (no customer, bad currency…). */
public final class InvalidEventException extends RuntimeException {

  public InvalidEventException(String message) {
    super(message);
  }
}
