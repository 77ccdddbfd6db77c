package io.payrail.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payrail.events.Channel;
import io.payrail.events.CustomerRegistered;
import io.payrail.events.LineItem;
import io.payrail.events.LoyaltySource;
import io.payrail.events.LoyaltyTier;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentMethod;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.PaymentStatus;
import io.payrail.events.PointsReservationStatus;
import io.payrail.events.RefundProcessed;
import io.payrail.events.RefundStatus;
import io.payrail.schemas.keys.CustomerKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The programme's rules as plain values: no Kafka, no Spring. */
class PointsLedgerTest {

  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

  private final LoyaltyProgramRules rules =
      new LoyaltyProgramRules(
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
          Map.of("usd", 920_000L));
  private final PointsLedger ledger = new PointsLedger(new LoyaltyProgram(rules));

  @Test
  void registrationOpensAZeroBalanceAtTheBaseTier() {
    PointsLedger.Applied opened =
        (PointsLedger.Applied)
            ledger.apply(
                null, null, new LoyaltyEvent.Registered(registration()), T0.toEpochMilli());

    assertThat(opened.customer().points()).isZero();
    assertThat(opened.customer().tier()).isEqualTo(LoyaltyTier.BRONZE);
    assertThat(opened.customer().lifetimeSpendMinor()).isEmpty();
    assertThat(opened.customer().lastChange().source()).isEqualTo(LoyaltySource.REGISTRATION);
    assertThat(opened.customer().lastChange().sourceId()).isEqualTo("m-1/c-1");
    assertThat(opened.customer().toEvent().getLastChange().getCurrency()).isEqualTo("XXX");
    assertThat(opened.customer().key()).isEqualTo(new CustomerKey("m-1", "c-1"));
    assertThat(opened.order()).isNull();
  }

  @Test
  void aBalanceIsItsMerchantsCustomersAndSaysSoWhenPublished() {
    PointsLedger.Applied captured = capture(null, null, "o-1", 10_000);

    assertThat(captured.customer().merchantId()).isEqualTo("m-1");
    assertThat(captured.customer().customerId()).isEqualTo("c-1");
    assertThat(captured.customer().toEvent().getMerchantId()).isEqualTo("m-1");
    assertThat(captured.customer().toEvent().getCustomerId()).isEqualTo("c-1");
  }

  @Test
  void registrationOfACustomerWithABalanceKeepsIt() {
    PointsLedger.Applied captured = capture(null, null, "o-1", 10_000);

    assertThat(
            ledger.apply(
                captured.customer(),
                null,
                new LoyaltyEvent.Registered(registration()),
                T0.plusSeconds(1).toEpochMilli()))
        .isInstanceOf(PointsLedger.Duplicate.class);
  }

  private static CustomerRegistered registration() {
    return CustomerRegistered.newBuilder()
        .setMerchantId("m-1")
        .setCustomerId("c-1")
        .setDisplayName("Ada")
        .setCountry("DE")
        .setCreatedAt(T0)
        .build();
  }

  @Test
  void captureEarnsWholeMajorUnitsAtTheTierBeforeIt() {
    PointsLedger.Applied applied = capture(null, null, "o-1", 123_456);

    assertThat(applied.customer().points()).isEqualTo(1_234);
    assertThat(applied.customer().tier()).isEqualTo(LoyaltyTier.SILVER);
    assertThat(applied.tierBefore()).isEqualTo(LoyaltyTier.BRONZE);
  }

  @Test
  void refundTakesBackTheRefundedShareOfItsOrdersPoints() {
    PointsLedger.Applied captured = capture(null, null, "o-1", 10_000);

    PointsLedger.Applied refunded =
        (PointsLedger.Applied)
            ledger.apply(
                captured.customer(),
                captured.order(),
                new LoyaltyEvent.Refunded(refund("r-1", "o-1", 2_500)),
                T0.plusSeconds(1).toEpochMilli());

    assertThat(refunded.customer().points()).isEqualTo(75);
    assertThat(refunded.customer().lastChange().pointsDelta()).isEqualTo(-25);
  }

  @Test
  void refundArrivingBeforeItsCaptureEndsWhereTheUsualOrderEnds() {
    PointsLedger.Applied captured = capture(null, null, "o-1", 10_000);
    PointsLedger.Applied usual = refund(captured.customer(), captured.order(), "r-1", "o-1", 2_500);

    PointsLedger.Applied held = refund(null, null, "r-1", "o-1", 2_500);
    assertThat(held.customer().points()).isZero();
    assertThat(held.customer().lifetimeSpendMinor()).isEmpty();
    PointsLedger.Applied settled = capture(held.customer(), held.order(), "o-1", 10_000);

    assertThat(settled.customer().points()).isEqualTo(usual.customer().points()).isEqualTo(75);
    assertThat(settled.customer().lifetimeSpendMinor())
        .isEqualTo(usual.customer().lifetimeSpendMinor())
        .isEqualTo(Map.of("EUR", 7_500L));
    assertThat(settled.customer().lastChange().pointsDelta()).isEqualTo(75);
    assertThat(settled.order().refundedMinor()).isEqualTo(usual.order().refundedMinor());
    assertThat(settled.order().pointsOwedBack()).isEqualTo(usual.order().pointsOwedBack());
    assertThat(
            ledger.apply(
                settled.customer(),
                settled.order(),
                new LoyaltyEvent.Refunded(refund("r-1", "o-1", 2_500)),
                T0.plusSeconds(2).toEpochMilli()))
        .isInstanceOf(PointsLedger.Duplicate.class);
  }

  @Test
  void refundsHeldBeyondTheCaptureTakeBackNoMoreThanItEarned() {
    PointsLedger.Applied first = refund(null, null, "r-1", "o-1", 8_000);
    PointsLedger.Applied second = refund(first.customer(), first.order(), "r-2", "o-1", 8_000);

    PointsLedger.Applied settled = capture(second.customer(), second.order(), "o-1", 10_000);

    assertThat(settled.customer().points()).isZero();
    assertThat(settled.customer().lifetimeSpendMinor()).isEqualTo(Map.of("EUR", 0L));
    assertThat(settled.order().refundedMinor()).isEqualTo(10_000);
    assertThat(settled.shortfall()).isZero();
  }

  @Test
  void refundNeverTakesTheBalanceBelowZeroAndRecordsTheShortfall() {
    PointsLedger.Applied captured = capture(null, null, "o-1", 10_000);
    // A balance an earlier release left lower than what its orders owe back.
    CustomerLoyalty lower =
        new CustomerLoyalty(
            "m-1",
            "c-1",
            30,
            0,
            0,
            captured.customer().tier(),
            captured.customer().lifetimeSpendMinor(),
            captured.customer().tierSpendMinor(),
            captured.customer().lastChange(),
            captured.customer().updatedAt());

    PointsLedger.Applied refunded = refund(lower, captured.order(), "r-1", "o-1", 10_000);

    assertThat(refunded.customer().points()).isZero();
    assertThat(refunded.customer().lastChange().pointsDelta()).isEqualTo(-30);
    assertThat(refunded.shortfall()).isEqualTo(70);
    assertThat(refunded.customer().pointsShortfall()).isEqualTo(70);
  }

  @Test
  void aBalanceThatWouldOverflowIsRefusedNotWrappedAround() {
    PointsLedger.Applied first = capture(null, null, "o-1", Long.MAX_VALUE);

    assertThatThrownBy(() -> capture(first.customer(), null, "o-2", Long.MAX_VALUE))
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void checksRefuseAProgrammeWithoutAMultiplierForEveryTier() {
    assertThatThrownBy(
            () ->
                new LoyaltyProgramRules(
                    1, "EUR", Map.of(), Map.of(LoyaltyTier.BRONZE, 100L), Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refundTakesBackFromAvailablePointsOnlyAndLeavesTheReservedOnes() {
    PointsLedger.Applied captured = capture(null, null, "o-1", 10_000);
    PointsLedger.Applied reserved = reserve(captured.customer(), null, "o-2", 80);
    assertThat(reserved.answer().status()).isEqualTo(PointsReservationStatus.RESERVED);

    PointsLedger.Applied refunded =
        refund(reserved.customer(), captured.order(), "r-1", "o-1", 10_000);

    assertThat(refunded.customer().points()).isZero();
    assertThat(refunded.customer().reservedPoints()).isEqualTo(80);
    assertThat(refunded.shortfall()).isEqualTo(80);
  }

  @Test
  void anOrdersAnswerAndClosureOutliveItsRefundsAndItEndsOnce() {
    PointsLedger.Applied captured = capture(null, null, "o-1", 10_000);
    PointsLedger.Applied reserved = reserve(captured.customer(), null, "o-2", 40);
    PointsLedger.Applied spent = capture(reserved.customer(), reserved.order(), "o-2", 4_960);
    assertThat(spent.pointsSpent()).isEqualTo(40);
    assertThat(spent.customer().reservedPoints()).isZero();

    PointsLedger.Applied refunded = refund(spent.customer(), spent.order(), "r-2", "o-2", 4_960);

    assertThat(refunded.order().redemption()).isEqualTo(reserved.answer());
    assertThat(refunded.order().closedBy()).isEqualTo("CAPTURED");
    PaymentProcessed declinedLater =
        PaymentProcessed.newBuilder()
            .setPaymentId("pay-o-2")
            .setOrderId("o-2")
            .setCustomerId("c-1")
            .setMerchantId("m-1")
            .setAmountMinor(4_960)
            .setCurrency("EUR")
            .setStatus(PaymentStatus.DECLINED)
            .setProcessedAt(T0.plusSeconds(5))
            .build();
    assertThat(
            ledger.apply(
                refunded.customer(),
                refunded.order(),
                new LoyaltyEvent.PaymentEnded(declinedLater),
                T0.plusSeconds(5).toEpochMilli()))
        .isInstanceOf(PointsLedger.Duplicate.class);
  }

  private PointsLedger.Applied reserve(
      CustomerLoyalty customer, OrderLoyalty order, String orderId, long points) {
    OrderPlaced placed =
        OrderPlaced.newBuilder()
            .setOrderId(orderId)
            .setMerchantId("m-1")
            .setCustomerId("c-1")
            .setAmountMinor(5_000)
            .setCurrency("EUR")
            .setItems(List.of(new LineItem("sku-1", 1, 5_000L)))
            .setPaymentMethod(new PaymentMethod("tok_1", "visa", "4242", "DE"))
            .setShippingCountry("DE")
            .setChannel(Channel.WEB)
            .setPlacedAt(T0)
            .setPointsToRedeem(points)
            .build();
    return (PointsLedger.Applied)
        ledger.apply(
            customer, order, new LoyaltyEvent.RedemptionRequested(placed), T0.toEpochMilli());
  }

  private PointsLedger.Applied capture(
      CustomerLoyalty customer, OrderLoyalty order, String orderId, long amountMinor) {
    return (PointsLedger.Applied)
        ledger.apply(
            customer,
            order,
            new LoyaltyEvent.Captured(
                PaymentProcessed.newBuilder()
                    .setPaymentId("pay-" + orderId)
                    .setOrderId(orderId)
                    .setCustomerId("c-1")
                    .setMerchantId("m-1")
                    .setAmountMinor(amountMinor)
                    .setCurrency("EUR")
                    .setStatus(PaymentStatus.CAPTURED)
                    .setGatewayReference("gw-" + orderId)
                    .setProcessedAt(T0)
                    .build()),
            T0.toEpochMilli());
  }

  private PointsLedger.Applied refund(
      CustomerLoyalty customer,
      OrderLoyalty order,
      String refundId,
      String orderId,
      long amountMinor) {
    return (PointsLedger.Applied)
        ledger.apply(
            customer,
            order,
            new LoyaltyEvent.Refunded(refund(refundId, orderId, amountMinor)),
            T0.plusSeconds(1).toEpochMilli());
  }

  private static RefundProcessed refund(String refundId, String orderId, long amountMinor) {
    return RefundProcessed.newBuilder()
        .setRefundId(refundId)
        .setOrderId(orderId)
        .setCustomerId("c-1")
        .setMerchantId("m-1")
        .setAmountMinor(amountMinor)
        .setCurrency("EUR")
        .setStatus(RefundStatus.COMPLETED)
        .setReason("requested_by_customer")
        .setRefundedTotalMinor(amountMinor)
        .setProcessedAt(T0.plusSeconds(1))
        .build();
  }
}
