package io.payrail.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.payrail.audit.support.PipelineRecords;
import io.payrail.events.LoyaltySource;
import io.payrail.events.LoyaltyTier;
import io.payrail.events.PaymentStatus;
import io.payrail.events.PointsReservationStatus;
import io.payrail.events.RefundStatus;
import io.payrail.events.RiskDecision;
import io.payrail.schemas.contract.ContractRules;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The audit on the real broker, registry and database: a consistent pipeline audits clean, and each
 * kind of discrepancy, injected alone into an otherwise consistent one, is reported with its order.
 */
class AuditTest {

  /** 120.00 EUR captured: 120 points at BRONZE, one point per euro. */
  private static final long CAPTURED = 12_000;

  private static final long CAPTURED_POINTS = 120;

  /** The cut of the tests of a live pipeline: a minute before the audit starts. */
  private static final Duration SETTLE = Duration.ofMinutes(1);

  /** How long ago the records of a settled flow were written: well before the cut. */
  private static final Duration SETTLED_AGE = Duration.ofMinutes(5);

  @Test
  void twoMerchantsUsingTheSameOrderRefundAndCustomerIdsAreAuditedAsTwoIndependentFlows() {
    PipelineRecords first = PipelineRecords.forTest("two-merchants");
    PipelineRecords second = first.withMerchant("m-audit-other");
    String order = first.orderId("1001");
    String customer = first.customerId("c-1");
    String refund = "r-" + order;
    // One orderId, customerId and refundId, two merchants, each consistent on its own: added up
    // by orderId they would be a duplicate payment, a refund above one capture and a wrong balance.
    first.capturedOrder(order, customer, CAPTURED);
    first.completedRefund(refund, order, 2_000, 2_000);
    first.balance(customer, 100, LoyaltyTier.BRONZE, 10_000, order);
    second.capturedOrder(order, customer, 5_000);
    second.completedRefund(refund, order, 1_000, 1_000);
    second.balance(customer, 40, LoyaltyTier.BRONZE, 4_000, order);

    AuditReport report = Audit.run(first.auditSettings());

    assertThat(report.discrepancies()).as(report.render()).isEmpty();
    assertThat(report.counts())
        .containsEntry("OrderPlaced events", 2)
        .containsEntry("payments rows", 2)
        .containsEntry("refunds rows", 2)
        .containsEntry("acquirer charges", 2)
        .containsEntry("acquirer refunds", 2)
        .containsEntry("latest LoyaltyBalance records", 2);

    AuditReport ofOne = Audit.run(first.auditSettings().withMerchant(second.merchantId()));

    assertThat(ofOne.discrepancies()).as(ofOne.render()).isEmpty();
    assertThat(ofOne.scope()).contains("m-audit-other");
    assertThat(ofOne.counts())
        .containsEntry("OrderPlaced events", 1)
        .containsEntry("payments rows", 1)
        .containsEntry("acquirer refunds", 1)
        .containsEntry("latest LoyaltyBalance records", 1);
  }

  @Test
  void paymentOfOneMerchantPublishedUnderAnotherMerchantsKeyIsReported() {
    PipelineRecords first = PipelineRecords.forTest("miskeyed");
    PipelineRecords second = first.withMerchant("m-audit-other");
    String order = first.orderId("1001");
    String customer = first.customerId("c-1");
    first.capturedOrder(order, customer, CAPTURED);
    first.balance(customer, CAPTURED_POINTS, LoyaltyTier.BRONZE, CAPTURED, order);
    // The second merchant's order is paid, but its event went out under the first's key.
    second.placeOrder(order, customer, 5_000);
    second.assess(order, RiskDecision.APPROVE);
    second.paymentRow(order, "CAPTURED");
    second.charge(order, "APPROVED");
    second.paymentEventKeyedFor(order, first);

    AuditReport report = Audit.run(first.auditSettings());

    assertThat(report.discrepancies(DiscrepancyKind.MISKEYED_RECORD))
        .as(report.render())
        .singleElement()
        .satisfies(
            found -> {
              assertThat(found.orderId()).isEqualTo(second.orderKey(order));
              assertThat(found.detail())
                  .contains("keyed '" + first.orderKey(order) + "'")
                  .contains("its value is of order '" + second.orderKey(order) + "'");
            });
    // Counted for neither order: the first merchant's stays clean, the second's lacks its event.
    assertThat(report.discrepancies())
        .as(report.render())
        .extracting(Discrepancy::orderId)
        .containsOnly(second.orderKey(order));
    assertThat(report.discrepancies())
        .extracting(Discrepancy::kind)
        .contains(DiscrepancyKind.MISSING_PAYMENT_EVENT);
  }

  @Test
  void consistentPipelineAuditsClean() {
    PipelineRecords records = PipelineRecords.forTest("clean");
    String ann = records.customerId("ann");
    String bob = records.customerId("bob");
    String captured = records.orderId("captured");
    records.capturedOrder(captured, ann, CAPTURED);
    // An earlier balance, then the current one after the refund below: only the latest counts.
    records.balance(ann, CAPTURED_POINTS, LoyaltyTier.BRONZE, CAPTURED, captured);
    records.completedRefund("r-" + captured + "-1", captured, 2_000, 2_000);
    // The same refund answered again for a repeated request: same refundId, same outcome.
    records.refundEvent(
        "r-" + captured + "-1", captured, 2_000, RefundStatus.COMPLETED, null, 2_000);
    // More than remains: rejected and kept under its refundId.
    records.refundEvent(
        "r-" + captured + "-2",
        captured,
        50_000,
        RefundStatus.REJECTED,
        "exceeds_remaining",
        2_000);
    records.refundRow(
        "r-" + captured + "-2", captured, 50_000, "REJECTED", "exceeds_remaining", 2_000);
    records.balance(ann, 100, LoyaltyTier.BRONZE, 10_000, captured);

    records.declinedOrder(records.orderId("declined"), ann, 5_000);

    String rejected = records.orderId("rejected");
    records.placeOrder(rejected, bob, 70_000);
    records.assess(rejected, RiskDecision.DECLINE);
    records.paymentEvent(rejected, PaymentStatus.REJECTED_BY_RISK);
    records.paymentRow(rejected, "REJECTED_BY_RISK");

    String held = records.orderId("held");
    records.placeOrder(held, bob, 9_000);
    records.assess(held, RiskDecision.REVIEW);
    records.paymentEvent(held, PaymentStatus.HELD_FOR_REVIEW);
    records.paymentRow(held, "HELD_FOR_REVIEW");
    // Not captured yet: rejected without a row, so the same refundId may come again.
    records.refundEvent("r-" + held, held, 1_000, RefundStatus.REJECTED, "not_captured", 0);

    String retried = records.orderId("retried");
    records.capturedOrder(retried, bob, 3_000);
    // Upstream sent the order twice: still one order, one assessment, one payment.
    records.placeOrder(retried, bob, 3_000);
    records.balance(bob, 30, LoyaltyTier.BRONZE, 3_000, retried);

    AuditReport report = Audit.run(records.auditSettings());

    assertThat(report.discrepancies()).isEmpty();
    assertThat(report.isClean()).isTrue();
    assertThat(report.counts()).containsEntry("OrderPlaced events", 6);
    assertThat(report.counts()).containsEntry("payments rows", 5);
    assertThat(report.render()).contains("CLEAN");
  }

  @Test
  void orderWithoutAssessmentIsReported() {
    PipelineRecords records = healthyBaseline("no-risk");
    String lost = records.orderId("lost");
    records.placeOrder(lost, records.customerId("other"), 4_000);

    assertOnly(Audit.run(records.auditSettings()), DiscrepancyKind.MISSING_RISK_ASSESSMENT, lost);
  }

  @Test
  void duplicatePaymentEventIsReported() {
    PipelineRecords records = healthyBaseline("dup-pay");
    String order = records.orderId("base");
    records.paymentEvent(order, PaymentStatus.CAPTURED);

    assertOnly(Audit.run(records.auditSettings()), DiscrepancyKind.DUPLICATE_PAYMENT_EVENT, order);
  }

  @Test
  void eventAndLedgerStatusMismatchIsReported() {
    PipelineRecords records = healthyBaseline("mismatch");
    String order = records.orderId("failed");
    records.placeOrder(order, records.customerId("other"), 4_000);
    records.assess(order, RiskDecision.APPROVE);
    records.paymentEvent(order, PaymentStatus.DECLINED);
    records.paymentRow(order, "FAILED");

    AuditReport report = Audit.run(records.auditSettings());

    assertOnly(report, DiscrepancyKind.PAYMENT_LEDGER_MISMATCH, order);
    assertThat(report.discrepancies().get(0).detail()).contains("status DECLINED != FAILED");
  }

  @Test
  void chargeWithoutCaptureIsReported() {
    PipelineRecords records = healthyBaseline("charge-no-capture");
    String order = records.orderId("declined");
    records.placeOrder(order, records.customerId("other"), 4_000);
    records.assess(order, RiskDecision.APPROVE);
    records.paymentEvent(order, PaymentStatus.DECLINED);
    records.paymentRow(order, "DECLINED");
    records.charge(order, "APPROVED");

    assertOnly(Audit.run(records.auditSettings()), DiscrepancyKind.CHARGE_WITHOUT_CAPTURE, order);
  }

  @Test
  void captureWithoutChargeIsReported() {
    PipelineRecords records = healthyBaseline("capture-no-charge");
    String order = records.orderId("uncharged");
    String customer = records.customerId("other");
    records.placeOrder(order, customer, 5_000);
    records.assess(order, RiskDecision.APPROVE);
    records.paymentEvent(order, PaymentStatus.CAPTURED);
    records.paymentRow(order, "CAPTURED");
    records.balance(customer, 50, LoyaltyTier.BRONZE, 5_000, order);

    assertOnly(Audit.run(records.auditSettings()), DiscrepancyKind.CAPTURE_WITHOUT_CHARGE, order);
  }

  @Test
  void secondApprovedChargeIsReported() {
    PipelineRecords records = healthyBaseline("double-charge");
    String order = records.orderId("base");
    records.extraCharge(order);

    assertOnly(Audit.run(records.auditSettings()), DiscrepancyKind.DUPLICATE_CHARGE, order);
  }

  @Test
  void refundAboveCapturedIsReported() {
    PipelineRecords records = healthyBaseline("over-refund");
    String order = records.orderId("base");
    records.completedRefund("r-" + order + "-1", order, 8_000, 8_000);
    records.completedRefund("r-" + order + "-2", order, 8_000, 16_000);

    AuditReport report = Audit.run(records.auditSettings());

    assertThat(report.isClean()).isFalse();
    assertThat(report.discrepancies(DiscrepancyKind.REFUND_EXCEEDS_CAPTURE))
        .singleElement()
        .satisfies(
            found -> {
              assertThat(found.orderId()).isEqualTo(records.orderKey(order));
              assertThat(found.detail()).contains("captured 12000").contains("16000 by events");
            });
  }

  @Test
  void refundEventWithoutRowIsReported() {
    PipelineRecords records = healthyBaseline("refund-no-row");
    String order = records.orderId("base");
    records.refundEvent("r-" + order, order, 2_000, RefundStatus.COMPLETED, null, 2_000);
    records.balance(records.customerId("ann"), 100, LoyaltyTier.BRONZE, 10_000, order);

    assertOnly(Audit.run(records.auditSettings()), DiscrepancyKind.REFUND_EVENT_WITHOUT_ROW, order);
  }

  @Test
  void refundUnknownLongerThanTheThresholdIsReportedAndAYoungerOneIsNot() {
    PipelineRecords records = healthyBaseline("refund-unknown");
    String order = records.orderId("base");
    Duration threshold = AuditSettings.DEFAULT_UNKNOWN_REFUND_THRESHOLD;
    records.unknownRefund("r-" + order + "-old", order, 2_000, threshold.plusMinutes(5));
    records.unknownRefund("r-" + order + "-young", order, 1_000, Duration.ofSeconds(10));

    AuditReport report = Audit.run(records.auditSettings());

    assertOnly(report, DiscrepancyKind.REFUND_UNKNOWN_TOO_LONG, order);
    assertThat(report.discrepancies(DiscrepancyKind.REFUND_UNKNOWN_TOO_LONG))
        .singleElement()
        .satisfies(found -> assertThat(found.detail()).contains("r-" + order + "-old"));
  }

  @Test
  void wrongLoyaltyBalanceIsReported() {
    PipelineRecords records = healthyBaseline("loyalty");
    String order = records.orderId("base");
    records.balance(
        records.customerId("ann"), CAPTURED_POINTS + 30, LoyaltyTier.BRONZE, CAPTURED, order);

    AuditReport report = Audit.run(records.auditSettings());

    assertOnly(report, DiscrepancyKind.LOYALTY_BALANCE_MISMATCH, order);
    assertThat(report.discrepancies().get(0).customerId())
        .isEqualTo(records.customerKey(records.customerId("ann")));
    assertThat(report.discrepancies().get(0).detail()).contains("points 150").contains("120");
  }

  @Test
  void undecodableRecordIsReportedUnlessDeadLettered() {
    PipelineRecords records = healthyBaseline("poison");
    String poisoned = records.orderId("poison");
    records.publishRaw(Topics.ORDERS, records.orderKey(poisoned), new byte[] {0, 0, 0, 0, 42, 7});
    // The same bad bytes, but a service dead-lettered them: nothing was lost.
    String handled = records.orderId("handled");
    records.deadLetter(
        Topics.ORDERS,
        records.orderKey(handled),
        records.publishRaw(Topics.ORDERS, records.orderKey(handled), new byte[] {9, 9}));

    AuditReport report = Audit.run(records.auditSettings());

    assertOnly(report, DiscrepancyKind.UNREADABLE_RECORD, poisoned);
    assertThat(report.counts()).containsEntry("undecodable records", 2);
  }

  @Test
  void paymentRowWithoutEventIsReportedOnlyWhenOlderThanTheCut() {
    PipelineRecords records = PipelineRecords.forTest("cut-rows");
    PipelineRecords settled = records.aged(SETTLED_AGE);
    String ann = records.customerId("ann");
    String bob = records.customerId("bob");
    String paid = records.orderId("paid");
    settled.capturedOrder(paid, ann, CAPTURED);
    settled.balance(ann, CAPTURED_POINTS, LoyaltyTier.BRONZE, CAPTURED, paid);
    // Declined long ago and never published: a lost event.
    String lost = records.orderId("lost");
    settled.placeOrder(lost, bob, 4_000);
    settled.assess(lost, RiskDecision.APPROVE);
    settled.paymentRow(lost, "DECLINED");
    // Placed before the cut, declined just now: the row is committed, its event not yet
    // (services write the ledger before they publish).
    String paying = records.orderId("paying");
    settled.placeOrder(paying, bob, 4_000);
    settled.assess(paying, RiskDecision.APPROVE);
    records.paymentRow(paying, "DECLINED");
    // Placed and declined just now, event not yet published.
    String fresh = records.orderId("fresh");
    records.placeOrder(fresh, bob, 4_000);
    records.assess(fresh, RiskDecision.APPROVE);
    records.paymentRow(fresh, "DECLINED");

    AuditReport report = Audit.run(records.auditSettings().withSettle(SETTLE));

    assertThat(report.discrepancies())
        .as(report.render())
        .extracting(Discrepancy::kind, Discrepancy::orderId)
        .containsExactly(
            tuple(DiscrepancyKind.MISSING_PAYMENT_EVENT, records.orderKey(lost)),
            tuple(DiscrepancyKind.LEDGER_ROW_WITHOUT_EVENT, records.orderKey(lost)));
    assertThat(report.counts()).containsEntry(Audit.ORDERS_IN_FLIGHT, 2);
  }

  @Test
  void orderOlderThanTheCutThatNeverFlowedIsReportedAndAYoungerOneIsInFlight() {
    PipelineRecords records = PipelineRecords.forTest("cut-flow");
    String stuck = records.orderId("stuck");
    records.aged(SETTLED_AGE).placeOrder(stuck, records.customerId("ann"), 4_000);
    records.placeOrder(records.orderId("young"), records.customerId("bob"), 4_000);

    AuditReport report = Audit.run(records.auditSettings().withSettle(SETTLE));

    assertOnly(report, DiscrepancyKind.MISSING_RISK_ASSESSMENT, stuck);
    assertThat(report.counts()).containsEntry(Audit.ORDERS_IN_FLIGHT, 1);
  }

  @Test
  void balanceIsComparedOnlyForCustomersWithNoPaymentAfterTheCut() {
    PipelineRecords records = PipelineRecords.forTest("cut-loyalty");
    PipelineRecords settled = records.aged(SETTLED_AGE);
    // Captured long ago and loyalty never credited it: a lost balance.
    String forgotten = records.orderId("forgotten");
    settled.capturedOrder(forgotten, records.customerId("ann"), CAPTURED);
    // Captured before the cut, captured again just now: loyalty-streams is still applying it.
    String bob = records.customerId("bob");
    String earlier = records.orderId("earlier");
    settled.capturedOrder(earlier, bob, CAPTURED);
    settled.balance(bob, CAPTURED_POINTS, LoyaltyTier.BRONZE, CAPTURED, earlier);
    records.capturedOrder(records.orderId("now"), bob, CAPTURED);

    AuditReport report = Audit.run(records.auditSettings().withSettle(SETTLE));

    assertOnly(report, DiscrepancyKind.LOYALTY_BALANCE_MISSING, forgotten);
    assertThat(report.counts()).containsEntry(Audit.BALANCES_IN_FLIGHT, 1);
  }

  @Test
  void orderHeldForReviewThenApprovedAndCapturedAuditsClean() {
    PipelineRecords records = healthyBaseline("reviewed");
    String cy = records.customerId("cy");
    String reviewed = records.orderId("reviewed");
    records.reviewedAndCapturedOrder(reviewed, cy, CAPTURED);
    records.balance(cy, CAPTURED_POINTS, LoyaltyTier.BRONZE, CAPTURED, reviewed);
    // Approved, charged, the acquirer never answered: its hold alone until the reconciler resolves.
    String unanswered = records.orderId("unanswered");
    records.placeOrder(unanswered, cy, 4_000);
    records.assess(unanswered, RiskDecision.REVIEW);
    records.paymentEvent(unanswered, PaymentStatus.HELD_FOR_REVIEW);
    records.paymentRow(unanswered, "UNKNOWN");
    records.statusHistory(unanswered, "HELD_FOR_REVIEW", "PENDING", "UNKNOWN");

    AuditReport report = Audit.run(records.auditSettings());

    assertThat(report.discrepancies()).as(report.render()).isEmpty();
    assertThat(report.counts()).containsEntry("PaymentProcessed events", 4);
  }

  @Test
  void secondOutcomeOfAReviewedOrderIsReportedAsDuplicate() {
    PipelineRecords records = healthyBaseline("review-dup");
    String order = records.orderId("reviewed");
    String cy = records.customerId("cy");
    records.reviewedAndCapturedOrder(order, cy, CAPTURED);
    records.paymentEvent(order, PaymentStatus.CAPTURED);
    // One payment, credited once (loyalty counts a paymentId once).
    records.balance(cy, CAPTURED_POINTS, LoyaltyTier.BRONZE, CAPTURED, order);

    AuditReport report = Audit.run(records.auditSettings());

    assertOnly(report, DiscrepancyKind.DUPLICATE_PAYMENT_EVENT, order);
    assertThat(report.discrepancies().get(0).detail()).contains("2 outcome payment events");
  }

  @Test
  void secondHoldOfAnOrderIsReportedAsDuplicate() {
    PipelineRecords records = healthyBaseline("review-dup-hold");
    String order = records.orderId("held");
    records.placeOrder(order, records.customerId("cy"), 4_000);
    records.assess(order, RiskDecision.REVIEW);
    records.paymentEvent(order, PaymentStatus.HELD_FOR_REVIEW);
    records.paymentEvent(order, PaymentStatus.HELD_FOR_REVIEW);
    records.paymentRow(order, "HELD_FOR_REVIEW");
    records.statusHistory(order, "HELD_FOR_REVIEW");

    AuditReport report = Audit.run(records.auditSettings());

    assertOnly(report, DiscrepancyKind.DUPLICATE_PAYMENT_EVENT, order);
    assertThat(report.discrepancies().get(0).detail()).contains("2 HELD_FOR_REVIEW");
  }

  @Test
  void holdPublishedAfterTheOutcomeIsReported() {
    PipelineRecords records = healthyBaseline("late-hold");
    String order = records.orderId("reviewed");
    String cy = records.customerId("cy");
    records.placeOrder(order, cy, CAPTURED);
    records.assess(order, RiskDecision.REVIEW);
    records.paymentEvent(order, PaymentStatus.CAPTURED);
    records.paymentEvent(order, PaymentStatus.HELD_FOR_REVIEW);
    records.paymentRow(order, "CAPTURED");
    records.statusHistory(order, "HELD_FOR_REVIEW", "PENDING", "CAPTURED");
    records.charge(order, "APPROVED");
    records.balance(cy, CAPTURED_POINTS, LoyaltyTier.BRONZE, CAPTURED, order);

    assertOnly(
        Audit.run(records.auditSettings()), DiscrepancyKind.PAYMENT_HELD_AFTER_OUTCOME, order);
  }

  @Test
  void approvedRowWhoseOutcomeWasNeverPublishedIsReported() {
    PipelineRecords records = healthyBaseline("review-lost");
    String order = records.orderId("approved");
    records.placeOrder(order, records.customerId("cy"), 4_000);
    records.assess(order, RiskDecision.REVIEW);
    records.paymentEvent(order, PaymentStatus.HELD_FOR_REVIEW);
    records.paymentRow(order, "CAPTURED");
    records.statusHistory(order, "HELD_FOR_REVIEW", "PENDING", "CAPTURED");
    records.charge(order, "APPROVED");

    AuditReport report = Audit.run(records.auditSettings());

    assertOnly(report, DiscrepancyKind.REVIEW_OUTCOME_WITHOUT_EVENT, order);
    assertThat(report.discrepancies().get(0).detail())
        .contains("left HELD_FOR_REVIEW for PENDING")
        .contains("is CAPTURED");
  }

  @Test
  void orderRejectedByRiskButChargedAtTheAcquirerIsReportedAsRejectedButCharged() {
    PipelineRecords records = healthyBaseline("rejected-charged");
    String order = records.orderId("rejected");
    records.placeOrder(order, records.customerId("cy"), 4_000);
    records.assess(order, RiskDecision.DECLINE);
    records.paymentEvent(order, PaymentStatus.REJECTED_BY_RISK);
    records.paymentRow(order, "REJECTED_BY_RISK");
    records.charge(order, "APPROVED");

    assertOnly(Audit.run(records.auditSettings()), DiscrepancyKind.REJECTED_BUT_CHARGED, order);
  }

  @Test
  void couponOrdersChargedTheirTotalMinusTheDiscountWithinTheLimitsAuditClean() {
    PipelineRecords records = healthyBaseline("coupon-clean");
    String code = records.couponCode("ten");
    // 10 % off 100.00 EUR: 10.00 off, 90.00 charged, 90 points.
    var tenOff = PipelineRecords.coupon(code, 1_000, 2, 1);
    String ann = records.customerId("ann");
    String bob = records.customerId("bob");
    String cy = records.customerId("cy");
    String first = records.orderId("first");
    String second = records.orderId("second");
    records.capturedOrder(first, ann, 10_000, tenOff);
    records.capturedOrder(second, bob, 10_000, tenOff);
    // Ann's base order and this one: 120 + 90 points.
    records.balance(ann, CAPTURED_POINTS + 90, LoyaltyTier.BRONZE, CAPTURED + 9_000, first);
    records.balance(bob, 90, LoyaltyTier.BRONZE, 9_000, second);
    // The third claim finds no use left: declined before any charge.
    String third = records.orderId("third");
    records.couponLimitDeclinedOrder(third, cy, 10_000, tenOff, ContractRules.COUPON_EXHAUSTED);
    // Declined by the issuer: its use was given back, it counts for no limit.
    String declined = records.orderId("declined");
    records.placeOrder(declined, cy, 10_000, tenOff);
    records.assess(declined, RiskDecision.APPROVE);
    records.paymentEvent(declined, PaymentStatus.DECLINED);
    records.paymentRow(declined, "DECLINED");
    records.charge(declined, "DECLINED");

    AuditReport report = Audit.run(records.auditSettings());

    assertThat(report.discrepancies()).as(report.render()).isEmpty();
    assertThat(records.chargeMinor(first)).isEqualTo(9_000);
  }

  @Test
  void paymentChargingTheWholeTotalOfACouponOrderIsReportedAsDiscountMismatch() {
    PipelineRecords records = healthyBaseline("coupon-ignored");
    String order = records.orderId("ignored");
    String cy = records.customerId("cy");
    records.priceWithoutCoupon(order);
    records.capturedOrder(
        order, cy, 10_000, PipelineRecords.coupon(records.couponCode("ten"), 1_000, null, null));
    records.balance(cy, 100, LoyaltyTier.BRONZE, 10_000, order);

    AuditReport report = Audit.run(records.auditSettings());

    assertOnly(report, DiscrepancyKind.DISCOUNT_MISMATCH, order);
    assertThat(report.discrepancies().get(0).detail())
        .contains("amountMinor 10000 != 9000")
        .contains("couponCode null != " + records.couponCode("ten"))
        .contains("discountMinor 0 != 1000");
  }

  @Test
  void couponCapturedMoreOftenThanItsMaxUsesIsReportedAsOverused() {
    PipelineRecords records = healthyBaseline("coupon-overused");
    String code = records.couponCode("two");
    var twoUses = PipelineRecords.coupon(code, 1_000, 2, null);
    for (String name : List.of("a", "b", "c")) {
      String customer = records.customerId(name);
      String order = records.orderId(name);
      records.capturedOrder(order, customer, 10_000, twoUses);
      records.balance(customer, 90, LoyaltyTier.BRONZE, 9_000, order);
    }

    AuditReport report = Audit.run(records.auditSettings());

    assertThat(report.discrepancies())
        .as(report.render())
        .singleElement()
        .satisfies(
            found -> {
              assertThat(found.kind()).isEqualTo(DiscrepancyKind.COUPON_OVERUSED);
              assertThat(found.detail())
                  .contains(PipelineRecords.MERCHANT + "/" + code)
                  .contains("3 payments hold a use")
                  .contains("maxUses 2")
                  .contains(records.orderId("c"));
            });
  }

  @Test
  void customerUsingACouponMoreOftenThanItsPerCustomerLimitIsReported() {
    PipelineRecords records = healthyBaseline("coupon-customer");
    var oncePerCustomer = PipelineRecords.coupon(records.couponCode("once"), 1_000, null, 1);
    String cy = records.customerId("cy");
    String first = records.orderId("first");
    String again = records.orderId("again");
    records.capturedOrder(first, cy, 10_000, oncePerCustomer);
    records.capturedOrder(again, cy, 10_000, oncePerCustomer);
    records.balance(cy, 180, LoyaltyTier.BRONZE, 18_000, again);

    AuditReport report = Audit.run(records.auditSettings());

    assertThat(report.discrepancies())
        .as(report.render())
        .singleElement()
        .satisfies(
            found -> {
              assertThat(found.kind()).isEqualTo(DiscrepancyKind.COUPON_CUSTOMER_OVERUSED);
              assertThat(found.customerId()).isEqualTo(records.customerKey(cy));
              assertThat(found.detail()).contains("maxUsesPerCustomer 1");
            });
  }

  @Test
  void paymentDeclinedForItsCouponLimitButSentToTheAcquirerIsReported() {
    PipelineRecords records = healthyBaseline("coupon-limit-charged");
    String order = records.orderId("exhausted");
    records.couponLimitDeclinedOrder(
        order,
        records.customerId("cy"),
        10_000,
        PipelineRecords.coupon(records.couponCode("gone"), 1_000, 1, null),
        ContractRules.COUPON_EXHAUSTED);
    records.charge(order, "DECLINED");

    assertOnly(
        Audit.run(records.auditSettings()), DiscrepancyKind.COUPON_LIMIT_DECLINE_CHARGED, order);
  }

  @Test
  void couponUseCounterThatDisagreesWithItsTakenRedemptionsIsReported() {
    PipelineRecords records = healthyBaseline("coupon-counter");
    String drifted = records.couponCode("drift");
    String exact = records.couponCode("exact");
    String cy = records.customerId("cy");
    String paid = records.orderId("paid");
    records.capturedOrder(paid, cy, 10_000, PipelineRecords.coupon(drifted, 1_000, 5, null));
    records.balance(cy, 90, LoyaltyTier.BRONZE, 9_000, paid);
    records.redemption(paid, "TAKEN");
    // Declined by the issuer: the use was given back, but the counter kept it.
    String declined = records.orderId("declined");
    records.placeOrder(declined, cy, 10_000, PipelineRecords.coupon(drifted, 1_000, 5, null));
    records.assess(declined, RiskDecision.APPROVE);
    records.paymentEvent(declined, PaymentStatus.DECLINED);
    records.paymentRow(declined, "DECLINED");
    records.charge(declined, "DECLINED");
    records.redemption(declined, "RETURNED");
    records.couponUses(drifted, 2);
    // Another coupon whose counter is right.
    String dan = records.customerId("dan");
    String other = records.orderId("other");
    records.capturedOrder(other, dan, 10_000, PipelineRecords.coupon(exact, 1_000, 5, null));
    records.balance(dan, 90, LoyaltyTier.BRONZE, 9_000, other);
    records.redemption(other, "TAKEN");
    records.couponUses(exact, 1);

    AuditReport report = Audit.run(records.auditSettings());

    assertThat(report.discrepancies())
        .as(report.render())
        .singleElement()
        .satisfies(
            found -> {
              assertThat(found.kind()).isEqualTo(DiscrepancyKind.COUPON_USES_MISMATCH);
              assertThat(found.detail())
                  .contains(PipelineRecords.MERCHANT + "/" + drifted)
                  .contains("counter uses 2, 1 TAKEN redemptions");
            });
    assertThat(report.counts()).containsEntry("coupon counters", 2);
  }

  @Test
  void pointsReservedSpentGivenBackRefusedAndStillOpenAuditClean() {
    PipelineRecords records = PipelineRecords.forTest("points-clean");
    String pat = records.customerId("pat");
    PointsCustomer customer = pointsCustomer(records, pat);
    // 100.50 EUR with 50 points: 100.00 charged, 100 points earned, the 50 spent.
    String redeemed = records.orderId("redeemed");
    customer.reserve(redeemed, 10_050, 50);
    records.assess(redeemed, RiskDecision.APPROVE);
    records.paymentEvent(redeemed, PaymentStatus.CAPTURED);
    records.paymentRow(redeemed, "CAPTURED");
    records.charge(redeemed, "APPROVED");
    customer.change(LoyaltySource.PAYMENT, redeemed, 100, -50, 10_000);
    // Declined by the issuer: the 30 points come back.
    String declined = records.orderId("declined");
    customer.reserve(declined, 5_000, 30);
    records.assess(declined, RiskDecision.APPROVE);
    records.paymentEvent(declined, PaymentStatus.DECLINED);
    records.paymentRow(declined, "DECLINED");
    records.charge(declined, "DECLINED");
    customer.change(LoyaltySource.RELEASE, declined, 30, -30, 0);
    // More points than pat has: refused, declined points_unavailable before any charge.
    String refused = records.orderId("refused");
    records.placeOrder(refused, pat, 50_000, null, 1_000L);
    records.pointsAnswer(
        refused, PointsReservationStatus.REFUSED, ContractRules.INSUFFICIENT_POINTS, 170);
    records.pointsReservationRow(refused, "REFUSED", ContractRules.INSUFFICIENT_POINTS, 1_000);
    records.assess(refused, RiskDecision.APPROVE);
    records.paymentEvent(refused, PaymentStatus.DECLINED, ContractRules.POINTS_UNAVAILABLE);
    records.paymentRow(refused, "DECLINED");
    // Held for review: its 20 points stay reserved.
    String held = records.orderId("held");
    customer.reserve(held, 3_000, 20);
    records.assess(held, RiskDecision.REVIEW);
    records.paymentEvent(held, PaymentStatus.HELD_FOR_REVIEW);
    records.paymentRow(held, "HELD_FOR_REVIEW");

    AuditReport report = Audit.run(records.auditSettings());

    assertThat(report.discrepancies()).as(report.render()).isEmpty();
    assertThat(records.chargeMinor(redeemed)).isEqualTo(10_000);
    assertThat(customer.points).isEqualTo(150);
    assertThat(customer.reserved).isEqualTo(20);
    assertThat(report.counts())
        .containsEntry("PointsReservation answers", 4)
        .containsEntry("points_reservations rows", 4);
  }

  @Test
  void pointsReservedForADeclinedOrderAndNeverGivenBackAreReported() {
    PipelineRecords records = PipelineRecords.forTest("points-kept");
    PointsCustomer customer = pointsCustomer(records, records.customerId("dee"));
    String declined = records.orderId("declined");
    customer.reserve(declined, 5_000, 30);
    records.assess(declined, RiskDecision.APPROVE);
    records.paymentEvent(declined, PaymentStatus.DECLINED);
    records.paymentRow(declined, "DECLINED");
    records.charge(declined, "DECLINED");

    AuditReport report = Audit.run(records.auditSettings());

    assertThat(report.discrepancies())
        .as(report.render())
        .extracting(Discrepancy::kind, Discrepancy::orderId)
        .containsExactlyInAnyOrder(
            tuple(DiscrepancyKind.POINTS_NOT_RELEASED, records.orderKey(declined)),
            tuple(DiscrepancyKind.RESERVED_POINTS_MISMATCH, records.orderKey(declined)),
            tuple(DiscrepancyKind.LOYALTY_BALANCE_MISMATCH, records.orderKey(declined)));
    assertThat(report.discrepancies(DiscrepancyKind.RESERVED_POINTS_MISMATCH).get(0).detail())
        .contains("reservedPoints 30 != 0");
  }

  @Test
  void pointsGivenBackForACapturedOrderAreReported() {
    PipelineRecords records = PipelineRecords.forTest("points-twice");
    PointsCustomer customer = pointsCustomer(records, records.customerId("fay"));
    String order = records.orderId("paid");
    customer.reserve(order, 3_030, 30);
    records.assess(order, RiskDecision.APPROVE);
    records.paymentEvent(order, PaymentStatus.CAPTURED);
    records.paymentRow(order, "CAPTURED");
    records.charge(order, "APPROVED");
    customer.change(LoyaltySource.PAYMENT, order, 30, -30, 3_000);
    // Spent, and given back all the same.
    customer.change(LoyaltySource.RELEASE, order, 30, 0, 0);

    AuditReport report = Audit.run(records.auditSettings());

    assertThat(report.discrepancies())
        .as(report.render())
        .extracting(Discrepancy::kind)
        .containsExactlyInAnyOrder(
            DiscrepancyKind.POINTS_RELEASED_BUT_CAPTURED, DiscrepancyKind.LOYALTY_BALANCE_MISMATCH);
    assertThat(report.discrepancies(DiscrepancyKind.POINTS_RELEASED_BUT_CAPTURED))
        .extracting(Discrepancy::orderId)
        .containsExactly(records.orderKey(order));
  }

  @Test
  void orderCapturedThoughItsPointsWereRefusedIsReported() {
    PipelineRecords records = PipelineRecords.forTest("points-refused");
    String eve = records.customerId("eve");
    String order = records.orderId("refused");
    // 10.30 EUR with 30 points eve does not have: refused, yet 10.00 charged and captured.
    records.placeOrder(order, eve, 1_030, null, 30L);
    records.pointsAnswer(
        order, PointsReservationStatus.REFUSED, ContractRules.INSUFFICIENT_POINTS, 0);
    records.assess(order, RiskDecision.APPROVE);
    records.paymentEvent(order, PaymentStatus.CAPTURED);
    records.paymentRow(order, "CAPTURED");
    records.charge(order, "APPROVED");
    records.balanceChange(eve, 10, 0, 1_000, LoyaltySource.PAYMENT, order, 10);

    AuditReport report = Audit.run(records.auditSettings());

    assertOnly(report, DiscrepancyKind.POINTS_CHARGED_WITHOUT_RESERVATION, order);
    assertThat(report.discrepancies().get(0).detail())
        .contains("REFUSED " + ContractRules.INSUFFICIENT_POINTS);
  }

  @Test
  void balanceWithNegativeReservedPointsIsReported() {
    PipelineRecords records = PipelineRecords.forTest("points-negative");
    PointsCustomer customer = pointsCustomer(records, records.customerId("gus"));
    String order = records.orderId("paid");
    customer.reserve(order, 3_030, 30);
    records.assess(order, RiskDecision.APPROVE);
    records.paymentEvent(order, PaymentStatus.CAPTURED);
    records.paymentRow(order, "CAPTURED");
    records.charge(order, "APPROVED");
    // The capture spent the 30 reserved points twice.
    customer.change(LoyaltySource.PAYMENT, order, 30, -60, 3_000);

    AuditReport report = Audit.run(records.auditSettings());

    assertThat(report.discrepancies())
        .as(report.render())
        .extracting(Discrepancy::kind, Discrepancy::orderId)
        .containsExactlyInAnyOrder(
            tuple(DiscrepancyKind.LOYALTY_BALANCE_NEGATIVE, records.orderKey(order)),
            tuple(DiscrepancyKind.RESERVED_POINTS_MISMATCH, records.orderKey(order)));
    assertThat(report.discrepancies(DiscrepancyKind.LOYALTY_BALANCE_NEGATIVE).get(0).detail())
        .contains("reservedPoints -30");
  }

  @Test
  void recordedAnswerThatDiffersFromTheTopicIsReported() {
    PipelineRecords records = PipelineRecords.forTest("points-row");
    String hal = records.customerId("hal");
    String order = records.orderId("refused");
    records.placeOrder(order, hal, 5_000, null, 40L);
    records.pointsAnswer(
        order, PointsReservationStatus.REFUSED, ContractRules.INSUFFICIENT_POINTS, 0);
    // The processor recorded another reason than loyalty-streams gave.
    records.pointsReservationRow(order, "REFUSED", ContractRules.ORDER_CLOSED, 40);
    records.assess(order, RiskDecision.APPROVE);
    records.paymentEvent(order, PaymentStatus.DECLINED, ContractRules.POINTS_UNAVAILABLE);
    records.paymentRow(order, "DECLINED");

    AuditReport report = Audit.run(records.auditSettings());

    assertOnly(report, DiscrepancyKind.POINTS_RESERVATION_LEDGER_MISMATCH, order);
    assertThat(report.discrepancies().get(0).detail())
        .contains(
            "reason " + ContractRules.ORDER_CLOSED + " != " + ContractRules.INSUFFICIENT_POINTS);
  }

  @Test
  void paymentChargingWithoutTheRedeemedPointsIsReportedAsDiscountMismatch() {
    PipelineRecords records = PipelineRecords.forTest("points-ignored");
    PointsCustomer customer = pointsCustomer(records, records.customerId("ivy"));
    String order = records.orderId("ignored");
    records.priceWithoutPoints(order);
    customer.reserve(order, 10_050, 50);
    records.assess(order, RiskDecision.APPROVE);
    records.paymentEvent(order, PaymentStatus.CAPTURED);
    records.paymentRow(order, "CAPTURED");
    records.charge(order, "APPROVED");
    // 100.50 EUR charged: 100 points earned, the 50 reserved spent.
    customer.change(LoyaltySource.PAYMENT, order, 100, -50, 10_050);

    AuditReport report = Audit.run(records.auditSettings());

    assertOnly(report, DiscrepancyKind.DISCOUNT_MISMATCH, order);
    assertThat(report.discrepancies().get(0).detail())
        .contains("amountMinor 10050 != 10000")
        .contains("pointsRedeemed 0 != 50");
  }

  /**
   * A customer with one captured 120.00 EUR order (120 points) whose balance records are written as
   * loyalty-streams writes them, each its change from the one before.
   */
  private static PointsCustomer pointsCustomer(PipelineRecords records, String customerId) {
    PointsCustomer customer = new PointsCustomer(records, customerId);
    String base = records.orderId("base-" + customerId.substring(customerId.length() - 3));
    records.capturedOrder(base, customerId, CAPTURED);
    customer.change(LoyaltySource.PAYMENT, base, CAPTURED_POINTS, 0, CAPTURED);
    return customer;
  }

  /** One customer's balance as loyalty-streams moves it, record by record. */
  private static final class PointsCustomer {
    private final PipelineRecords records;
    private final String customerId;
    private long points;
    private long reserved;
    private long spend;

    PointsCustomer(PipelineRecords records, String customerId) {
      this.records = records;
      this.customerId = customerId;
    }

    /** Places the order redeeming {@code points}, answers RESERVED and records both. */
    void reserve(String orderId, long amountMinor, long redeemed) {
      records.placeOrder(orderId, customerId, amountMinor, null, redeemed);
      records.pointsAnswer(orderId, PointsReservationStatus.RESERVED, null, points - redeemed);
      records.pointsReservationRow(orderId, "RESERVED", null, redeemed);
      change(LoyaltySource.RESERVATION, orderId, -redeemed, redeemed, 0);
    }

    /** A balance record: available points moved by {@code pointsDelta}, reserved ones too. */
    void change(
        LoyaltySource source, String orderId, long pointsDelta, long reservedDelta, long spent) {
      points += pointsDelta;
      reserved += reservedDelta;
      spend += spent;
      records.balanceChange(customerId, points, reserved, spend, source, orderId, pointsDelta);
    }
  }

  /** One customer with one captured order and the balance it earned: audits clean alone. */
  private static PipelineRecords healthyBaseline(String name) {
    PipelineRecords records = PipelineRecords.forTest(name);
    String order = records.orderId("base");
    String ann = records.customerId("ann");
    records.capturedOrder(order, ann, CAPTURED);
    records.balance(ann, CAPTURED_POINTS, LoyaltyTier.BRONZE, CAPTURED, order);
    return records;
  }

  private static void assertOnly(AuditReport report, DiscrepancyKind kind, String orderId) {
    assertThat(report.isClean()).as(report.render()).isFalse();
    Set<DiscrepancyKind> kinds =
        report.discrepancies().stream().map(Discrepancy::kind).collect(Collectors.toSet());
    assertThat(kinds).as(report.render()).containsExactly(kind);
    // The audit names an order by its key: of the test's merchant, unless a test says otherwise.
    String orderKey =
        orderId.contains("/") ? orderId : OrderKey.of(PipelineRecords.MERCHANT, orderId);
    assertThat(report.discrepancies(kind)).extracting(Discrepancy::orderId).containsOnly(orderKey);
    assertThat(report.render()).contains("NOT CLEAN").contains(kind.name()).contains(orderKey);
  }
}
