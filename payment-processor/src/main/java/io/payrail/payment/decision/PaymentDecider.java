package io.payrail.payment.decision;

import io.payrail.events.OrderPlaced;
import io.payrail.events.RiskDecision;
import io.payrail.gateway.charge.ChargeRequest;
import io.payrail.payment.gateway.ChargeOutcome;
import io.payrail.payment.intake.Assessment;
import io.payrail.payment.ledger.LedgerEntry;
import io.payrail.payment.ledger.LedgerStatus;
import io.payrail.payment.ledger.PaymentIds;
import io.payrail.payment.ledger.PaymentRow;
import io.payrail.payment.ledger.StatusChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The payment step's decisions, without I/O: which orders to charge, which to record without a
 * charge, which rows to publish again, and the ledger entries that result.
 */
@Component
public class PaymentDecider {

  static final String RISK_APPROVED = "risk_approved";
  static final String RISK_DECLINED = "risk_declined";
  static final String RISK_REVIEW = "risk_review";

  /**
   * Sorts the batch against the rows that exist already. A row created by this very record (same
   * partition and offset) means an earlier attempt committed the database but not Kafka: publish it
   * again. A row created by another record means the order was delivered twice.
   */
  public BatchPlan plan(List<Assessment> assessments, Map<String, PaymentRow> existing) {
    List<PaymentRow> toRepublish = new ArrayList<>();
    List<Assessment> toCharge = new ArrayList<>();
    List<Assessment> withoutCharge = new ArrayList<>();
    List<Assessment> duplicates = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Assessment assessment : assessments) {
      if (!seen.add(assessment.orderId())) {
        duplicates.add(assessment);
        continue;
      }
      PaymentRow row = existing.get(assessment.orderId());
      if (row != null) {
        if (row.createdBy(assessment.partition(), assessment.offset())) {
          toRepublish.add(row);
        } else {
          duplicates.add(assessment);
        }
      } else if (assessment.value().getDecision() == RiskDecision.APPROVE) {
        toCharge.add(assessment);
      } else {
        withoutCharge.add(assessment);
      }
    }
    return new BatchPlan(toRepublish, toCharge, withoutCharge, duplicates);
  }

  /** The gateway requests for the orders to charge, with their idempotency keys. */
  public List<ChargeRequest> chargeRequests(BatchPlan plan) {
    return plan.toCharge().stream()
        .map(Assessment::order)
        .map(
            order ->
                new ChargeRequest(
                    PaymentIds.idempotencyKey(order.getOrderId()),
                    order.getOrderId(),
                    order.getMerchantId(),
                    order.getAmountMinor(),
                    order.getCurrency(),
                    order.getPaymentMethod().getToken(),
                    order.getPaymentMethod().getBrand(),
                    order.getPaymentMethod().getLast4()))
        .toList();
  }

  /** The new rows of the batch, with their status history, given the charges' outcomes. */
  public List<LedgerEntry> ledgerEntries(
      BatchPlan plan, Map<String, ChargeOutcome> charges, Instant now) {
    List<LedgerEntry> entries = new ArrayList<>();
    for (Assessment assessment : plan.toCharge()) {
      ChargeOutcome outcome = charges.get(assessment.orderId());
      if (outcome == null) {
        throw new IllegalStateException("no charge outcome for " + assessment.orderId());
      }
      LedgerStatus charged =
          LedgerStatus.PENDING.transitionTo(LedgerStatus.valueOf(outcome.result().name()));
      String reason = outcome.declineCode() == null ? "captured" : outcome.declineCode();
      entries.add(
          new LedgerEntry(
              row(assessment, charged, outcome.declineCode(), outcome.gatewayReference(), now),
              List.of(
                  new StatusChange(null, LedgerStatus.PENDING, RISK_APPROVED, now),
                  new StatusChange(LedgerStatus.PENDING, charged, reason, now))));
    }
    for (Assessment assessment : plan.withoutCharge()) {
      boolean declined = assessment.value().getDecision() == RiskDecision.DECLINE;
      LedgerStatus status = declined ? LedgerStatus.REJECTED_BY_RISK : LedgerStatus.HELD_FOR_REVIEW;
      String reason = declined ? RISK_DECLINED : RISK_REVIEW;
      entries.add(
          new LedgerEntry(
              row(assessment, status, declined ? RISK_DECLINED : null, null, now),
              List.of(new StatusChange(null, status, reason, now))));
    }
    return entries;
  }

  private static PaymentRow row(
      Assessment assessment,
      LedgerStatus status,
      String declineCode,
      String gatewayReference,
      Instant now) {
    OrderPlaced order = assessment.order();
    return new PaymentRow(
        PaymentIds.paymentId(order.getOrderId()),
        order.getOrderId(),
        order.getCustomerId(),
        order.getMerchantId(),
        order.getAmountMinor(),
        order.getCurrency(),
        assessment.value().getScore(),
        assessment.value().getDecision().name(),
        status,
        declineCode,
        gatewayReference,
        order.getPaymentMethod().getBrand(),
        order.getPaymentMethod().getLast4(),
        assessment.partition(),
        assessment.offset(),
        now,
        now);
  }
}
