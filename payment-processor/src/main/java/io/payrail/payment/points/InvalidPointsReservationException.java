package io.payrail.payment.points;

/**
 * A points answer that can never be applied: it breaks the contract, or does not match its order's
 * payment (another merchant or customer, other points). Its message is the dead letter's reason
 * header.
 */
public class InvalidPointsReservationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public InvalidPointsReservationException(String message) {
    super(message);
  }
}
