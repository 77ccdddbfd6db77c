package io.payrail.payment.intake;

import io.payrail.events.OrderPlaced;
import io.payrail.events.RiskAssessed;
import io.payrail.listener.reconcile.SourceRecord;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.topics.Topics;

/**
 * A valid risk assessment and where it was read from.
 *
 * @param partition the {@code order-risk} partition it was read from
 * @param offset its offset there
 */
public record Assessment(RiskAssessed value, int partition, long offset) {

  public OrderPlaced order() {
    return value.getOrder();
  }

  public String orderId() {
    return value.getOrder().getOrderId();
  }

  /** The order's identity: its merchant and the merchant's orderId. */
  public OrderKey key() {
    return new OrderKey(value.getOrder().getMerchantId(), value.getOrder().getOrderId());
  }

  /** The record this assessment was read from. */
  public SourceRecord source() {
    return new SourceRecord(Topics.ORDER_RISK.name(), partition, offset);
  }
}
