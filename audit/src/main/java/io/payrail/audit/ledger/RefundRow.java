package io.payrail.audit.ledger;

import io.payrail.schemas.keys.CustomerKey;
import io.payrail.schemas.keys.OrderKey;
import java.time.Instant;

/**
 * A row of {@code refunds}: one refund (merchantId, refundId), as far as the audit compares it.
 *
 * @param acquirerKey the idempotency key of its acquirer refund, stored with the row ({@code
 *     acquirer_key}): the refundId for rows from before merchant-scoped ids, {@code
 *     payrail:refund:<hex>} since
 * @param status PENDING (reserved), UNKNOWN (the acquirer never answered), COMPLETED or REJECTED
 * @param updatedAt when its status last changed
 */
public record RefundRow(
    String refundId,
    String merchantId,
    String orderId,
    String customerId,
    long amountMinor,
    String currency,
    String status,
    String gatewayReference,
    String acquirerKey,
    Instant updatedAt) {

  public static final String COMPLETED = "COMPLETED";
  public static final String UNKNOWN = "UNKNOWN";

  public RefundKey refundKey() {
    return new RefundKey(merchantId, refundId);
  }

  /** The order refunded. */
  public OrderKey orderKey() {
    return new OrderKey(merchantId, orderId);
  }

  public CustomerKey customerKey() {
    return new CustomerKey(merchantId, customerId);
  }

  public boolean completed() {
    return COMPLETED.equals(status);
  }

  /** The acquirer's answer never came; the refund-processor's reconciler is to resolve it. */
  public boolean unknown() {
    return UNKNOWN.equals(status);
  }
}
