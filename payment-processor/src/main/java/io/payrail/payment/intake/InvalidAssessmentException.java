package io.payrail.payment.intake;

/** A record that deserialized but breaks the contract; its message names the broken rule. */
public class InvalidAssessmentException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public InvalidAssessmentException(String message) {
    super(message);
  }
}
