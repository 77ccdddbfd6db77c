package io.payrail.audit.points;

import io.payrail.audit.Discrepancy;
import io.payrail.audit.DiscrepancyKind;
import io.payrail.audit.kafka.Event;
import io.payrail.audit.kafka.ResultTopics;
import io.payrail.audit.ledger.ChargeRow;
import io.payrail.audit.ledger.LedgerRows;
import io.payrail.audit.ledger.PaymentRow;
import io.payrail.audit.ledger.PointsReservationRow;
import io.payrail.audit.reconcile.Reconciliation;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentStatus;
import io.payrail.events.PointsReservation;
import io.payrail.schemas.keys.CustomerKey;
import io.payrail.schemas.keys.OrderKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Points are charged for only once reserved, and payment-processor acts on the answer
 * loyalty-streams published:
 *
 * <ul>
 *   <li>{@link DiscrepancyKind#POINTS_CHARGED_WITHOUT_RESERVATION}: an order redeeming points whose
 *       first answer on {@code points-reservations} is REFUSED, or that has none, has a CAPTURED
 *       payment (event or row) or an approved charge at the acquirer. The customer paid less than
 *       the total with points that were never set aside for it;
 *   <li>{@link DiscrepancyKind#POINTS_RESERVATION_LEDGER_MISMATCH}: a row of payment-processor's
 *       {@code points_reservations} (when the ledger has the table) differs from the order's first
 *       answer on the topic in status, reason or points, or has no answer there at all.
 * </ul>
 *
 * Only when the cluster has {@code points-reservations}: without it, no order was answered.
 */
public final class PointsReservationCheck implements Reconciliation {

  @Override
  public List<Discrepancy> check(ResultTopics events, LedgerRows ledger) {
    if (!events.pointsTopic()) {
      return List.of();
    }
    Map<OrderKey, Event<PointsReservation>> answers =
        Redemptions.firstAnswers(events.reservations());
    List<Discrepancy> found = new ArrayList<>();
    chargedWithoutReservation(events, ledger, answers, found);
    recordedAnswers(ledger, answers, found);
    return found;
  }

  private static void chargedWithoutReservation(
      ResultTopics events,
      LedgerRows ledger,
      Map<OrderKey, Event<PointsReservation>> answers,
      List<Discrepancy> found) {
    Set<OrderKey> capturedEvents = new HashSet<>();
    events.payments().stream()
        .filter(payment -> payment.value().getStatus() == PaymentStatus.CAPTURED)
        .map(Event::orderKey)
        .forEach(capturedEvents::add);
    Set<OrderKey> capturedRows = new HashSet<>();
    ledger.payments().stream()
        .filter(PaymentRow::captured)
        .map(PaymentRow::orderKey)
        .forEach(capturedRows::add);
    Map<OrderKey, List<ChargeRow>> approved = new HashMap<>();
    ledger.charges().stream()
        .filter(ChargeRow::approved)
        .forEach(
            charge ->
                approved.computeIfAbsent(charge.orderKey(), k -> new ArrayList<>()).add(charge));

    Map<OrderKey, OrderPlaced> orders = new LinkedHashMap<>();
    events.orders().forEach(order -> orders.putIfAbsent(order.orderKey(), order.value()));
    orders.forEach(
        (orderId, order) -> {
          if (order.getPointsToRedeem() == null) {
            return;
          }
          Event<PointsReservation> answer = answers.get(orderId);
          if (Redemptions.reserved(answer)) {
            return;
          }
          List<String> paid = new ArrayList<>();
          if (capturedEvents.contains(orderId)) {
            paid.add("a CAPTURED payment event");
          }
          if (capturedRows.contains(orderId)) {
            paid.add("a CAPTURED payments row");
          }
          List<ChargeRow> charges = approved.getOrDefault(orderId, List.of());
          if (!charges.isEmpty()) {
            paid.add(
                "approved charge(s) " + charges.stream().map(ChargeRow::chargeReference).toList());
          }
          if (!paid.isEmpty()) {
            found.add(
                new Discrepancy(
                    DiscrepancyKind.POINTS_CHARGED_WITHOUT_RESERVATION,
                    orderId.encoded(),
                    CustomerKey.of(order.getMerchantId(), order.getCustomerId()),
                    "redeems "
                        + order.getPointsToRedeem()
                        + " points, "
                        + (answer == null
                            ? "no answer on points-reservations"
                            : "REFUSED " + answer.value().getReason() + " at " + answer.source())
                        + ", but has "
                        + String.join(" and ", paid)));
          }
        });
  }

  private static void recordedAnswers(
      LedgerRows ledger, Map<OrderKey, Event<PointsReservation>> answers, List<Discrepancy> found) {
    for (PointsReservationRow row : ledger.pointsReservations()) {
      Event<PointsReservation> answer = answers.get(row.orderKey());
      List<String> differences = new ArrayList<>();
      if (answer == null) {
        differences.add("no answer on points-reservations");
      } else {
        PointsReservation value = answer.value();
        compare("status", row.status(), value.getStatus().name(), differences);
        compare("reason", row.reason(), value.getReason(), differences);
        compare("points", row.points(), value.getPoints(), differences);
      }
      if (!differences.isEmpty()) {
        found.add(
            new Discrepancy(
                DiscrepancyKind.POINTS_RESERVATION_LEDGER_MISMATCH,
                row.orderKey().encoded(),
                answer == null
                    ? null
                    : CustomerKey.of(
                        answer.value().getMerchantId(), answer.value().getCustomerId()),
                "recorded "
                    + row.status()
                    + (answer == null ? "" : " vs answer at " + answer.source())
                    + ": "
                    + String.join(", ", differences)));
      }
    }
  }

  private static void compare(String field, Object row, Object topic, List<String> out) {
    if (!Objects.equals(row, topic)) {
      out.add(field + " " + row + " != " + topic);
    }
  }
}
