package io.payrail.audit.points;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.audit.Discrepancy;
import io.payrail.audit.DiscrepancyKind;
import io.payrail.audit.kafka.Event;
import io.payrail.audit.kafka.RecordCoordinates;
import io.payrail.audit.kafka.ResultTopics;
import io.payrail.audit.ledger.ChargeRow;
import io.payrail.audit.ledger.LedgerRows;
import io.payrail.audit.ledger.PaymentRow;
import io.payrail.events.LoyaltyBalance;
import io.payrail.events.LoyaltyChange;
import io.payrail.events.LoyaltySource;
import io.payrail.events.LoyaltyTier;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.PaymentStatus;
import io.payrail.events.PointsReservation;
import io.payrail.events.PointsReservationStatus;
import io.payrail.schemas.contract.ContractRules;
import io.payrail.schemas.keys.CustomerKey;
import io.payrail.schemas.keys.OrderKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The points checks as pure checks: the cases AuditTest's records do not reach (a release before
 * the payment is final, a compacted history, a payment still open, a charge at the acquirer alone).
 */
class PointsChecksTest {

  private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
  private static final String M = "m-1";
  private static final String CUSTOMER = "c-1";
  private static final CustomerKey CUSTOMER_KEY = new CustomerKey(M, CUSTOMER);

  private final List<Event<OrderPlaced>> orders = new ArrayList<>();
  private final List<Event<PointsReservation>> answers = new ArrayList<>();
  private final List<Event<PaymentProcessed>> payments = new ArrayList<>();
  private final List<Event<LoyaltyBalance>> balances = new ArrayList<>();
  private final List<ChargeRow> charges = new ArrayList<>();
  private long points;
  private long reserved;

  @Test
  void historyChainsWhenEachRecordIsThePreviousPlusItsDelta() {
    change(LoyaltySource.PAYMENT, "o-0", 120, 0);
    change(LoyaltySource.RESERVATION, "o-1", -30, 30);
    change(LoyaltySource.RELEASE, "o-1", 30, -30);

    assertThat(PointsBalanceCheck.chains(balances)).isTrue();
    // Compaction removed the reservation: what is left no longer adds up.
    assertThat(PointsBalanceCheck.chains(List.of(balances.get(0), balances.get(2)))).isFalse();
  }

  @Test
  void missingReleaseIsReportedOnlyWhileTheHistoryIsWhole() {
    change(LoyaltySource.PAYMENT, "o-0", 120, 0);
    reserve("o-1", 30);
    outcome("o-1", PaymentStatus.FAILED);

    assertThat(balanceCheck())
        .extracting(Discrepancy::kind)
        .containsExactlyInAnyOrder(
            DiscrepancyKind.POINTS_NOT_RELEASED, DiscrepancyKind.RESERVED_POINTS_MISMATCH);

    // The first record compacted away: the RELEASE may have been removed too, so only the
    // reserved points, which the latest record always has, still tell.
    balances.remove(0);
    assertThat(balanceCheck())
        .extracting(Discrepancy::kind)
        .containsExactly(DiscrepancyKind.RESERVED_POINTS_MISMATCH);
  }

  @Test
  void releaseWhileThePaymentIsNotFinalIsReported() {
    change(LoyaltySource.PAYMENT, "o-0", 120, 0);
    reserve("o-1", 30);
    outcome("o-1", PaymentStatus.HELD_FOR_REVIEW);
    change(LoyaltySource.RELEASE, "o-1", 30, -30);

    List<Discrepancy> found = balanceCheck();

    // The order still waits for its review: its 30 points should still be reserved.
    assertThat(found)
        .extracting(Discrepancy::kind)
        .containsExactlyInAnyOrder(
            DiscrepancyKind.POINTS_RELEASED_WITHOUT_FINAL_PAYMENT,
            DiscrepancyKind.RESERVED_POINTS_MISMATCH);
    assertThat(found)
        .filteredOn(d -> d.kind() == DiscrepancyKind.POINTS_RELEASED_WITHOUT_FINAL_PAYMENT)
        .singleElement()
        .satisfies(d -> assertThat(d.detail()).contains("not final"));
  }

  @Test
  void secondReleaseIsReported() {
    change(LoyaltySource.PAYMENT, "o-0", 120, 0);
    reserve("o-1", 30);
    outcome("o-1", PaymentStatus.REJECTED_BY_REVIEW);
    change(LoyaltySource.RELEASE, "o-1", 30, -30);
    change(LoyaltySource.RELEASE, "o-1", 30, 0);

    assertThat(balanceCheck())
        .extracting(Discrepancy::kind)
        .containsExactly(DiscrepancyKind.POINTS_RELEASED_MORE_THAN_ONCE);
  }

  @Test
  void reservationOfAnOrderWithoutFinalPaymentIsOpenAndCountsAsReserved() {
    change(LoyaltySource.PAYMENT, "o-0", 120, 0);
    reserve("o-1", 30);
    reserve("o-2", 20);
    outcome("o-2", PaymentStatus.CAPTURED);
    change(LoyaltySource.PAYMENT, "o-2", 0, -20);

    assertThat(balanceCheck()).isEmpty();
    assertThat(reserved).isEqualTo(30);
  }

  @Test
  void approvedChargeAloneOfARefusedOrderIsChargedWithoutReservation() {
    order("o-1", 30L);
    answer("o-1", PointsReservationStatus.REFUSED, ContractRules.ORDER_CLOSED, 30);
    outcome("o-1", PaymentStatus.DECLINED);
    charges.add(
        new ChargeRow("payrail:charge:pay_o-1", "ch_o-1", M, "o-1", 970, "EUR", "APPROVED"));

    List<Discrepancy> found = new PointsReservationCheck().check(events(true), ledger());

    assertThat(found)
        .singleElement()
        .satisfies(
            discrepancy -> {
              assertThat(discrepancy.kind())
                  .isEqualTo(DiscrepancyKind.POINTS_CHARGED_WITHOUT_RESERVATION);
              assertThat(discrepancy.detail()).contains("approved charge(s) [ch_o-1]");
            });
  }

  @Test
  void capturedOrderWithoutAnyAnswerIsChargedWithoutReservationUnlessThereIsNoPointsTopic() {
    order("o-1", 30L);
    outcome("o-1", PaymentStatus.CAPTURED);

    assertThat(new PointsReservationCheck().check(events(true), ledger()))
        .extracting(Discrepancy::kind, Discrepancy::detail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                DiscrepancyKind.POINTS_CHARGED_WITHOUT_RESERVATION,
                "redeems 30 points, no answer on points-reservations, but has a CAPTURED payment"
                    + " event"));
    assertThat(new PointsReservationCheck().check(events(false), ledger())).isEmpty();
  }

  private List<Discrepancy> balanceCheck() {
    return new PointsBalanceCheck().check(events(true), ledger());
  }

  @Test
  void loyaltysOwnAnswerCountsForTheBalanceAfterPaymentProcessorsTimeout() {
    answer("o-late", PointsReservationStatus.REFUSED, ContractRules.ANSWER_TIMEOUT, 30);
    answer("o-late", PointsReservationStatus.RESERVED, null, 30);
    answer("o-never", PointsReservationStatus.REFUSED, ContractRules.ANSWER_TIMEOUT, 20);

    // The payment went by the first answer (declined); the balance by loyalty's (reserved, then
    // given back when it read the declined payment); an order loyalty never answered moved none.
    assertThat(Redemptions.firstAnswers(answers).get(new OrderKey(M, "o-late")).value().getStatus())
        .isEqualTo(PointsReservationStatus.REFUSED);
    assertThat(
            Redemptions.loyaltyAnswers(answers).get(new OrderKey(M, "o-late")).value().getStatus())
        .isEqualTo(PointsReservationStatus.RESERVED);
    assertThat(Redemptions.loyaltyAnswers(answers)).doesNotContainKey(new OrderKey(M, "o-never"));
  }

  private void reserve(String orderId, long redeemed) {
    order(orderId, redeemed);
    answer(orderId, PointsReservationStatus.RESERVED, null, redeemed);
    change(LoyaltySource.RESERVATION, orderId, -redeemed, redeemed);
  }

  private void order(String orderId, Long pointsToRedeem) {
    OrderPlaced order = new OrderPlaced();
    order.setOrderId(orderId);
    order.setMerchantId(M);
    order.setCustomerId(CUSTOMER);
    order.setAmountMinor(1_000);
    order.setPointsToRedeem(pointsToRedeem);
    orders.add(event(OrderKey.of(M, orderId), orders.size(), order));
  }

  private void answer(
      String orderId, PointsReservationStatus status, String reason, long redeemed) {
    answers.add(
        event(
            OrderKey.of(M, orderId),
            answers.size(),
            PointsReservation.newBuilder()
                .setOrderId(orderId)
                .setMerchantId(M)
                .setCustomerId(CUSTOMER)
                .setPoints(redeemed)
                .setStatus(status)
                .setReason(reason)
                .setAvailablePoints(0)
                .setDecidedAt(NOW)
                .build()));
  }

  private void outcome(String orderId, PaymentStatus status) {
    PaymentProcessed payment = new PaymentProcessed();
    payment.setOrderId(orderId);
    payment.setMerchantId(M);
    payment.setCustomerId(CUSTOMER);
    payment.setStatus(status);
    payments.add(event(OrderKey.of(M, orderId), payments.size(), payment));
  }

  private void change(LoyaltySource source, String orderId, long pointsDelta, long reservedDelta) {
    points += pointsDelta;
    reserved += reservedDelta;
    balances.add(
        event(
            CUSTOMER_KEY.encoded(),
            balances.size(),
            LoyaltyBalance.newBuilder()
                .setCustomerId(CUSTOMER)
                .setMerchantId(M)
                .setPoints(points)
                .setReservedPoints(reserved)
                .setTier(LoyaltyTier.BRONZE)
                .setLifetimeSpendMinor(Map.of())
                .setLastChange(new LoyaltyChange(source, orderId, orderId, 0L, "EUR", pointsDelta))
                .setUpdatedAt(NOW)
                .build()));
  }

  private ResultTopics events(boolean pointsTopic) {
    return new ResultTopics(
        orders,
        List.of(),
        payments,
        List.of(),
        payments,
        List.of(),
        balances.isEmpty() ? Map.of() : Map.of(CUSTOMER_KEY, balances.get(balances.size() - 1)),
        List.of(),
        Set.of(),
        answers,
        answers,
        balances.isEmpty() ? Map.of() : Map.of(CUSTOMER_KEY, List.copyOf(balances)),
        pointsTopic);
  }

  private LedgerRows ledger() {
    return new LedgerRows(
        List.<PaymentRow>of(), charges, List.of(), List.of(), List.of(), List.of(), true);
  }

  private static <V> Event<V> event(String key, long offset, V value) {
    return new Event<>(key, value, new RecordCoordinates("t", 0, offset), NOW);
  }
}
