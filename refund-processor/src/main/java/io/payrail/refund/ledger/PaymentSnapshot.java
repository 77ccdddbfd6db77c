package io.payrail.refund.ledger;

import io.payrail.schemas.keys.OrderKey;

/**
 * The payment of an order as the refund sees it, read under its row lock by (merchantId, orderId):
 * only the asking merchant's own order is ever read.
 *
 * @param paymentId the payment's id
 * @param orderId the order it pays
 * @param customerId the paying customer
 * @param merchantId the merchant paid
 * @param amountMinor amount of the payment in minor units
 * @param currency ISO-4217 code of the amount
 * @param status the payment's status in the payments ledger (CAPTURED, PENDING, ...)
 * @param gatewayReference the acquirer's reference of the charge, when there is one
 */
public record PaymentSnapshot(
    String paymentId,
    String orderId,
    String customerId,
    String merchantId,
    long amountMinor,
    String currency,
    String status,
    String gatewayReference) {

  public static final String CAPTURED = "CAPTURED";

  /** The paid order's identity. */
  public OrderKey orderKey() {
    return new OrderKey(merchantId, orderId);
  }

  public boolean captured() {
    return CAPTURED.equals(status);
  }

  /** What can be refunded at most: the captured amount, nothing before the capture. */
  public long capturedAmountMinor() {
    return captured() ? amountMinor : 0;
  }
}
