package io.payrail.refund.intake;

import io.payrail.events.RefundRequested;
import io.payrail.listener.reconcile.SourceRecord;
import io.payrail.refund.ledger.RefundKey;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.topics.Topics;

/**
 * A refund request that passed intake, with where it came from (kept in the ledger for audits).
 *
 * @param value the request as published
 * @param partition partition of refund-requests it was read from
 * @param offset offset in that partition
 */
public record RefundRequest(RefundRequested value, int partition, long offset) {

  public String refundId() {
    return value.getRefundId();
  }

  public String orderId() {
    return value.getOrderId();
  }

  /** The order the request is for: the asking merchant's own order of this orderId. */
  public OrderKey orderKey() {
    return new OrderKey(value.getMerchantId(), value.getOrderId());
  }

  /** The refund the request asks for: the asking merchant's refund of this refundId. */
  public RefundKey refundKey() {
    return new RefundKey(value.getMerchantId(), value.getRefundId());
  }

  /** This request's record, as a row finalized by it remembers it. */
  public SourceRecord source() {
    return new SourceRecord(Topics.REFUND_REQUESTS.name(), partition, offset);
  }
}
