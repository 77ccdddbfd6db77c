package io.payrail.audit.cut;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.audit.kafka.Event;
import io.payrail.audit.kafka.RecordCoordinates;
import io.payrail.audit.kafka.ResultTopics;
import io.payrail.audit.kafka.UnreadableRecord;
import io.payrail.audit.ledger.LedgerRows;
import io.payrail.audit.ledger.PaymentRow;
import io.payrail.audit.ledger.PointsReservationRow;
import io.payrail.audit.ledger.RefundRow;
import io.payrail.events.LoyaltyBalance;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.PointsReservation;
import io.payrail.schemas.keys.CustomerKey;
import io.payrail.schemas.keys.OrderKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConsistentCutTest {

  private static final Instant WATERMARK = Instant.parse("2026-12-01T03:00:00Z");
  private static final Instant BEFORE = WATERMARK.minus(Duration.ofMinutes(3));
  private static final Instant AFTER = WATERMARK.plusMillis(1);

  /** The merchant of the orders and customers, unless a test says otherwise. */
  private static final String M = "m-1";

  private final ConsistentCut cut = new ConsistentCut(WATERMARK);

  @Test
  void theSameOrderIdAtTwoMerchantsIsTwoOrdersOneInFlightOneSettled() {
    // Merchant m-2's order "1001" was paid just now; m-1's "1001" is long settled.
    ResultTopics events =
        topics(List.of(order(M, "1001", BEFORE), order("m-2", "1001", BEFORE)), List.of());
    LedgerRows ledger =
        ledger(List.of(paymentRow(M, "1001", BEFORE), paymentRow("m-2", "1001", AFTER)), List.of());

    ConsistentCut.Settled settled = cut.apply(events, ledger);

    assertThat(settled.events().orders()).extracting(Event::key).containsExactly("m-1/1001");
    assertThat(settled.ledger().payments()).extracting(PaymentRow::merchantId).containsExactly(M);
    assertThat(settled.ordersInFlight()).isEqualTo(1);
  }

  @Test
  void orderPlacedBeforeTheWatermarkIsComparedAndOnePlacedAtOrAfterItIsInFlight() {
    ResultTopics events =
        topics(
            List.of(order("settled", BEFORE), order("at", WATERMARK), order("after", AFTER)),
            List.of());

    ConsistentCut.Settled settled = cut.apply(events, ledger(List.of(), List.of()));

    assertThat(settled.events().orders()).extracting(Event::key).containsExactly(key("settled"));
    assertThat(settled.ordersInFlight()).isEqualTo(2);
  }

  @Test
  void anOrderWithARowUpdatedAfterTheWatermarkIsLeftOutWhole() {
    // Placed before the cut, paid just now: the ledger row is committed before its event.
    ResultTopics events = topics(List.of(order("paying", BEFORE)), List.of());
    LedgerRows ledger = ledger(List.of(paymentRow("paying", AFTER)), List.of());

    ConsistentCut.Settled settled = cut.apply(events, ledger);

    assertThat(settled.events().orders()).isEmpty();
    assertThat(settled.ledger().payments()).isEmpty();
    assertThat(settled.ordersInFlight()).isEqualTo(1);
  }

  @Test
  void anOrderWithARecentRefundIsLeftOutWholeAndAnOldOneWithoutFlowIsCompared() {
    ResultTopics events =
        topics(
            List.of(order("refunding", BEFORE), order("stuck", BEFORE)),
            List.of(payment("refunding", "ann", BEFORE)));
    LedgerRows ledger =
        ledger(List.of(paymentRow("refunding", BEFORE)), List.of(refundRow("refunding", AFTER)));

    ConsistentCut.Settled settled = cut.apply(events, ledger);

    assertThat(settled.events().orders()).extracting(Event::key).containsExactly(key("stuck"));
    assertThat(settled.events().payments()).isEmpty();
    assertThat(settled.ledger().payments()).isEmpty();
    assertThat(settled.ledger().refunds()).isEmpty();
  }

  @Test
  void aCustomerWithAPaymentOrBalanceAfterTheWatermarkHasTheBalanceLeftOut() {
    ResultTopics events =
        new ResultTopics(
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(
                payment("o-ann", "ann", BEFORE),
                payment("o-bob-1", "bob", BEFORE),
                payment("o-bob-2", "bob", AFTER),
                payment("o-cat", "cat", BEFORE)),
            List.of(),
            Map.of(
                customer("ann"), balance("ann", BEFORE),
                customer("bob"), balance("bob", BEFORE),
                customer("cat"), balance("cat", AFTER)),
            List.of(),
            Set.of());

    ConsistentCut.Settled settled = cut.apply(events, ledger(List.of(), List.of()));

    assertThat(settled.events().latestBalances()).containsOnlyKeys(customer("ann"));
    assertThat(settled.events().payingCustomersPayments())
        .extracting(event -> event.value().getCustomerId())
        .containsOnly("ann");
    assertThat(settled.customersInFlight()).isEqualTo(2);
  }

  @Test
  void anUndecodableRecordIsJudgedOnlyBeforeTheWatermark() {
    UnreadableRecord old = unreadable("old", BEFORE);
    ResultTopics events =
        new ResultTopics(
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            Map.of(),
            List.of(old, unreadable("new", AFTER)),
            Set.of());

    ConsistentCut.Settled settled = cut.apply(events, ledger(List.of(), List.of()));

    assertThat(settled.events().unreadable()).containsExactly(old);
  }

  @Test
  void anAnswerToPointsAfterTheWatermarkLeavesItsOrderAndItsCustomersBalanceOut() {
    Event<PointsReservation> late = answer("o-late", "bob", AFTER);
    Event<PointsReservation> early = answer("o-early", "ann", BEFORE);
    ResultTopics events =
        new ResultTopics(
            List.of(order("o-late", BEFORE), order("o-early", BEFORE)),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            Map.of(
                customer("ann"), balance("ann", BEFORE), customer("bob"), balance("bob", BEFORE)),
            List.of(),
            Set.of(),
            List.of(late, early),
            List.of(late, early),
            Map.of(
                customer("ann"),
                List.of(balance("ann", BEFORE)),
                customer("bob"),
                List.of(balance("bob", BEFORE))),
            true);
    LedgerRows ledger =
        new LedgerRows(
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            false,
            List.of(
                new PointsReservationRow(M, "o-early", "RESERVED", null, 10, BEFORE),
                new PointsReservationRow(M, "o-recorded-late", "RESERVED", null, 10, AFTER)),
            true);

    ConsistentCut.Settled settled = cut.apply(events, ledger);

    assertThat(settled.events().orders()).extracting(Event::key).containsExactly(key("o-early"));
    assertThat(settled.events().reservations()).containsExactly(early);
    assertThat(settled.events().latestBalances()).containsOnlyKeys(customer("ann"));
    assertThat(settled.events().balanceHistory()).containsOnlyKeys(customer("ann"));
    assertThat(settled.events().payingCustomersReservations()).containsExactly(early);
    assertThat(settled.ledger().pointsReservations())
        .extracting(PointsReservationRow::orderId)
        .containsExactly("o-early");
    assertThat(settled.events().pointsTopic()).isTrue();
  }

  private static Event<PointsReservation> answer(String orderId, String customerId, Instant at) {
    PointsReservation value = new PointsReservation();
    value.setOrderId(orderId);
    value.setMerchantId(M);
    value.setCustomerId(customerId);
    return new Event<>(key(orderId), value, new RecordCoordinates("points-reservations", 0, 0), at);
  }

  private static ResultTopics topics(
      List<Event<OrderPlaced>> orders, List<Event<PaymentProcessed>> payments) {
    return new ResultTopics(
        orders, List.of(), payments, List.of(), payments, List.of(), Map.of(), List.of(), Set.of());
  }

  private static LedgerRows ledger(List<PaymentRow> payments, List<RefundRow> refunds) {
    return new LedgerRows(payments, List.of(), refunds, List.of(), List.of());
  }

  /** The key of merchant {@value #M}'s order. */
  private static String key(String orderId) {
    return OrderKey.of(M, orderId);
  }

  private static CustomerKey customer(String customerId) {
    return new CustomerKey(M, customerId);
  }

  /** The cut reads an order's key and time only. */
  private static Event<OrderPlaced> order(String orderId, Instant at) {
    return order(M, orderId, at);
  }

  private static Event<OrderPlaced> order(String merchantId, String orderId, Instant at) {
    return new Event<>(
        OrderKey.of(merchantId, orderId), null, new RecordCoordinates("orders", 0, 0), at);
  }

  private static Event<PaymentProcessed> payment(String orderId, String customerId, Instant at) {
    PaymentProcessed value = new PaymentProcessed();
    value.setOrderId(orderId);
    value.setMerchantId(M);
    value.setCustomerId(customerId);
    return new Event<>(key(orderId), value, new RecordCoordinates("payments", 0, 0), at);
  }

  private static Event<LoyaltyBalance> balance(String customerId, Instant at) {
    return new Event<>(
        customer(customerId).encoded(), null, new RecordCoordinates("loyalty-balances", 0, 0), at);
  }

  private static UnreadableRecord unreadable(String orderId, Instant at) {
    return new UnreadableRecord(
        new RecordCoordinates("orders", 0, 0), key(orderId), "bad bytes", at);
  }

  private static PaymentRow paymentRow(String orderId, Instant updatedAt) {
    return paymentRow(M, orderId, updatedAt);
  }

  private static PaymentRow paymentRow(String merchantId, String orderId, Instant updatedAt) {
    return new PaymentRow(
        "pay-" + merchantId + "-" + orderId,
        merchantId,
        orderId,
        "ann",
        1_000,
        "EUR",
        "CAPTURED",
        "ch-" + orderId,
        "payrail:charge:pay-" + orderId,
        updatedAt);
  }

  private static RefundRow refundRow(String orderId, Instant updatedAt) {
    return new RefundRow(
        "r-" + orderId, M, orderId, "ann", 100, "EUR", "PENDING", null, "r-" + orderId, updatedAt);
  }
}
