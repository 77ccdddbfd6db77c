package io.payrail.loyalty.topology;

import io.payrail.events.Channel;
import io.payrail.events.LineItem;
import io.payrail.events.LoyaltyTier;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentMethod;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.PaymentStatus;
import io.payrail.events.RefundProcessed;
import io.payrail.events.RefundStatus;
import io.payrail.loyalty.points.LoyaltyProgramProperties;
import io.payrail.schemas.keys.CustomerKey;
import io.payrail.schemas.keys.OrderKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Events and a programme for the loyalty tests: 1 point per major unit, tiers in EUR. */
public final class LoyaltyFixtures {

  public static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

  /** The merchant of every fixture event. */
  public static final String MERCHANT = "merchant-1";

  private LoyaltyFixtures() {}

  /** The key of the fixtures' merchant's customer: on loyalty-balances and in the balance store. */
  public static String customerKey(String customerId) {
    return CustomerKey.of(MERCHANT, customerId);
  }

  /** The key of the fixtures' merchant's order: on orders, payments, refunds, answers. */
  public static String orderKey(String orderId) {
    return OrderKey.of(MERCHANT, orderId);
  }

  /** The defaults of application.yml, spelled out so the tests read on their own. */
  public static LoyaltyProgramProperties program() {
    return new LoyaltyProgramProperties(
        1,
        "EUR",
        Map.of(
            LoyaltyTier.SILVER,
            100_000L,
            LoyaltyTier.GOLD,
            500_000L,
            LoyaltyTier.PLATINUM,
            2_000_000L),
        Map.of(
            LoyaltyTier.BRONZE, 100L,
            LoyaltyTier.SILVER, 125L,
            LoyaltyTier.GOLD, 150L,
            LoyaltyTier.PLATINUM, 200L),
        Map.of("USD", 920_000L, "JPY", 6_100L, "BHD", 2_440_000L),
        Duration.ofDays(400));
  }

  public static PaymentProcessed captured(
      String customerId, String orderId, long amountMinor, String currency, Instant at) {
    return payment(customerId, orderId, amountMinor, currency, PaymentStatus.CAPTURED, at);
  }

  public static PaymentProcessed payment(
      String customerId,
      String orderId,
      long amountMinor,
      String currency,
      PaymentStatus status,
      Instant at) {
    return PaymentProcessed.newBuilder()
        .setPaymentId("pay-" + orderId)
        .setOrderId(orderId)
        .setCustomerId(customerId)
        .setMerchantId(MERCHANT)
        .setAmountMinor(amountMinor)
        .setCurrency(currency)
        .setStatus(status)
        .setGatewayReference(status == PaymentStatus.CAPTURED ? "gw-" + orderId : null)
        .setDeclineCode(status == PaymentStatus.CAPTURED ? null : "card_declined")
        .setProcessedAt(at)
        .build();
  }

  public static RefundProcessed refunded(
      String customerId,
      String orderId,
      String refundId,
      long amountMinor,
      String currency,
      Instant at) {
    return RefundProcessed.newBuilder()
        .setRefundId(refundId)
        .setOrderId(orderId)
        .setCustomerId(customerId)
        .setMerchantId(MERCHANT)
        .setAmountMinor(amountMinor)
        .setCurrency(currency)
        .setStatus(RefundStatus.COMPLETED)
        .setReason("requested_by_customer")
        .setRefundedTotalMinor(amountMinor)
        .setProcessedAt(at)
        .build();
  }

  /**
   * An order of one line, redeeming {@code pointsToRedeem} points (null for none); its payment
   * charges the total minus the points.
   */
  public static OrderPlaced order(
      String customerId, String orderId, long amountMinor, Long pointsToRedeem, Instant at) {
    return OrderPlaced.newBuilder()
        .setOrderId(orderId)
        .setMerchantId(MERCHANT)
        .setCustomerId(customerId)
        .setAmountMinor(amountMinor)
        .setCurrency("EUR")
        .setItems(List.of(new LineItem("sku-1", 1, amountMinor)))
        .setPaymentMethod(new PaymentMethod("tok_visa_1", "visa", "4242", "DE"))
        .setShippingCountry("DE")
        .setChannel(Channel.WEB)
        .setPlacedAt(at)
        .setPointsToRedeem(pointsToRedeem)
        .build();
  }

  /**
   * The payment of an order that redeemed points, at the order's merchant: charged the total minus
   * their value.
   */
  public static PaymentProcessed paymentOf(OrderPlaced order, PaymentStatus status, Instant at) {
    PaymentProcessed payment =
        payment(
            order.getCustomerId(),
            order.getOrderId(),
            order.getAmountMinor() - order.getPointsToRedeem(),
            order.getCurrency(),
            status,
            at);
    payment.setPointsRedeemed(order.getPointsToRedeem());
    payment.setMerchantId(order.getMerchantId());
    return payment;
  }
}
