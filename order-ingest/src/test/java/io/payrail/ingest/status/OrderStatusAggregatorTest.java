package io.payrail.ingest.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.events.AppliedCoupon;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.PaymentStatus;
import io.payrail.events.RefundProcessed;
import io.payrail.events.RefundStatus;
import io.payrail.schemas.contract.ContractRules;
import org.junit.jupiter.api.Test;

/** The aggregator alone: what a status row may hold. */
class OrderStatusAggregatorTest {

  private final OrderStatusAggregator aggregator = new OrderStatusAggregator();

  @Test
  void theStatusRowKeepsAtMostTheRefundCapWhateverArrives() {
    OrderPlaced order = StatusTopologyTest.order("o-capped");
    OrderStatus status = aggregator.apply("o-capped", order, OrderStatus.empty());
    status =
        aggregator.apply(
            "o-capped", StatusTopologyTest.payment(order, PaymentStatus.CAPTURED), status);
    int arriving = ContractRules.MAX_REFUNDS_PER_ORDER * 3;
    int completed = 0;
    for (int i = 1; i <= arriving; i++) {
      boolean rejected = i % 2 == 0;
      completed += rejected ? 0 : 1;
      RefundProcessed refund = StatusTopologyTest.refund(order, "r-" + i, 1, completed);
      if (rejected) {
        refund.setStatus(RefundStatus.REJECTED);
      }
      status = aggregator.apply("o-capped", refund, status);
    }
    // The same outcomes again (an at-least-once replay) change nothing.
    OrderStatus replayed =
        aggregator.apply("o-capped", StatusTopologyTest.refund(order, "r-1", 1, 1), status);

    assertThat(status.refunds()).hasSize(ContractRules.MAX_REFUNDS_PER_ORDER);
    assertThat(status.refundedMinor()).isEqualTo(completed);
    assertThat(replayed).isEqualTo(status);
  }

  /**
   * A refund reserved while the acquirer's answer was lost (UNKNOWN) is counted in the running
   * totals of refunds decided meanwhile; when it ends REJECTED refund_failed, the order shows what
   * was paid back, not those totals.
   */
  @Test
  void refundedAmountIsWhatCompletedRefundsPaidBackNotAReservationsRunningTotal() {
    OrderPlaced order = StatusTopologyTest.order("o-failed-refund");
    OrderStatus status = aggregator.apply("o-failed-refund", order, OrderStatus.empty());
    status =
        aggregator.apply(
            "o-failed-refund", StatusTopologyTest.payment(order, PaymentStatus.CAPTURED), status);
    // r-1 (600) is reserved and UNKNOWN; r-2 (300) completes with a total that includes r-1.
    status =
        aggregator.apply(
            "o-failed-refund", StatusTopologyTest.refund(order, "r-2", 300, 900), status);
    RefundProcessed failed = StatusTopologyTest.refund(order, "r-1", 600, 300);
    failed.setStatus(RefundStatus.REJECTED);
    failed.setRejectionCode("refund_failed");
    status = aggregator.apply("o-failed-refund", failed, status);

    assertThat(status.refundedMinor()).isEqualTo(300);
  }

  @Test
  void anOrderThatBreaksTheContractIsNeverStored() {
    OrderPlaced order = StatusTopologyTest.order("o-card");
    order.setCustomerId("4111 1111 1111 1111");

    OrderStatus status = aggregator.apply("o-card", order, OrderStatus.empty());

    assertThat(status.order()).isNull();
    assertThat(status.status()).isNull();
  }

  /**
   * An order with a coupon keeps it (code and discount); its payment's amount is the charge, and a
   * payment declined for the coupon's limit is an ordinary decline with its code.
   */
  @Test
  void anOrdersCouponIsKeptAndACouponLimitDeclineIsAPaymentDecline() {
    OrderPlaced order = StatusTopologyTest.order("o-coupon");
    long discount = order.getAmountMinor() / 10;
    order.setCoupon(
        AppliedCoupon.newBuilder().setCode("SAVE-10").setDiscountMinor(discount).build());
    OrderStatus status = aggregator.apply("o-coupon", order, OrderStatus.empty());
    PaymentProcessed declined = StatusTopologyTest.payment(order, PaymentStatus.DECLINED);
    declined.setAmountMinor(order.getAmountMinor() - discount);
    declined.setDeclineCode(ContractRules.COUPON_EXHAUSTED);

    status = aggregator.apply("o-coupon", declined, status);

    assertThat(status.order().coupon()).isEqualTo(new OrderStatus.Coupon("SAVE-10", discount));
    assertThat(status.order().chargeMinor()).isEqualTo(order.getAmountMinor() - discount);
    assertThat(status.status()).isEqualTo(OrderState.PAYMENT_DECLINED);
    assertThat(status.payment().declineCode()).isEqualTo("coupon_exhausted");
    assertThat(status.payment().amountMinor()).isEqualTo(status.order().chargeMinor());
  }

  /**
   * An order's points are kept with it and lower its charge (after the coupon's discount); its
   * payment records the points redeemed, and a decline for points loyalty refused is an ordinary
   * decline with its code.
   */
  @Test
  void anOrdersPointsAreKeptAndItsPaymentRecordsThePointsRedeemed() {
    OrderPlaced order = StatusTopologyTest.order("o-points");
    order.setCoupon(AppliedCoupon.newBuilder().setCode("SAVE-10").setDiscountMinor(100).build());
    order.setPointsToRedeem(250L);
    OrderStatus status = aggregator.apply("o-points", order, OrderStatus.empty());
    PaymentProcessed declined = StatusTopologyTest.payment(order, PaymentStatus.DECLINED);
    declined.setAmountMinor(ContractRules.chargeMinor(order));
    declined.setPointsRedeemed(250);
    declined.setDeclineCode(ContractRules.POINTS_UNAVAILABLE);

    OrderStatus declinedStatus = aggregator.apply("o-points", declined, status);

    assertThat(status.order().pointsToRedeem()).isEqualTo(250L);
    assertThat(status.order().chargeMinor())
        .isEqualTo(order.getAmountMinor() - 100 - 250)
        .isEqualTo(ContractRules.chargeMinor(order));
    assertThat(declinedStatus.status()).isEqualTo(OrderState.PAYMENT_DECLINED);
    assertThat(declinedStatus.payment().declineCode()).isEqualTo("points_unavailable");
    assertThat(declinedStatus.payment().pointsRedeemed()).isEqualTo(250);
    // The same order captured instead: PAID, the points spent.
    PaymentProcessed captured = StatusTopologyTest.payment(order, PaymentStatus.CAPTURED);
    captured.setAmountMinor(ContractRules.chargeMinor(order));
    captured.setPointsRedeemed(250);
    OrderStatus paid = aggregator.apply("o-points", captured, status);
    assertThat(paid.status()).isEqualTo(OrderState.PAID);
    assertThat(paid.payment().pointsRedeemed()).isEqualTo(250);
    assertThat(paid.refundableMinor()).isEqualTo(ContractRules.chargeMinor(order));
  }
}
