package io.payrail.payment.review;

/**
 * A review decision that can never be applied: it breaks the contract, names an order the ledger
 * does not have, or another merchant's order. Its message is the dead letter's reason header.
 */
public class InvalidReviewDecisionException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public InvalidReviewDecisionException(String message) {
    super(message);
  }
}
