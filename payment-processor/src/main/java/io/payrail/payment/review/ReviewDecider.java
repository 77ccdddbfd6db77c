package io.payrail.payment.review;

import io.payrail.events.ReviewDecided;
import io.payrail.payment.ledger.LedgerStatus;
import io.payrail.payment.ledger.PaymentRow;
import io.payrail.payment.ledger.StatusUpdate;
import io.payrail.payment.points.PointsAnswer;
import io.payrail.payment.review.ReviewAction.Kind;
import io.payrail.schemas.contract.ContractRules;
import io.payrail.schemas.keys.OrderKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The review decisions' effect on the ledger, without I/O. Only the first decision on a held order
 * counts: it releases the row to PENDING (APPROVE) or ends it REJECTED_BY_REVIEW (REJECT, EXPIRE),
 * and the row remembers the decision's record; a redelivery of that record resumes or republishes
 * its work, any other decision finds the review closed and is skipped. A decision for no order of
 * its merchant (orders are looked up by merchant and orderId, so another merchant's order with the
 * same orderId is not found) is a publisher's bad record: dead-lettered. An approved order that
 * redeems loyalty points is charged only with its points reserved: without an answer yet it waits
 * AWAITING_POINTS (the points listener releases it), with a refusal it ends DECLINED {@code
 * points_unavailable}, uncharged.
 */
@Component
public class ReviewDecider {

  public static final String REVIEW_APPROVED = "review_approved";
  public static final String REVIEW_REJECTED = "review_rejected";
  public static final String REVIEW_EXPIRED = "review_expired";

  /**
   * The actions of a chunk's decisions, in order. Decisions on the same order see what the earlier
   * ones in the chunk did, as if each had been committed already.
   */
  public List<ReviewAction> plan(
      List<Decided> decisions, Map<OrderKey, PaymentRow> existing, Instant now) {
    return plan(decisions, existing, Map.of(), now);
  }

  /**
   * The actions of a chunk's decisions, in order, knowing the points answers recorded for its
   * orders ({@code answers}, by order).
   */
  public List<ReviewAction> plan(
      List<Decided> decisions,
      Map<OrderKey, PaymentRow> existing,
      Map<OrderKey, PointsAnswer> answers,
      Instant now) {
    Map<OrderKey, PaymentRow> rows = new HashMap<>(existing);
    List<ReviewAction> actions = new ArrayList<>(decisions.size());
    for (Decided decision : decisions) {
      ReviewAction action =
          decide(rows.get(decision.key()), decision, answers.get(decision.key()), now);
      if (action.change() != null) {
        rows.put(decision.key(), action.row());
      }
      actions.add(action);
    }
    return actions;
  }

  /**
   * What one decision does to the order's row (null when the ledger has none for the decision's
   * merchant and orderId).
   */
  public ReviewAction decide(PaymentRow row, Decided decision, Instant now) {
    return decide(row, decision, null, now);
  }

  /**
   * What one decision does to the order's row (null when the ledger has none), knowing the order's
   * points answer (null when none was recorded).
   */
  public ReviewAction decide(PaymentRow row, Decided decision, PointsAnswer answer, Instant now) {
    ReviewDecided value = decision.value();
    if (row == null) {
      return new ReviewAction(Kind.DEAD_LETTER_UNKNOWN_ORDER, decision, null, null);
    }
    if (row.reviewedBy(decision.source())) {
      Kind kind;
      if (row.finalizedBy(decision.source())) {
        kind = Kind.REPUBLISH;
      } else if (row.status() == LedgerStatus.PENDING && row.pointsBy() == null) {
        // A row the points answer released afterwards is the points listener's to charge.
        kind = Kind.RESUME_CHARGE;
      } else {
        kind = Kind.ALREADY_APPLIED;
      }
      return new ReviewAction(kind, decision, row, null);
    }
    if (row.status() != LedgerStatus.HELD_FOR_REVIEW) {
      return new ReviewAction(Kind.SKIP_ALREADY_DECIDED, decision, row, null);
    }
    return switch (value.getDecision()) {
      case APPROVE -> approve(row, decision, answer, now);
      case REJECT -> close(Kind.REJECT, REVIEW_REJECTED, row, decision, now);
      case EXPIRE -> close(Kind.EXPIRE, REVIEW_EXPIRED, row, decision, now);
    };
  }

  private static ReviewAction approve(
      PaymentRow row, Decided decision, PointsAnswer answer, Instant now) {
    if (row.paymentToken() == null) {
      return new ReviewAction(Kind.DEAD_LETTER_NO_TOKEN, decision, row, null);
    }
    if (row.pointsRedeemed() > 0 && answer == null) {
      PaymentRow awaiting =
          row.withReview(LedgerStatus.AWAITING_POINTS, null, decision.source(), now);
      return new ReviewAction(
          Kind.AWAIT_POINTS, decision, awaiting, change(awaiting, row, REVIEW_APPROVED, decision));
    }
    if (row.pointsRedeemed() > 0 && !answer.reserved()) {
      PaymentRow declined =
          row.withReview(
              LedgerStatus.DECLINED, ContractRules.POINTS_UNAVAILABLE, decision.source(), now);
      return new ReviewAction(
          Kind.POINTS_REFUSED,
          decision,
          declined,
          change(declined, row, ContractRules.POINTS_UNAVAILABLE, decision));
    }
    PaymentRow pending = row.withReview(LedgerStatus.PENDING, null, decision.source(), now);
    return new ReviewAction(
        Kind.CHARGE, decision, pending, change(pending, row, REVIEW_APPROVED, decision));
  }

  private static ReviewAction close(
      Kind kind, String code, PaymentRow row, Decided decision, Instant now) {
    PaymentRow rejected =
        row.withReview(LedgerStatus.REJECTED_BY_REVIEW, code, decision.source(), now);
    return new ReviewAction(kind, decision, rejected, change(rejected, row, code, decision));
  }

  private static StatusUpdate change(
      PaymentRow after, PaymentRow before, String reason, Decided decision) {
    return new StatusUpdate(
        after, before.status(), reason, decision.value().getReviewer(), decision.value().getNote());
  }
}
