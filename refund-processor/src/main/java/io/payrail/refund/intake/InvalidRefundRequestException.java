package io.payrail.refund.intake;

/** A refund request that deserialized but breaks the contract or the ledger's column limits. */
public class InvalidRefundRequestException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public InvalidRefundRequestException(String message) {
    super(message);
  }
}
