package io.payrail.payment.ledger;

import io.payrail.listener.reconcile.OutcomeRow;
import io.payrail.listener.reconcile.SourceRecord;
import java.time.Instant;

/**
 * One row of the {@code payments} table.
 *
 * @param sourcePartition the {@code order-risk} partition of the record that created the row
 * @param sourceOffset that record's offset: a redelivery of the same record resumes or republishes
 *     the row, another record for the same order is a duplicate
 * @param finalizedBy the record that gave the row its final status (null while PENDING or UNKNOWN):
 *     the one record whose delivery publishes the outcome
 * @param paymentToken the order's payment-method token (a gateway's token, never a card number),
 *     kept for held orders only: a reviewer's approval charges them later; null otherwise and for
 *     rows held before V5
 * @param reviewedBy the {@code review-decisions} record that decided the hold (released it to
 *     PENDING or rejected it); null while held and for orders never held. Only that record's
 *     redelivery resumes the charge or republishes; any other decision finds the review closed
 */
public record PaymentRow(
    String paymentId,
    String orderId,
    String customerId,
    String merchantId,
    long amountMinor,
    String currency,
    int riskScore,
    String riskDecision,
    LedgerStatus status,
    String declineCode,
    String gatewayReference,
    String cardBrand,
    String cardLast4,
    int sourcePartition,
    long sourceOffset,
    Instant createdAt,
    Instant updatedAt,
    SourceRecord finalizedBy,
    String paymentToken,
    SourceRecord reviewedBy)
    implements OutcomeRow {

  @Override
  public boolean isFinal() {
    return status.isFinal();
  }

  /** This row with the acquirer's answer (or no answer), as of {@code at}. */
  public PaymentRow withOutcome(
      LedgerStatus outcome,
      String newDeclineCode,
      String newGatewayReference,
      SourceRecord finalizer,
      Instant at) {
    return new PaymentRow(
        paymentId,
        orderId,
        customerId,
        merchantId,
        amountMinor,
        currency,
        riskScore,
        riskDecision,
        status.transitionTo(outcome),
        newDeclineCode,
        newGatewayReference,
        cardBrand,
        cardLast4,
        sourcePartition,
        sourceOffset,
        createdAt,
        at,
        outcome.isFinal() ? finalizer : null,
        paymentToken,
        reviewedBy);
  }

  /**
   * This held row as a review decision leaves it, as of {@code at}: PENDING (approved, to be
   * charged) or REJECTED_BY_REVIEW with its decline code, finalized by the decision's record.
   */
  public PaymentRow withReview(
      LedgerStatus outcome, String newDeclineCode, SourceRecord decision, Instant at) {
    return new PaymentRow(
        paymentId,
        orderId,
        customerId,
        merchantId,
        amountMinor,
        currency,
        riskScore,
        riskDecision,
        status.transitionTo(outcome),
        newDeclineCode,
        null,
        cardBrand,
        cardLast4,
        sourcePartition,
        sourceOffset,
        createdAt,
        at,
        outcome.isFinal() ? decision : null,
        paymentToken,
        decision);
  }

  /** Whether this review-decisions record decided the hold (its redelivery resumes the work). */
  public boolean reviewedBy(SourceRecord decision) {
    return decision.equals(reviewedBy);
  }
}
