package io.payrail.loyalty.rules;

import io.payrail.events.LoyaltyChange;
import io.payrail.events.LoyaltySource;

/**
 * One payment, refund, registration, reservation or release as applied to a balance.
 *
 * @param source PAYMENT, REFUND, REGISTRATION, RESERVATION or RELEASE
 * @param sourceId the paymentId or refundId; the customer's key for a registration; the orderId for
 *     a reservation or release
 * @param orderId the order behind it
 * @param amountMinor the payment's or refund's amount; for a reservation or release the value of
 *     its points (points × {@code ContractRules.POINT_VALUE_MINOR})
 * @param currency ISO-4217 code of the amount
 * @param pointsDelta change of the available points: added (positive) or taken back or reserved
 *     (negative)
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
