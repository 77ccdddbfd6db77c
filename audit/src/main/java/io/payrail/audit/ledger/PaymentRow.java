package io.payrail.audit.ledger;

/** A row of {@code payments}, as far as the audit compares it. */
public record PaymentRow(
    String paymentId,
    String orderId,
    String customerId,
    long amountMinor,
    String currency,
    String status,
    String gatewayReference) {

  public static final String CAPTURED = "CAPTURED";
  public static final String PENDING = "PENDING";

  public boolean captured() {
    return CAPTURED.equals(status);
  }
}
