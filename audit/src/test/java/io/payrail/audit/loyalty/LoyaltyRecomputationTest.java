package io.payrail.audit.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.events.Channel;
import io.payrail.events.LineItem;
import io.payrail.events.LoyaltyTier;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentMethod;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.PaymentStatus;
import io.payrail.events.PointsReservation;
import io.payrail.events.PointsReservationStatus;
import io.payrail.events.RefundProcessed;
import io.payrail.events.RefundStatus;
import io.payrail.loyalty.rules.CustomerLoyalty;
import io.payrail.loyalty.rules.LoyaltyEvent;
import io.payrail.loyalty.rules.LoyaltyProgram;
import io.payrail.loyalty.rules.OrderLoyalty;
import io.payrail.loyalty.rules.PointsLedger;
import io.payrail.schemas.keys.CustomerKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** loyalty-streams' rules (its README), worked by hand with the default programme. */
class LoyaltyRecomputationTest {

  private static final String CUSTOMER = "c-1";
  private static final CustomerKey CUSTOMER_KEY = new CustomerKey("m-1", CUSTOMER);
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  private final LoyaltyRecomputation recomputation =
      new LoyaltyRecomputation(LoyaltyRules.defaults());

  @Test
  void capturesEarnWholeMajorUnitsAndOnlyCapturesCount() {
    ExpectedBalance balance =
        recomputation.recompute(
            CUSTOMER_KEY,
            List.of(
                payment("o-1", 12_345, "EUR", PaymentStatus.CAPTURED, 0),
                payment("o-2", 99_999, "EUR", PaymentStatus.DECLINED, 1),
                payment("o-3", 1_500, "JPY", PaymentStatus.CAPTURED, 2)),
            List.of());

    // 123 EUR + 1500 JPY (0 digits) = 1623 points; JPY counts 1500 x 0.0061 = 9.15 EUR to the tier.
    assertThat(balance.points()).isEqualTo(123 + 1_500);
    assertThat(balance.lifetimeSpendMinor()).isEqualTo(Map.of("EUR", 12_345L, "JPY", 1_500L));
    assertThat(balance.tierSpendMinor()).isEqualTo(12_345 + 915);
    assertThat(balance.tier()).isEqualTo(LoyaltyTier.BRONZE);
    assertThat(balance.orderDependent()).isFalse();
  }

  @Test
  void capturesTheContractRefusesChangeNothingAsLoyaltyDeadLettersThem() {
    ExpectedBalance balance =
        recomputation.recompute(
            CUSTOMER_KEY,
            List.of(
                payment("o-1", 10_000, "EUR", PaymentStatus.CAPTURED, 0),
                payment("o-2", Long.MAX_VALUE, "EUR", PaymentStatus.CAPTURED, 1),
                payment("o-3", 10_000, "HRK", PaymentStatus.CAPTURED, 2)),
            List.of());

    // Above the contract's maximum amount, or in a withdrawn currency: loyalty-streams' intake
    // dead-letters them (ContractRules.payment), so the recomputation must not count them. (A sum
    // that would overflow a long is refused by the shared PointsLedger, PointsLedgerTest.)
    assertThat(balance.lifetimeSpendMinor()).isEqualTo(Map.of("EUR", 10_000L));
    assertThat(balance.points()).isEqualTo(100);
    assertThat(balance.lastOrderId()).isEqualTo("o-1");
    assertThat(balance.tier()).isEqualTo(LoyaltyTier.BRONZE);
  }

  @Test
  void partialRefundsAddingUpToTheCaptureTakeBackExactlyItsPoints() {
    ExpectedBalance balance =
        recomputation.recompute(
            CUSTOMER_KEY,
            List.of(payment("o-1", 10_000, "EUR", PaymentStatus.CAPTURED, 0)),
            List.of(
                refund("r-1", "o-1", 3_333, RefundStatus.COMPLETED, 1),
                refund("r-2", "o-1", 3_333, RefundStatus.COMPLETED, 2),
                refund("r-3", "o-1", 99, RefundStatus.REJECTED, 3),
                refund("r-4", "o-1", 3_334, RefundStatus.COMPLETED, 4)));

    assertThat(balance.points()).isZero();
    assertThat(balance.lifetimeSpendMinor()).isEmpty();
    assertThat(balance.lastOrderId()).isEqualTo("o-1");
  }

  @Test
  void repeatedEventsCountOnce() {
    PaymentProcessed payment = payment("o-1", 5_000, "EUR", PaymentStatus.CAPTURED, 0);
    RefundProcessed refund = refund("r-1", "o-1", 1_000, RefundStatus.COMPLETED, 1);

    ExpectedBalance balance =
        recomputation.recompute(CUSTOMER_KEY, List.of(payment, payment), List.of(refund, refund));

    // 50 points, then 50 x 1000 / 5000 = 10 taken back once.
    assertThat(balance.points()).isEqualTo(40);
    assertThat(balance.lifetimeSpendMinor()).isEqualTo(Map.of("EUR", 4_000L));
  }

  @Test
  void captureEarnsAtTheTierBeforeIt() {
    ExpectedBalance balance =
        recomputation.recompute(
            CUSTOMER_KEY,
            List.of(
                payment("o-1", 100_000, "EUR", PaymentStatus.CAPTURED, 0),
                payment("o-2", 10_000, "EUR", PaymentStatus.CAPTURED, 1)),
            List.of());

    // 1000 EUR at BRONZE (100 %) reaches SILVER; 100 EUR then earn at 125 %.
    assertThat(balance.points()).isEqualTo(1_000 + 125);
    assertThat(balance.tier()).isEqualTo(LoyaltyTier.SILVER);
    // Applied the other way round both would earn at BRONZE: 1100; never more than all at SILVER.
    assertThat(balance.orderDependent()).isTrue();
    assertThat(balance.minPoints()).isEqualTo(1_100);
    assertThat(balance.maxPoints()).isEqualTo(1_250 + 125);
  }

  @Test
  void refundWhoseCaptureNeverArrivedTakesNothingBack() {
    ExpectedBalance balance =
        recomputation.recompute(
            CUSTOMER_KEY,
            List.of(payment("o-1", 2_000, "EUR", PaymentStatus.CAPTURED, 0)),
            List.of(refund("r-1", "o-unknown", 5_000, RefundStatus.COMPLETED, 1)));

    // o-unknown was captured before loyalty started: it earned nothing here, so nothing goes back.
    assertThat(balance.points()).isEqualTo(20);
    assertThat(balance.lifetimeSpendMinor()).isEqualTo(Map.of("EUR", 2_000L));
  }

  @Test
  void refundPublishedBeforeItsCaptureCountsAsIfItCameAfter() {
    // The capture's transaction was retried past a broker restart while the refund processor,
    // reading the ledger, had already completed the refund: the refund's event time is earlier.
    ExpectedBalance balance =
        recomputation.recompute(
            CUSTOMER_KEY,
            List.of(payment("o-1", 10_000, "EUR", PaymentStatus.CAPTURED, 5)),
            List.of(refund("r-1", "o-1", 2_500, RefundStatus.COMPLETED, 1)));

    assertThat(balance.points()).isEqualTo(75);
    assertThat(balance.lifetimeSpendMinor()).isEqualTo(Map.of("EUR", 7_500L));
  }

  @Test
  void pointsStayWithinTheRangeWhateverTheOrder() {
    Random random = new Random(20_250_101L);
    for (int round = 0; round < 50; round++) {
      List<PaymentProcessed> payments = new ArrayList<>();
      List<RefundProcessed> refunds = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        long amount = 10_000 + random.nextInt(600_000);
        payments.add(payment("o-" + i, amount, "EUR", PaymentStatus.CAPTURED, random.nextInt(100)));
        if (random.nextBoolean()) {
          refunds.add(
              refund(
                  "r-" + i, "o-" + i, random.nextInt((int) amount), RefundStatus.COMPLETED, 200));
        }
      }
      ExpectedBalance inOrder = recomputation.recompute(CUSTOMER_KEY, payments, refunds);
      List<PaymentProcessed> shuffled = new ArrayList<>(payments);
      for (int i = 0; i < shuffled.size(); i++) {
        shuffled.set(i, at(shuffled.get(i), random.nextInt(100)));
      }
      ExpectedBalance otherOrder = recomputation.recompute(CUSTOMER_KEY, shuffled, refunds);

      assertThat(otherOrder.points()).isBetween(inOrder.minPoints(), inOrder.maxPoints());
      assertThat(otherOrder.lifetimeSpendMinor()).isEqualTo(inOrder.lifetimeSpendMinor());
      assertThat(otherOrder.tier()).isEqualTo(inOrder.tier());
    }
  }

  private static PaymentProcessed at(PaymentProcessed payment, int second) {
    return PaymentProcessed.newBuilder(payment).setProcessedAt(T0.plusSeconds(second)).build();
  }

  @Test
  void reservedPointsLeaveTheAvailableOnesSpentByACaptureAndBackAfterAnyOtherOutcome() {
    PaymentProcessed earned = payment("o-1", 20_000, "EUR", PaymentStatus.CAPTURED, 0);
    PaymentProcessed spent = payment("o-2", 5_000, "EUR", PaymentStatus.CAPTURED, 3);
    PaymentProcessed declined = payment("o-3", 5_000, "EUR", PaymentStatus.DECLINED, 5);
    PaymentProcessed held = payment("o-4", 5_000, "EUR", PaymentStatus.HELD_FOR_REVIEW, 7);

    ExpectedBalance balance =
        recomputation.recompute(
            CUSTOMER_KEY,
            List.of(earned, spent, declined, held),
            List.of(),
            List.of(
                answer("o-2", 50, PointsReservationStatus.RESERVED, 2),
                answer("o-3", 30, PointsReservationStatus.RESERVED, 4),
                answer("o-4", 20, PointsReservationStatus.RESERVED, 6),
                answer("o-5", 999, PointsReservationStatus.REFUSED, 8)));

    // 200 + 50 earned; 50 spent, 30 given back, 20 still reserved, the refusal moves nothing.
    assertThat(balance.points()).isEqualTo(200 + 50 - 50 - 20);
    assertThat(balance.lifetimeSpendMinor()).isEqualTo(Map.of("EUR", 25_000L));
  }

  @Test
  void refundAfterItsEarnedPointsWereSpentMayFindOnlySomeOfThemAvailable() {
    PaymentProcessed earned = payment("o-1", 10_000, "EUR", PaymentStatus.CAPTURED, 0);
    PaymentProcessed redeeming = payment("o-2", 1_000, "EUR", PaymentStatus.CAPTURED, 2);

    ExpectedBalance balance =
        recomputation.recompute(
            CUSTOMER_KEY,
            List.of(earned, redeeming),
            List.of(refund("r-1", "o-1", 10_000, RefundStatus.COMPLETED, 3)),
            List.of(answer("o-2", 100, PointsReservationStatus.RESERVED, 1)));

    // 100 earned, all 100 spent on o-2, 10 earned by it. In time order the refund owes 100 and
    // finds 10: 0 left. Read before o-2's capture it finds nothing to take: 10 left.
    assertThat(balance.minPoints()).isZero();
    assertThat(balance.maxPoints()).isEqualTo(10);
  }

  @Test
  void aReleaseThatReachedLoyaltyAfterARefundEarlierInTimeStaysWithinTheRange() {
    // 200 earned on o-1; 32 reserved for o-2, given back when o-2 is declined (second 3); o-1
    // refunded in full (second 4). In time order the refund finds all 200 available and takes
    // them: 0 left. Had loyalty-streams read the refund before the decline, the refund would have
    // found 168 (32 reserved) and the release would have brought 32 back: 32 left.
    PaymentProcessed earned = payment("o-1", 20_000, "EUR", PaymentStatus.CAPTURED, 0);
    PaymentProcessed declined = payment("o-2", 5_000, "EUR", PaymentStatus.DECLINED, 3);

    ExpectedBalance balance =
        recomputation.recompute(
            CUSTOMER_KEY,
            List.of(earned, declined),
            List.of(refund("r-1", "o-1", 20_000, RefundStatus.COMPLETED, 4)),
            List.of(answer("o-2", 32, PointsReservationStatus.RESERVED, 2)));

    assertThat(balance.points()).isZero();
    assertThat(balance.orderDependent()).isTrue();
    assertThat(32L).isBetween(balance.minPoints(), balance.maxPoints());
  }

  @Test
  void withoutARefundReservedPointsDoNotWidenTheRange() {
    PaymentProcessed earned = payment("o-1", 20_000, "EUR", PaymentStatus.CAPTURED, 0);
    PaymentProcessed declined = payment("o-2", 5_000, "EUR", PaymentStatus.DECLINED, 3);

    ExpectedBalance balance =
        recomputation.recompute(
            CUSTOMER_KEY,
            List.of(earned, declined),
            List.of(),
            List.of(answer("o-2", 32, PointsReservationStatus.RESERVED, 2)));

    assertThat(balance.points()).isEqualTo(200);
    assertThat(balance.orderDependent()).isFalse();
  }

  /**
   * loyalty-streams reads a customer's orders, payments and refunds in whatever order they reach
   * its repartition topic: an order's redemption request always before its payment ends (the
   * payment waits for the answer), the rest in any order, a refund possibly before its capture.
   * Whatever that order, and whatever it made loyalty answer, the balance it reaches lies in the
   * audit's range.
   */
  @Test
  void balanceLoyaltyStreamsReachesInAnyApplicationOrderLiesInTheRange() {
    Random random = new Random(20_261_202L);
    PointsLedger ledger = new PointsLedger(new LoyaltyProgram(LoyaltyRules.defaults()));
    for (int round = 0; round < 2_000; round++) {
      int orderCount = 2 + random.nextInt(7);
      List<OrderPlaced> placed = new ArrayList<>();
      Map<String, PaymentProcessed> planned = new HashMap<>();
      Map<String, List<RefundProcessed>> plannedRefunds = new HashMap<>();
      for (int i = 0; i < orderCount; i++) {
        String orderId = "o-" + i;
        int second = random.nextInt(60);
        long amount = 1_000 + random.nextInt(60_000);
        long points = random.nextInt(3) == 0 ? 1 + random.nextInt(400) : 0;
        placed.add(order(orderId, amount, points, second));
        PaymentStatus status =
            random.nextInt(4) == 0 ? PaymentStatus.DECLINED : PaymentStatus.CAPTURED;
        int paidAt = second + 1 + random.nextInt(20);
        planned.put(orderId, payment(orderId, amount - points, "EUR", status, paidAt));
        if (status == PaymentStatus.CAPTURED && random.nextBoolean()) {
          List<RefundProcessed> parts = new ArrayList<>();
          for (int part = 0; part <= random.nextInt(2); part++) {
            parts.add(
                refund(
                    "r-" + i + "-" + part,
                    orderId,
                    1 + random.nextInt((int) (amount - points) / 2),
                    RefundStatus.COMPLETED,
                    paidAt + 1 + random.nextInt(20)));
          }
          plannedRefunds.put(orderId, parts);
        }
      }
      // Loyalty's reading order: a random interleaving of each order's own sequence.
      List<List<LoyaltyEvent>> perOrder = new ArrayList<>();
      for (OrderPlaced order : placed) {
        List<LoyaltyEvent> sequence = new ArrayList<>();
        sequence.add(null); // the payment, decided once its points are answered
        // A refund may reach loyalty before its capture.
        plannedRefunds
            .getOrDefault(order.getOrderId(), List.of())
            .forEach(
                refund ->
                    sequence.add(
                        random.nextInt(sequence.size() + 1), new LoyaltyEvent.Refunded(refund)));
        if (order.getPointsToRedeem() != null) {
          sequence.add(0, new LoyaltyEvent.RedemptionRequested(order));
        }
        perOrder.add(sequence);
      }
      List<PaymentProcessed> payments = new ArrayList<>();
      List<RefundProcessed> refunds = new ArrayList<>();
      List<PointsReservation> answers = new ArrayList<>();
      Map<String, Boolean> refused = new HashMap<>();
      CustomerLoyalty customer = null;
      Map<String, OrderLoyalty> records = new HashMap<>();
      List<Integer> positions = new ArrayList<>();
      for (int i = 0; i < perOrder.size(); i++) {
        positions.add(0);
      }
      while (true) {
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < perOrder.size(); i++) {
          if (positions.get(i) < perOrder.get(i).size()) {
            open.add(i);
          }
        }
        if (open.isEmpty()) {
          break;
        }
        int pick = open.get(random.nextInt(open.size()));
        LoyaltyEvent event = perOrder.get(pick).get(positions.get(pick));
        positions.set(pick, positions.get(pick) + 1);
        String orderId = placed.get(pick).getOrderId();
        if (event == null) {
          PaymentProcessed payment = planned.get(orderId);
          if (refused.getOrDefault(orderId, false)) {
            payment =
                PaymentProcessed.newBuilder(payment).setStatus(PaymentStatus.DECLINED).build();
          }
          payments.add(payment);
          event =
              payment.getStatus() == PaymentStatus.CAPTURED
                  ? new LoyaltyEvent.Captured(payment)
                  : new LoyaltyEvent.PaymentEnded(payment);
        } else if (event instanceof LoyaltyEvent.Refunded refunded) {
          if (refused.getOrDefault(orderId, false)) {
            continue; // the order was declined: never captured, never refunded
          }
          refunds.add(refunded.refund());
        }
        PointsLedger.Result result =
            ledger.apply(customer, records.get(orderId), event, event.processedAt().toEpochMilli());
        if (result instanceof PointsLedger.Applied applied) {
          customer = applied.customer();
          if (applied.order() != null) {
            records.put(orderId, applied.order());
          }
          if (applied.answer() != null) {
            answers.add(applied.answer().toEvent());
          }
        } else if (result instanceof PointsLedger.Answered answered) {
          records.put(orderId, answered.order());
          answers.add(answered.answer().toEvent());
          refused.put(orderId, true);
        } else if (result instanceof PointsLedger.Closed closed) {
          records.put(orderId, closed.order());
        }
      }
      ExpectedBalance expected = recomputation.recompute(CUSTOMER_KEY, payments, refunds, answers);
      long actual = customer == null ? 0 : customer.points();
      assertThat(actual)
          .as("round %d: %s %s %s", round, payments, refunds, answers)
          .isBetween(expected.minPoints(), expected.maxPoints());
    }
  }

  private static OrderPlaced order(String orderId, long amountMinor, long points, int second) {
    return OrderPlaced.newBuilder()
        .setOrderId(orderId)
        .setMerchantId("m-1")
        .setCustomerId(CUSTOMER)
        .setAmountMinor(amountMinor)
        .setCurrency("EUR")
        .setItems(List.of(new LineItem("sku-1", 1, amountMinor)))
        .setPaymentMethod(new PaymentMethod("tok_visa", "visa", "4242", "DE"))
        .setShippingCountry("DE")
        .setChannel(Channel.WEB)
        .setPlacedAt(T0.plusSeconds(second))
        .setPointsToRedeem(points == 0 ? null : points)
        .build();
  }

  private static PointsReservation answer(
      String orderId, long points, PointsReservationStatus status, int second) {
    return PointsReservation.newBuilder()
        .setOrderId(orderId)
        .setMerchantId("m-1")
        .setCustomerId(CUSTOMER)
        .setPoints(points)
        .setStatus(status)
        .setReason(status == PointsReservationStatus.REFUSED ? "insufficient_points" : null)
        .setAvailablePoints(0)
        .setDecidedAt(T0.plusSeconds(second))
        .build();
  }

  private static PaymentProcessed payment(
      String orderId, long amountMinor, String currency, PaymentStatus status, int second) {
    return PaymentProcessed.newBuilder()
        .setPaymentId("pay-" + orderId)
        .setOrderId(orderId)
        .setCustomerId(CUSTOMER)
        .setMerchantId("m-1")
        .setAmountMinor(amountMinor)
        .setCurrency(currency)
        .setStatus(status)
        .setProcessedAt(T0.plusSeconds(second))
        .build();
  }

  private static RefundProcessed refund(
      String refundId, String orderId, long amountMinor, RefundStatus status, int second) {
    return RefundProcessed.newBuilder()
        .setRefundId(refundId)
        .setOrderId(orderId)
        .setCustomerId(CUSTOMER)
        .setMerchantId("m-1")
        .setAmountMinor(amountMinor)
        .setCurrency("EUR")
        .setStatus(status)
        .setReason("requested_by_customer")
        .setRefundedTotalMinor(0)
        .setProcessedAt(T0.plusSeconds(second))
        .build();
  }
}
