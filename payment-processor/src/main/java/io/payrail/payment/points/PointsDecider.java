package io.payrail.payment.points;

import io.payrail.events.PointsReservation;
import io.payrail.payment.ledger.LedgerStatus;
import io.payrail.payment.ledger.PaymentRow;
import io.payrail.payment.ledger.StatusUpdate;
import io.payrail.payment.points.PointsAction.Kind;
import io.payrail.schemas.contract.ContractRules;
import io.payrail.schemas.keys.OrderKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The points answers' effect on the ledger, without I/O. An answer for an order awaiting its points
 * releases it to PENDING (RESERVED) or ends it DECLINED {@code points_unavailable} (REFUSED), and
 * the row remembers the answer's record: its redelivery resumes or republishes the work, any other
 * answer finds the order answered and changes nothing. An answer that does not match its order's
 * payment is a publisher's bad record: dead-lettered.
 */
@Component
public class PointsDecider {

  public static final String POINTS_RESERVED = "points_reserved";

  /**
   * Why this answer can never be applied to the order's payment (null when it can, or when the
   * order has no payment yet): another customer, or other points than it redeems. The row is the
   * answer's merchant's (looked up by merchant and orderId).
   */
  public String mismatch(PaymentRow row, Answered answered) {
    PointsReservation value = answered.value();
    if (row == null) {
      return null;
    }
    if (!row.customerId().equals(value.getCustomerId())) {
      return "order mismatch: order "
          + answered.key()
          + " is not an order of the answer's customer";
    }
    if (row.pointsRedeemed() != value.getPoints()) {
      return "points mismatch: order "
          + answered.key()
          + " redeems "
          + row.pointsRedeemed()
          + " points, the answer is for "
          + value.getPoints();
    }
    return null;
  }

  /**
   * The actions of a chunk's answers, in order. Answers on the same order see what the earlier ones
   * in the chunk did, as if each had been committed already.
   */
  public List<PointsAction> plan(
      List<Answered> answers, Map<OrderKey, PaymentRow> existing, Instant now) {
    Map<OrderKey, PaymentRow> rows = new HashMap<>(existing);
    List<PointsAction> actions = new ArrayList<>(answers.size());
    for (Answered answered : answers) {
      PointsAction action = decide(rows.get(answered.key()), answered, now);
      if (action.change() != null) {
        rows.put(answered.key(), action.row());
      }
      actions.add(action);
    }
    return actions;
  }

  /** What one answer does to the order's row (null when the ledger has none yet). */
  public PointsAction decide(PaymentRow row, Answered answered, Instant now) {
    if (row == null) {
      return new PointsAction(Kind.BEFORE_ORDER, answered, null, null);
    }
    if (row.pointsAnsweredBy(answered.source())) {
      Kind kind;
      if (row.finalizedBy(answered.source())) {
        kind = Kind.REPUBLISH;
      } else if (row.status() == LedgerStatus.PENDING) {
        kind = Kind.RESUME_CHARGE;
      } else {
        kind = Kind.ALREADY_APPLIED;
      }
      return new PointsAction(kind, answered, row, null);
    }
    if (row.status() != LedgerStatus.AWAITING_POINTS) {
      return new PointsAction(Kind.NOT_AWAITING, answered, row, null);
    }
    if (answered.answer().reserved()) {
      PaymentRow pending = row.withPointsAnswer(LedgerStatus.PENDING, null, answered.source(), now);
      return new PointsAction(
          Kind.RELEASE,
          answered,
          pending,
          new StatusUpdate(pending, row.status(), POINTS_RESERVED));
    }
    PaymentRow declined =
        row.withPointsAnswer(
            LedgerStatus.DECLINED, ContractRules.POINTS_UNAVAILABLE, answered.source(), now);
    // loyalty-streams' own reason (insufficient_points, order_closed) goes into the history's note.
    return new PointsAction(
        Kind.DECLINE,
        answered,
        declined,
        new StatusUpdate(
            declined,
            row.status(),
            ContractRules.POINTS_UNAVAILABLE,
            null,
            answered.value().getReason()));
  }
}
