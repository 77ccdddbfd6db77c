package io.payrail.payment.decision;

import io.payrail.events.OrderPlaced;
import io.payrail.events.RiskDecision;
import io.payrail.gateway.charge.ChargeRequest;
import io.payrail.listener.reconcile.SourceRecord;
import io.payrail.payment.coupon.CouponClaim;
import io.payrail.payment.gateway.ChargeOutcome;
import io.payrail.payment.intake.Assessment;
import io.payrail.payment.ledger.LedgerEntry;
import io.payrail.payment.ledger.LedgerStatus;
import io.payrail.payment.ledger.PaymentIds;
import io.payrail.payment.ledger.PaymentRow;
import io.payrail.payment.ledger.StatusChange;
import io.payrail.payment.ledger.StatusUpdate;
import io.payrail.payment.points.PointsAnswer;
import io.payrail.schemas.contract.ContractRules;
import io.payrail.schemas.keys.OrderKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The payment step's decisions, without I/O: which orders to charge, which to record without a
 * charge, which rows to publish again, the rows written before the charge and the changes the
 * acquirer's answers make to them.
 */
@Component
public class PaymentDecider {

  static final String RISK_APPROVED = "risk_approved";
  static final String RISK_DECLINED = "risk_declined";
  static final String RISK_REVIEW = "risk_review";
  static final String CAPTURED = "captured";

  /**
   * Sorts the chunk against the rows that exist already. A row created by this very record means an
   * earlier attempt committed the database but not Kafka: if the row is final and this record made
   * it so, publish it again; if it is still PENDING, charge again (the acquirer answers the same
   * idempotency key with its first answer). A row UNKNOWN, or finalized by another record, belongs
   * to the reconciler; a row created by another record means the order was delivered twice. Rows
   * and orders are matched by {@link OrderKey} (merchant and orderId).
   */
  public BatchPlan plan(List<Assessment> assessments, Map<OrderKey, PaymentRow> existing) {
    return plan(assessments, existing, Map.of());
  }

  /**
   * As {@link #plan(List, Map)}, knowing the points answers recorded for the chunk's orders ({@code
   * answers}, by order): an approved order that redeems points is charged at once when its points
   * are reserved, written DECLINED {@code points_unavailable} when they were refused, and waits
   * AWAITING_POINTS when no answer came yet.
   */
  public BatchPlan plan(
      List<Assessment> assessments,
      Map<OrderKey, PaymentRow> existing,
      Map<OrderKey, PointsAnswer> answers) {
    List<PaymentRow> toRepublish = new ArrayList<>();
    Set<OrderKey> pointsRefused = new HashSet<>();
    List<Assessment> toCharge = new ArrayList<>();
    Map<OrderKey, PaymentRow> pending = new HashMap<>();
    List<Assessment> withoutCharge = new ArrayList<>();
    List<Assessment> duplicates = new ArrayList<>();
    Set<OrderKey> seen = new HashSet<>();
    for (Assessment assessment : assessments) {
      if (!seen.add(assessment.key())) {
        duplicates.add(assessment);
        continue;
      }
      PaymentRow row = existing.get(assessment.key());
      if (row == null) {
        PointsAnswer answer = answers.get(assessment.key());
        if (assessment.value().getDecision() != RiskDecision.APPROVE) {
          withoutCharge.add(assessment);
        } else if (!redeemsPoints(assessment.order()) || (answer != null && answer.reserved())) {
          toCharge.add(assessment);
        } else {
          withoutCharge.add(assessment);
          if (answer != null) {
            pointsRefused.add(assessment.key());
          }
        }
      } else if (!row.createdBy(assessment.partition(), assessment.offset())) {
        duplicates.add(assessment);
      } else if (row.finalizedBy(assessment.source())) {
        toRepublish.add(row);
      } else if (row.status() == LedgerStatus.PENDING && row.releasedBy() == null) {
        // A PENDING row a reviewer or a points answer released is that listener's to charge.
        toCharge.add(assessment);
        pending.put(row.key(), row);
      } else {
        duplicates.add(assessment);
      }
    }
    return new BatchPlan(toRepublish, toCharge, pending, withoutCharge, duplicates, pointsRefused);
  }

  /** Whether the order redeems loyalty points (its charge waits for them to be reserved). */
  public static boolean redeemsPoints(OrderPlaced order) {
    return order.getPointsToRedeem() != null && order.getPointsToRedeem() > 0;
  }

  /**
   * The gateway requests for the orders to charge, with their idempotency keys: the key an earlier
   * attempt's PENDING row is stored with (a row written before keys were merchant-scoped keeps its
   * older key), a new order's {@link PaymentIds#chargeKey}, which its row is written with.
   */
  public List<ChargeRequest> chargeRequests(BatchPlan plan) {
    return plan.toCharge().stream()
        .map(
            assessment ->
                new ChargeRequest(
                    chargeKey(plan, assessment),
                    assessment.order().getOrderId(),
                    assessment.order().getMerchantId(),
                    ContractRules.chargeMinor(assessment.order()),
                    assessment.order().getCurrency(),
                    assessment.order().getPaymentMethod().getToken(),
                    assessment.order().getPaymentMethod().getBrand(),
                    assessment.order().getPaymentMethod().getLast4()))
        .toList();
  }

  private static String chargeKey(BatchPlan plan, Assessment assessment) {
    PaymentRow pending = plan.pending().get(assessment.key());
    return pending != null
        ? pending.chargeKey()
        : PaymentIds.chargeKey(assessment.order().getMerchantId(), assessment.orderId());
  }

  /**
   * The chunk's new rows, written before the acquirer is asked: PENDING for the orders to charge
   * (unless an earlier attempt wrote it), the final rows of the orders risk declined or held, and
   * for approved orders whose points are not reserved: AWAITING_POINTS, or AWAITING_POINTS then
   * DECLINED {@code points_unavailable} when they were refused already.
   */
  public List<LedgerEntry> newRows(BatchPlan plan, Instant now) {
    List<LedgerEntry> entries = new ArrayList<>();
    for (Assessment assessment : plan.toCharge()) {
      if (!plan.pending().containsKey(assessment.key())) {
        entries.add(
            new LedgerEntry(
                row(assessment, LedgerStatus.PENDING, null, now),
                List.of(new StatusChange(null, LedgerStatus.PENDING, RISK_APPROVED, now))));
      }
    }
    for (Assessment assessment : plan.withoutCharge()) {
      if (assessment.value().getDecision() == RiskDecision.APPROVE) {
        entries.add(awaitingPoints(assessment, plan.pointsRefused(), now));
        continue;
      }
      boolean declined = assessment.value().getDecision() == RiskDecision.DECLINE;
      LedgerStatus status = declined ? LedgerStatus.REJECTED_BY_RISK : LedgerStatus.HELD_FOR_REVIEW;
      String reason = declined ? RISK_DECLINED : RISK_REVIEW;
      entries.add(
          new LedgerEntry(
              row(assessment, status, declined ? RISK_DECLINED : null, now),
              List.of(new StatusChange(null, status, reason, now))));
    }
    return entries;
  }

  /**
   * The PENDING rows moved on by the acquirer's answers (UNKNOWN where none came), {@code charges}
   * by idempotency key.
   */
  public List<StatusUpdate> chargeResults(
      BatchPlan plan, List<LedgerEntry> written, Map<String, ChargeOutcome> charges, Instant now) {
    Map<OrderKey, PaymentRow> pending = new HashMap<>(plan.pending());
    written.forEach(entry -> pending.putIfAbsent(entry.row().key(), entry.row()));
    List<StatusUpdate> updates = new ArrayList<>();
    for (Assessment assessment : plan.toCharge()) {
      PaymentRow row = pending.get(assessment.key());
      ChargeOutcome outcome = row == null ? null : charges.get(row.chargeKey());
      if (outcome == null) {
        throw new IllegalStateException("no charge outcome for " + assessment.key());
      }
      updates.add(resolve(row, outcome, assessment.source(), now));
    }
    return updates;
  }

  /** A PENDING or UNKNOWN row moved to what the acquirer did, finalized by {@code source}. */
  public static StatusUpdate resolve(
      PaymentRow row, ChargeOutcome outcome, SourceRecord source, Instant now) {
    LedgerStatus to = LedgerStatus.valueOf(outcome.result().name());
    String reason = outcome.declineCode() == null ? CAPTURED : outcome.declineCode();
    return new StatusUpdate(
        row.withOutcome(to, outcome.declineCode(), outcome.gatewayReference(), source, now),
        row.status(),
        reason);
  }

  private static LedgerEntry awaitingPoints(
      Assessment assessment, Set<OrderKey> pointsRefused, Instant now) {
    StatusChange awaiting =
        new StatusChange(null, LedgerStatus.AWAITING_POINTS, RISK_APPROVED, now);
    if (!pointsRefused.contains(assessment.key())) {
      return new LedgerEntry(
          row(assessment, LedgerStatus.AWAITING_POINTS, null, now), List.of(awaiting));
    }
    return new LedgerEntry(
        row(assessment, LedgerStatus.DECLINED, ContractRules.POINTS_UNAVAILABLE, now),
        List.of(
            awaiting,
            new StatusChange(
                LedgerStatus.AWAITING_POINTS,
                LedgerStatus.DECLINED,
                ContractRules.POINTS_UNAVAILABLE,
                now)));
  }

  private static PaymentRow row(
      Assessment assessment, LedgerStatus status, String declineCode, Instant now) {
    OrderPlaced order = assessment.order();
    return new PaymentRow(
        PaymentIds.paymentId(order.getMerchantId(), order.getOrderId()),
        PaymentIds.chargeKey(order.getMerchantId(), order.getOrderId()),
        order.getOrderId(),
        order.getCustomerId(),
        order.getMerchantId(),
        // What is charged (or would have been): the total minus the coupon's discount and the
        // points' value.
        ContractRules.chargeMinor(order),
        order.getCurrency(),
        assessment.value().getScore(),
        assessment.value().getDecision().name(),
        status,
        declineCode,
        null,
        order.getPaymentMethod().getBrand(),
        order.getPaymentMethod().getLast4(),
        assessment.partition(),
        assessment.offset(),
        now,
        now,
        status.isFinal() ? assessment.source() : null,
        // Only a held order or one awaiting its points is charged later (when a reviewer approves
        // it, when its points are reserved): only they keep the token; never the card number,
        // which the contract keeps out of the order altogether.
        status == LedgerStatus.HELD_FOR_REVIEW || status == LedgerStatus.AWAITING_POINTS
            ? order.getPaymentMethod().getToken()
            : null,
        null,
        CouponClaim.of(order),
        order.getPointsToRedeem() == null ? 0 : order.getPointsToRedeem(),
        null);
  }
}
