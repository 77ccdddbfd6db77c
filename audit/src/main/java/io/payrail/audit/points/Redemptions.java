package io.payrail.audit.points;

import io.payrail.audit.kafka.Event;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.PaymentStatus;
import io.payrail.events.PointsReservation;
import io.payrail.events.PointsReservationStatus;
import io.payrail.schemas.contract.ContractRules;
import io.payrail.schemas.keys.OrderKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the audit reads what became of the points orders redeem, from {@code points-reservations} and
 * {@code payments}: the answer that counts for an order is its first (loyalty-streams publishes the
 * same answer again for a repeated order, and payment-processor acts on the first it sees), and a
 * payment is final with any status but HELD_FOR_REVIEW. Reserved points are spent by a CAPTURED
 * outcome and given back for any other; until then they are open.
 */
public final class Redemptions {

  private Redemptions() {}

  /** Each order's first answer, by order, in the order of {@code answers}. */
  public static Map<OrderKey, Event<PointsReservation>> firstAnswers(
      List<Event<PointsReservation>> answers) {
    Map<OrderKey, Event<PointsReservation>> first = new LinkedHashMap<>();
    answers.forEach(answer -> first.putIfAbsent(answer.orderKey(), answer));
    return first;
  }

  /**
   * Each order's first answer from loyalty-streams, by order: what its balance did. An answer
   * payment-processor published because loyalty's was late ({@code answer_timeout}) moved no
   * points; loyalty's own answer after it did (and the declined payment gives those back).
   */
  public static Map<OrderKey, Event<PointsReservation>> loyaltyAnswers(
      List<Event<PointsReservation>> answers) {
    return firstAnswers(
        answers.stream()
            .filter(answer -> !ContractRules.ANSWER_TIMEOUT.equals(answer.value().getReason()))
            .toList());
  }

  /** Whether the answer reserved the points. */
  public static boolean reserved(Event<PointsReservation> answer) {
    return answer != null && answer.value().getStatus() == PointsReservationStatus.RESERVED;
  }

  /**
   * Each order's outcome: its first final {@code PaymentProcessed} (OrderFlowCheck reports a
   * second), by order.
   */
  public static Map<OrderKey, Event<PaymentProcessed>> outcomes(
      List<Event<PaymentProcessed>> payments) {
    Map<OrderKey, Event<PaymentProcessed>> outcomes = new LinkedHashMap<>();
    payments.stream()
        .filter(payment -> isFinal(payment.value().getStatus()))
        .forEach(payment -> outcomes.putIfAbsent(payment.orderKey(), payment));
    return outcomes;
  }

  /** Every status but HELD_FOR_REVIEW ends a payment: the points are then spent or given back. */
  public static boolean isFinal(PaymentStatus status) {
    return status != PaymentStatus.HELD_FOR_REVIEW;
  }
}
