package io.payrail.payment.coupon;

import static io.payrail.payment.support.Assessments.AMOUNT_MINOR;
import static io.payrail.payment.support.Assessments.assessed;
import static io.payrail.payment.support.Assessments.encodedKey;
import static io.payrail.payment.support.Assessments.newOrderId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.payrail.acquirer.simulated.SimulatedCharges;
import io.payrail.events.AppliedCoupon;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.PaymentStatus;
import io.payrail.events.ReviewDecided;
import io.payrail.events.ReviewOutcome;
import io.payrail.events.RiskAssessed;
import io.payrail.events.RiskDecision;
import io.payrail.listener.reconcile.SourceRecord;
import io.payrail.payment.decision.BatchPlan;
import io.payrail.payment.decision.PaymentDecider;
import io.payrail.payment.gateway.ChargeOutcome;
import io.payrail.payment.intake.Assessment;
import io.payrail.payment.ledger.LedgerEntry;
import io.payrail.payment.ledger.LedgerStatus;
import io.payrail.payment.ledger.PaymentLedger;
import io.payrail.payment.listener.PaymentStep;
import io.payrail.payment.review.ReviewDecisionListener;
import io.payrail.payment.support.Assessments;
import io.payrail.payment.support.PaymentIntegrationTest;
import io.payrail.schemas.contract.ContractRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Coupon use limits on the real broker, registry, database and simulated acquirer: the charge is
 * the total minus the discount, a coupon gives at most maxUses (and maxUsesPerCustomer) uses, an
 * order refused is DECLINED without a charge, a payment without a capture gives its use back, a
 * held order takes its use when a reviewer releases it, and a redelivery takes no second use.
 */
class CouponUseLimitsTest extends PaymentIntegrationTest {

  private static final long DISCOUNT_MINOR = 425;
  private static final long CHARGE_MINOR = AMOUNT_MINOR - DISCOUNT_MINOR;
  private static final String MERCHANT = "merchant-1";

  @Autowired MeterRegistry meters;
  @Autowired PaymentLedger ledger;
  @Autowired PaymentDecider decider;

  @AfterEach
  void disarm() {
    crasher.disarm();
  }

  @Test
  void sixOrdersOnAThreeUseCouponAcrossPartitionsCaptureThreeAndDeclineThreeUncharged() {
    String code = newCode("LIMIT3");
    double takenBefore = count("payrail.coupon.uses.taken");
    double refusedBefore = refused(ContractRules.COUPON_EXHAUSTED);
    List<String> orders = new ArrayList<>();
    List<RecordMetadata> sent = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String orderId = newOrderId("coupon-limit");
      orders.add(orderId);
      RiskAssessed order = withCoupon(approvedOrder(orderId, "tok_visa"), code, 3, null);
      sent.add(send(encodedKey(orderId), order, (i * 5) % 12));
    }
    awaitConsumed(sent.toArray(RecordMetadata[]::new));

    List<String> captured =
        orders.stream().filter(id -> "CAPTURED".equals(paymentRow(id).get("status"))).toList();
    List<String> declined =
        orders.stream().filter(id -> "DECLINED".equals(paymentRow(id).get("status"))).toList();
    assertThat(captured).hasSize(3);
    assertThat(declined).hasSize(3);
    for (String orderId : captured) {
      assertThat(paymentRow(orderId))
          .containsEntry("amount_minor", CHARGE_MINOR)
          .containsEntry("discount_minor", DISCOUNT_MINOR)
          .containsEntry("coupon_code", code)
          .containsEntry("coupon_max_uses", 3);
      assertThat(chargedAmounts(orderId)).containsExactly(CHARGE_MINOR);
      PaymentProcessed event = onlyEvent(orderId);
      assertThat(event.getStatus()).isEqualTo(PaymentStatus.CAPTURED);
      assertThat(event.getAmountMinor()).isEqualTo(CHARGE_MINOR);
      assertThat(event.getCouponCode()).isEqualTo(code);
      assertThat(event.getDiscountMinor()).isEqualTo(DISCOUNT_MINOR);
    }
    for (String orderId : declined) {
      assertThat(paymentRow(orderId))
          .containsEntry("decline_code", ContractRules.COUPON_EXHAUSTED)
          .containsEntry("gateway_reference", null);
      assertThat(charges(orderId)).isZero();
      assertThat(history(orderId)).containsExactly("NONE>PENDING", "PENDING>DECLINED");
      PaymentProcessed event = onlyEvent(orderId);
      assertThat(event.getStatus()).isEqualTo(PaymentStatus.DECLINED);
      assertThat(event.getDeclineCode()).isEqualTo(ContractRules.COUPON_EXHAUSTED);
      assertThat(event.getAmountMinor()).isEqualTo(CHARGE_MINOR);
      assertThat(event.getCouponCode()).isEqualTo(code);
      assertThat(event.getDiscountMinor()).isEqualTo(DISCOUNT_MINOR);
    }
    assertThat(uses(code)).isEqualTo(3);
    assertThat(redemptions(code, "TAKEN")).containsExactlyInAnyOrderElementsOf(captured);
    assertThat(count("payrail.coupon.uses.taken") - takenBefore).isEqualTo(3);
    assertThat(refused(ContractRules.COUPON_EXHAUSTED) - refusedBefore).isEqualTo(3);
  }

  @Test
  void aCustomersSecondOrderIsDeclinedAtTheCustomerLimitWhileAnotherCustomerStillGetsIt() {
    String code = newCode("ONCE");
    String first = newOrderId("coupon-customer");
    String second = newOrderId("coupon-customer");
    String other = newOrderId("coupon-customer");
    RiskAssessed firstOrder = withCoupon(approvedOrder(first, "tok_visa"), code, null, 1);
    RiskAssessed secondOrder = withCoupon(approvedOrder(second, "tok_visa"), code, null, 1);
    secondOrder.getOrder().setCustomerId(firstOrder.getOrder().getCustomerId());
    // The same partition: the first order comes first, in the same batch or an earlier one.
    awaitConsumed(
        send(encodedKey(first), firstOrder, 4),
        send(encodedKey(second), secondOrder, 4),
        send(encodedKey(other), withCoupon(approvedOrder(other, "tok_visa"), code, null, 1), 7));

    assertThat(paymentRow(first)).containsEntry("status", "CAPTURED");
    assertThat(paymentRow(other)).containsEntry("status", "CAPTURED");
    assertThat(paymentRow(second))
        .containsEntry("status", "DECLINED")
        .containsEntry("decline_code", ContractRules.COUPON_CUSTOMER_LIMIT);
    assertThat(charges(second)).isZero();
    assertThat(onlyEvent(second).getDeclineCode()).isEqualTo(ContractRules.COUPON_CUSTOMER_LIMIT);
    assertThat(uses(code)).isEqualTo(2);
  }

  @Test
  void aDeclinedCardGivesItsUseBackSoALaterOrderGetsIt() {
    String code = newCode("ONEUSE");
    double returnedBefore = count("payrail.coupon.uses.returned");
    String declinedCard = newOrderId("coupon-card-declined");
    awaitConsumed(
        send(withCoupon(approvedOrder(declinedCard, "tok_chargeDeclined"), code, 1, null)));

    assertThat(paymentRow(declinedCard))
        .containsEntry("status", "DECLINED")
        .containsEntry("decline_code", SimulatedCharges.CARD_DECLINED);
    // The issuer saw the attempt, at the discounted amount.
    assertThat(chargedAmounts(declinedCard)).containsExactly(CHARGE_MINOR);
    assertThat(uses(code)).isZero();
    assertThat(redemptions(code, "RETURNED")).containsExactly(declinedCard);
    assertThat(count("payrail.coupon.uses.returned") - returnedBefore).isEqualTo(1);

    String later = newOrderId("coupon-after-decline");
    awaitConsumed(send(withCoupon(approvedOrder(later, "tok_visa"), code, 1, null)));

    assertThat(paymentRow(later)).containsEntry("status", "CAPTURED");
    assertThat(chargedAmounts(later)).containsExactly(CHARGE_MINOR);
    assertThat(uses(code)).isEqualTo(1);
    assertThat(redemptions(code, "TAKEN")).containsExactly(later);
  }

  @Test
  void aHeldOrderTakesItsUseOnlyWhenAReviewerApprovesIt() {
    String code = newCode("HELD");
    String heldOrder = newOrderId("coupon-held");
    awaitConsumed(
        send(withCoupon(assessed(heldOrder, RiskDecision.REVIEW, "tok_visa"), code, 1, null)));

    assertThat(paymentRow(heldOrder))
        .containsEntry("status", "HELD_FOR_REVIEW")
        .containsEntry("amount_minor", CHARGE_MINOR)
        .containsEntry("coupon_max_uses", 1);
    assertThat(uses(code)).isZero();
    assertThat(onlyEvent(heldOrder).getCouponCode()).isEqualTo(code);

    awaitConsumed(
        ReviewDecisionListener.LISTENER_ID,
        sendDecision(decision(heldOrder, ReviewOutcome.APPROVE), null));

    assertThat(paymentRow(heldOrder)).containsEntry("status", "CAPTURED");
    assertThat(chargedAmounts(heldOrder)).containsExactly(CHARGE_MINOR);
    assertThat(uses(code)).isEqualTo(1);
    assertThat(redemptions(code, "TAKEN")).containsExactly(heldOrder);

    String after = newOrderId("coupon-after-held");
    awaitConsumed(send(withCoupon(approvedOrder(after, "tok_visa"), code, 1, null)));
    assertThat(paymentRow(after))
        .containsEntry("status", "DECLINED")
        .containsEntry("decline_code", ContractRules.COUPON_EXHAUSTED);
    assertThat(charges(after)).isZero();
  }

  @Test
  void aHeldOrderApprovedAfterItsCouponRanOutIsDeclinedWithoutACharge() {
    String code = newCode("LATE");
    String heldOrder = newOrderId("coupon-held-late");
    awaitConsumed(
        send(withCoupon(assessed(heldOrder, RiskDecision.REVIEW, "tok_visa"), code, 1, null)));
    String paid = newOrderId("coupon-paid-first");
    awaitConsumed(send(withCoupon(approvedOrder(paid, "tok_visa"), code, 1, null)));
    assertThat(paymentRow(paid)).containsEntry("status", "CAPTURED");

    awaitConsumed(
        ReviewDecisionListener.LISTENER_ID,
        sendDecision(decision(heldOrder, ReviewOutcome.APPROVE), null));

    assertThat(paymentRow(heldOrder))
        .containsEntry("status", "DECLINED")
        .containsEntry("decline_code", ContractRules.COUPON_EXHAUSTED);
    assertThat(charges(heldOrder)).isZero();
    assertThat(history(heldOrder))
        .containsExactly("NONE>HELD_FOR_REVIEW", "HELD_FOR_REVIEW>PENDING", "PENDING>DECLINED");
    assertThat(committedPayments(List.of(heldOrder)))
        .extracting(PaymentProcessed::getStatus)
        .containsExactly(PaymentStatus.HELD_FOR_REVIEW, PaymentStatus.DECLINED);
    assertThat(uses(code)).isEqualTo(1);
  }

  @Test
  void anOrderRedeliveredAfterItsPendingRowTakesNoSecondUse() {
    String code = newCode("REPLAY");
    String orderId = newOrderId("coupon-replay");
    crasher.arm(PaymentStep.AFTER_PENDING_COMMIT, encodedKey(orderId));
    RiskAssessed order = withCoupon(approvedOrder(orderId, "tok_visa"), code, 5, null);
    RecordMetadata sent = send(order);

    await().atMost(PROCESSED_WITHIN).until(() -> crasher.crashes() == 1);
    assertThat(uses(code)).isEqualTo(1);
    restartListener(() -> {});
    // And the same order once more, as a duplicate delivery.
    awaitConsumed(sent, send(order));

    assertThat(paymentRow(orderId)).containsEntry("status", "CAPTURED");
    assertThat(chargedAmounts(orderId)).containsExactly(CHARGE_MINOR);
    assertThat(uses(code)).isEqualTo(1);
    assertThat(redemptions(code, "TAKEN")).containsExactly(orderId);
    assertThat(onlyEvent(orderId).getStatus()).isEqualTo(PaymentStatus.CAPTURED);
  }

  @Test
  void ordersOfOneChunkCountTheUsesTakenBeforeThemInTheSameTransactionAndFailuresGiveThemBack() {
    String code = newCode("CHUNK");
    List<Assessment> chunk = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String orderId = newOrderId("coupon-chunk");
      chunk.add(
          new Assessment(
              withCoupon(approvedOrder(orderId, "tok_visa"), code, 2, null),
              11,
              1_000_000_000L + i));
    }
    BatchPlan plan = decider.plan(chunk, Map.of());

    List<LedgerEntry> written = ledger.record(decider.newRows(plan, Instant.now()));

    assertThat(written)
        .extracting(entry -> entry.row().status())
        .containsExactly(LedgerStatus.PENDING, LedgerStatus.PENDING, LedgerStatus.DECLINED);
    assertThat(written.get(2).row().declineCode()).isEqualTo(ContractRules.COUPON_EXHAUSTED);
    assertThat(uses(code)).isEqualTo(2);

    // Ended without a capture (as the reconciler ends a charge the acquirer never saw): the uses
    // come back in the transaction that records it.
    ledger.update(
        written.subList(0, 2).stream()
            .map(
                entry ->
                    PaymentDecider.resolve(
                        entry.row(),
                        new ChargeOutcome(ChargeOutcome.Result.FAILED, null, "gateway_timeout"),
                        new SourceRecord(
                            "payment-processor-resolutions", 0, entry.row().sourceOffset()),
                        Instant.now()))
            .toList());

    assertThat(uses(code)).isZero();
    assertThat(redemptions(code, "RETURNED")).hasSize(2);
  }

  private static RiskAssessed approvedOrder(String orderId, String token) {
    return assessed(orderId, RiskDecision.APPROVE, token);
  }

  /** The order claiming this coupon, priced as the facade prices it. */
  private static RiskAssessed withCoupon(
      RiskAssessed assessment, String code, Integer maxUses, Integer maxUsesPerCustomer) {
    assessment
        .getOrder()
        .setCoupon(new AppliedCoupon(code, DISCOUNT_MINOR, maxUses, maxUsesPerCustomer));
    return assessment;
  }

  /** A code no other test uses, as the contract spells codes. */
  private static String newCode(String label) {
    return (label + "-" + UUID.randomUUID().toString().substring(0, 8)).toUpperCase(Locale.ROOT);
  }

  private static ReviewDecided decision(String orderId, ReviewOutcome outcome) {
    return ReviewDecided.newBuilder()
        .setDecisionId(Assessments.newDecisionId())
        .setOrderId(orderId)
        .setMerchantId(MERCHANT)
        .setDecision(outcome)
        .setReviewer("reviewer-5")
        .setNote(null)
        .setDecidedAt(Instant.now())
        .build();
  }

  private static PaymentProcessed onlyEvent(String orderId) {
    List<PaymentProcessed> events = committedPayments(List.of(orderId));
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  /** What the acquirer was asked to charge for the order, per charge. */
  private static List<Long> chargedAmounts(String orderId) {
    return database()
        .queryForList(
            "SELECT amount_minor FROM simulated_acquirer_charges WHERE order_id = ?",
            Long.class,
            orderId);
  }

  private static int uses(String code) {
    List<Integer> uses =
        database()
            .queryForList(
                "SELECT uses FROM coupon_uses WHERE merchant_id = ? AND coupon_code = ?",
                Integer.class,
                MERCHANT,
                code);
    return uses.isEmpty() ? 0 : uses.get(0);
  }

  private static List<String> redemptions(String code, String status) {
    return database()
        .queryForList(
            "SELECT order_id FROM coupon_redemptions"
                + " WHERE merchant_id = ? AND coupon_code = ? AND status = ?",
            String.class,
            MERCHANT,
            code,
            status);
  }

  private double count(String name) {
    Counter counter = meters.find(name).counter();
    return counter == null ? 0 : counter.count();
  }

  private double refused(String reason) {
    Counter counter = meters.find("payrail.coupon.refused").tag("reason", reason).counter();
    return counter == null ? 0 : counter.count();
  }
}
