package io.payrail.loyalty.rules;

import io.payrail.events.LoyaltyChange;
import io.payrail.events.LoyaltySource;

/**
 * One payment or refund as applied to a balance.
 *
 * @param source PAYMENT or REFUND
 * @param sourceId the paymentId or refundId
 * @param orderId the order behind it
 * @param amountMinor the payment's or refund's amount
 * @param currency ISO-4217 code of the amount
 * @param pointsDelta points actually added (positive) or taken back (negative)
 */
public record PointsChange(
    LoyaltySource source,
    String sourceId,
    String orderId,
    long amountMinor,
    String currency,
    long pointsDelta) {

  public LoyaltyChange toEvent() {
    return LoyaltyChange.newBuilder()
        .setSource(source)
        .setSourceId(sourceId)
        .setOrderId(orderId)
        .setAmountMinor(amountMinor)
        .setCurrency(currency)
        .setPointsDelta(pointsDelta)
        .build();
  }
}
