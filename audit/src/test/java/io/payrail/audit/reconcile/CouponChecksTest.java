package io.payrail.audit.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.audit.Discrepancy;
import io.payrail.audit.DiscrepancyKind;
import io.payrail.audit.kafka.Event;
import io.payrail.audit.kafka.RecordCoordinates;
import io.payrail.audit.kafka.ResultTopics;
import io.payrail.audit.ledger.ChargeRow;
import io.payrail.audit.ledger.CouponCounterRow;
import io.payrail.audit.ledger.LedgerRows;
import io.payrail.audit.ledger.PaymentRow;
import io.payrail.events.AppliedCoupon;
import io.payrail.events.Channel;
import io.payrail.events.LineItem;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentMethod;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.PaymentStatus;
import io.payrail.schemas.contract.ContractRules;
import io.payrail.schemas.keys.OrderKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The coupon checks as pure checks: the cases the database of AuditTest cannot hold before
 * payment-processor's V6 (UNKNOWN and PENDING rows holding a use, counters without a row) and the
 * acquirer charging the total instead of the charge.
 */
class CouponChecksTest {

  private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
  private static final String MERCHANT = "merchant-1";
  private static final long TOTAL = 10_000;
  private static final long DISCOUNT = 1_000;
  private static final long CHARGE = TOTAL - DISCOUNT;

  private final List<Event<OrderPlaced>> orders = new ArrayList<>();
  private final List<Event<PaymentProcessed>> payments = new ArrayList<>();
  private final List<PaymentRow> rows = new ArrayList<>();
  private final List<ChargeRow> charges = new ArrayList<>();

  @Test
  void paymentOfAnOrderWithoutCouponChargesItsTotal() {
    OrderPlaced order = order("o-1", "c-1", null);

    assertThat(OrderChargeCheck.differences(order, payment(order, TOTAL, null, 0))).isEmpty();
    assertThat(OrderChargeCheck.differences(order, payment(order, CHARGE, null, 0)))
        .containsExactly("amountMinor 9000 != 10000 expected");
  }

  @Test
  void paymentOfACouponOrderChargesItsTotalMinusTheDiscountAndNamesTheCoupon() {
    OrderPlaced order = order("o-1", "c-1", coupon(null, null));

    assertThat(OrderChargeCheck.differences(order, payment(order, CHARGE, "SAVE-10", DISCOUNT)))
        .isEmpty();
    assertThat(OrderChargeCheck.differences(order, payment(order, CHARGE, "SAVE-10", 500)))
        .containsExactly("discountMinor 500 != 1000 expected");
    assertThat(OrderChargeCheck.differences(order, payment(order, CHARGE, "OTHER", DISCOUNT)))
        .containsExactly("couponCode OTHER != SAVE-10 expected");
  }

  @Test
  void paymentNamingACouponItsOrderNeverClaimedIsADiscountMismatch() {
    OrderPlaced order = order("o-1", "c-1", null);

    assertThat(OrderChargeCheck.differences(order, payment(order, CHARGE, "SAVE-10", DISCOUNT)))
        .hasSize(3);
  }

  @Test
  void declineForTheCouponLimitMayTellTheOrderWithOrWithoutItsCoupon() {
    OrderPlaced order = order("o-1", "c-1", coupon(1, null));
    for (String declineCode :
        List.of(ContractRules.COUPON_EXHAUSTED, ContractRules.COUPON_CUSTOMER_LIMIT)) {
      PaymentProcessed withCoupon = payment(order, CHARGE, "SAVE-10", DISCOUNT);
      withCoupon.setStatus(PaymentStatus.DECLINED);
      withCoupon.setDeclineCode(declineCode);
      PaymentProcessed withoutCoupon = payment(order, TOTAL, null, 0);
      withoutCoupon.setStatus(PaymentStatus.DECLINED);
      withoutCoupon.setDeclineCode(declineCode);

      assertThat(OrderChargeCheck.differences(order, withCoupon)).isEmpty();
      assertThat(OrderChargeCheck.differences(order, withoutCoupon)).isEmpty();
    }
    // Any other decline still names the coupon it was priced with.
    PaymentProcessed cardDeclined = payment(order, TOTAL, null, 0);
    cardDeclined.setStatus(PaymentStatus.DECLINED);
    cardDeclined.setDeclineCode("card_declined");
    assertThat(OrderChargeCheck.differences(order, cardDeclined)).isNotEmpty();
  }

  @Test
  void paymentOfAnOrderRedeemingPointsChargesTheTotalMinusTheDiscountMinusThePoints() {
    OrderPlaced order = order("o-1", "c-1", coupon(null, null));
    order.setPointsToRedeem(500L);
    PaymentProcessed paid = payment(order, CHARGE - 500, "SAVE-10", DISCOUNT);
    paid.setPointsRedeemed(500L);

    assertThat(OrderChargeCheck.differences(order, paid)).isEmpty();
    assertThat(OrderChargeCheck.differences(order, payment(order, CHARGE, "SAVE-10", DISCOUNT)))
        .containsExactly("amountMinor 9000 != 8500 expected", "pointsRedeemed 0 != 500 expected");
    // Declined for the coupon's limit without it: the discount is added back, the points are not.
    PaymentProcessed exhausted = payment(order, TOTAL - 500, null, 0);
    exhausted.setStatus(PaymentStatus.DECLINED);
    exhausted.setDeclineCode(ContractRules.COUPON_EXHAUSTED);
    exhausted.setPointsRedeemed(500L);
    assertThat(OrderChargeCheck.differences(order, exhausted)).isEmpty();
  }

  @Test
  void paymentRedeemingPointsItsOrderNeverOfferedIsADiscountMismatch() {
    OrderPlaced order = order("o-1", "c-1", null);
    PaymentProcessed paid = payment(order, TOTAL, null, 0);
    paid.setPointsRedeemed(100L);

    assertThat(OrderChargeCheck.differences(order, paid))
        .containsExactly("pointsRedeemed 100 != 0 expected");
  }

  @Test
  void unknownAndPendingPaymentsHoldAUseAndDeclinedOrHeldOnesDoNot() {
    AppliedCoupon twoUses = coupon(2, null);
    captured(order("o-1", "c-1", twoUses));
    paidRow(order("o-2", "c-2", twoUses), PaymentRow.UNKNOWN);
    paidRow(order("o-3", "c-3", twoUses), "DECLINED");
    paidRow(order("o-4", "c-4", twoUses), PaymentRow.HELD_FOR_REVIEW);

    assertThat(check()).isEmpty();

    paidRow(order("o-5", "c-5", twoUses), PaymentRow.PENDING);

    assertThat(check())
        .singleElement()
        .satisfies(
            found -> {
              assertThat(found.kind()).isEqualTo(DiscrepancyKind.COUPON_OVERUSED);
              assertThat(found.detail())
                  .contains(MERCHANT + "/SAVE-10")
                  .contains("3 payments hold a use")
                  .contains("[o-1, o-2, o-5]");
            });
  }

  @Test
  void twoCapturesOfAOneUseCouponAreAnOveruse() {
    AppliedCoupon oneUse = coupon(1, null);
    captured(order("o-1", "c-1", oneUse));
    captured(order("o-2", "c-2", oneUse));

    assertThat(check())
        .extracting(Discrepancy::kind)
        .containsExactly(DiscrepancyKind.COUPON_OVERUSED);
  }

  @Test
  void customerLimitCountsOneCustomersUsesOnly() {
    AppliedCoupon oncePerCustomer = coupon(null, 1);
    captured(order("o-1", "c-1", oncePerCustomer));
    captured(order("o-2", "c-2", oncePerCustomer));

    assertThat(check()).isEmpty();

    captured(order("o-3", "c-1", oncePerCustomer));

    assertThat(check())
        .singleElement()
        .satisfies(
            found -> {
              assertThat(found.kind()).isEqualTo(DiscrepancyKind.COUPON_CUSTOMER_OVERUSED);
              assertThat(found.customerId()).isEqualTo(MERCHANT + "/c-1");
              assertThat(found.detail()).contains("[o-1, o-3]");
            });
  }

  @Test
  void acquirerChargingTheTotalInsteadOfTheDiscountedChargeIsAChargeMismatch() {
    OrderPlaced order = order("o-1", "c-1", coupon(null, null));
    captured(order);
    charges.set(
        0,
        new ChargeRow(
            "payrail:charge:pay_o-1", "ch_o-1", MERCHANT, "o-1", TOTAL, "EUR", "APPROVED"));

    List<Discrepancy> found = new ChargeCheck().check(events(), ledger(List.of()));

    assertThat(found)
        .singleElement()
        .satisfies(
            mismatch -> {
              assertThat(mismatch.kind()).isEqualTo(DiscrepancyKind.CHARGE_MISMATCH);
              assertThat(mismatch.detail()).contains("amountMinor 9000 != 10000");
            });
  }

  @Test
  void counterEqualToItsTakenRedemptionsAgreesAndAnyOtherDoesNot() {
    List<CouponCounterRow> counters =
        List.of(
            new CouponCounterRow(MERCHANT, "EXACT", 2L, 2),
            new CouponCounterRow(MERCHANT, "HIGH", 3L, 2),
            new CouponCounterRow(MERCHANT, "NO-ROW", null, 1),
            new CouponCounterRow(MERCHANT, "ALL-BACK", null, 0));

    List<Discrepancy> found = new CouponCounterCheck().check(events(), ledger(counters));

    assertThat(found)
        .extracting(Discrepancy::kind)
        .containsOnly(DiscrepancyKind.COUPON_USES_MISMATCH);
    assertThat(found)
        .extracting(Discrepancy::detail)
        .containsExactly(
            "coupon merchant-1/HIGH: counter uses 3, 2 TAKEN redemptions",
            "coupon merchant-1/NO-ROW: no counter row, 1 TAKEN redemptions");
  }

  private List<Discrepancy> check() {
    return new CouponCheck().check(events(), ledger(List.of()));
  }

  /** Placed, charged its total minus its discount, captured: event, row and approved charge. */
  private void captured(OrderPlaced order) {
    AppliedCoupon coupon = order.getCoupon();
    PaymentProcessed payment =
        payment(order, CHARGE, coupon == null ? null : coupon.getCode(), DISCOUNT);
    payments.add(event(OrderKey.of(MERCHANT, order.getOrderId()), payments.size(), payment));
    paidRow(order, PaymentRow.CAPTURED);
    charges.add(
        new ChargeRow(
            "payrail:charge:pay_" + order.getOrderId(),
            "ch_" + order.getOrderId(),
            MERCHANT,
            order.getOrderId(),
            CHARGE,
            "EUR",
            "APPROVED"));
  }

  private void paidRow(OrderPlaced order, String status) {
    rows.add(
        new PaymentRow(
            "pay_" + order.getOrderId(),
            MERCHANT,
            order.getOrderId(),
            order.getCustomerId(),
            CHARGE,
            "EUR",
            status,
            PaymentRow.CAPTURED.equals(status) ? "ch_" + order.getOrderId() : null,
            "payrail:charge:pay_" + order.getOrderId(),
            NOW));
  }

  private ResultTopics events() {
    return new ResultTopics(
        orders, List.of(), payments, List.of(), payments, List.of(), Map.of(), List.of(), Set.of());
  }

  private LedgerRows ledger(List<CouponCounterRow> counters) {
    return new LedgerRows(rows, charges, List.of(), List.of(), List.of(), counters, true);
  }

  private OrderPlaced order(String orderId, String customerId, AppliedCoupon coupon) {
    OrderPlaced order =
        OrderPlaced.newBuilder()
            .setOrderId(orderId)
            .setMerchantId(MERCHANT)
            .setCustomerId(customerId)
            .setAmountMinor(TOTAL)
            .setCurrency("EUR")
            .setItems(List.of(new LineItem("sku-1", 1, TOTAL)))
            .setPaymentMethod(new PaymentMethod("tok_visa", "visa", "4242", "DE"))
            .setShippingCountry("DE")
            .setChannel(Channel.WEB)
            .setPlacedAt(NOW)
            .setCoupon(coupon)
            .build();
    orders.add(event(OrderKey.of(MERCHANT, orderId), orders.size(), order));
    return order;
  }

  private static AppliedCoupon coupon(Integer maxUses, Integer maxUsesPerCustomer) {
    return new AppliedCoupon("SAVE-10", DISCOUNT, maxUses, maxUsesPerCustomer);
  }

  private static PaymentProcessed payment(
      OrderPlaced order, long amountMinor, String couponCode, long discountMinor) {
    return PaymentProcessed.newBuilder()
        .setPaymentId("pay_" + order.getOrderId())
        .setOrderId(order.getOrderId())
        .setCustomerId(order.getCustomerId())
        .setMerchantId(MERCHANT)
        .setAmountMinor(amountMinor)
        .setCurrency("EUR")
        .setStatus(PaymentStatus.CAPTURED)
        .setGatewayReference("ch_" + order.getOrderId())
        .setRiskScore(10)
        .setCouponCode(couponCode)
        .setDiscountMinor(discountMinor)
        .setProcessedAt(NOW)
        .build();
  }

  private static <V> Event<V> event(String key, long offset, V value) {
    return new Event<>(key, value, new RecordCoordinates("t", 0, offset), NOW);
  }
}
