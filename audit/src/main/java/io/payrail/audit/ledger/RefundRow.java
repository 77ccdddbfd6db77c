package io.payrail.audit.ledger;

/** A row of {@code refunds}: the final outcome of one refundId. */
public record RefundRow(
    String refundId,
    String orderId,
    String customerId,
    long amountMinor,
    String currency,
    String status,
    String gatewayReference) {

  public static final String COMPLETED = "COMPLETED";

  public boolean completed() {
    return COMPLETED.equals(status);
  }
}
