package io.payrail.payment.ledger;

import io.payrail.listener.reconcile.OutcomeRow;
import io.payrail.listener.reconcile.SourceRecord;
import io.payrail.payment.coupon.CouponClaim;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.topics.Topics;
import java.time.Instant;

/**
 * One row of the {@code payments} table.
 *
 * @param chargeKey the idempotency key the row is charged (and looked up at the acquirer) with,
 *     stored with the row: rows written before ids were merchant-scoped keep {@code
 *     payrail:charge:<orderId>}, so a re-charge or reconciliation presents the key of the first
 *     attempt
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
 * @param amountMinor what is charged (or was attempted): the order's total minus the coupon's
 *     discount minus the points redeemed ({@code ContractRules.chargeMinor})
 * @param coupon the coupon the order claims, with its discount and use limits; null for none
 * @param pointsRedeemed the loyalty points the order redeems (1 point = 1 minor unit), 0 for none
 * @param pointsBy the {@code points-reservations} record that moved the row on from AWAITING_POINTS
 *     (released it to PENDING or declined it); null otherwise. Only that record's redelivery
 *     resumes the charge or republishes
 */
public record PaymentRow(
    String paymentId,
    String chargeKey,
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
    SourceRecord reviewedBy,
    CouponClaim coupon,
    long pointsRedeemed,
    SourceRecord pointsBy)
    implements OutcomeRow {

  /** The order's identity: its merchant and the merchant's orderId. */
  public OrderKey key() {
    return new OrderKey(merchantId, orderId);
  }

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
        chargeKey,
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
        reviewedBy,
        coupon,
        pointsRedeemed,
        pointsBy);
  }

  /**
   * This held row as a review decision leaves it, as of {@code at}: PENDING (approved, to be
   * charged) or REJECTED_BY_REVIEW with its decline code, finalized by the decision's record.
   */
  public PaymentRow withReview(
      LedgerStatus outcome, String newDeclineCode, SourceRecord decision, Instant at) {
    return releasedOrEnded(outcome, newDeclineCode, decision, at, decision, pointsBy);
  }

  /**
   * This AWAITING_POINTS row as loyalty-streams' answer leaves it, as of {@code at}: PENDING
   * (reserved, to be charged) or DECLINED {@code points_unavailable} finalized by the answer's
   * record.
   */
  public PaymentRow withPointsAnswer(
      LedgerStatus outcome, String newDeclineCode, SourceRecord answer, Instant at) {
    return releasedOrEnded(outcome, newDeclineCode, answer, at, reviewedBy, answer);
  }

  /**
   * This row moved to {@code outcome} by {@code by} as of {@code at}: finalized by it when the
   * outcome is final, the review and points answers that stand recorded.
   */
  private PaymentRow releasedOrEnded(
      LedgerStatus outcome,
      String newDeclineCode,
      SourceRecord by,
      Instant at,
      SourceRecord newReviewedBy,
      SourceRecord newPointsBy) {
    return new PaymentRow(
        paymentId,
        chargeKey,
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
        outcome.isFinal() ? by : null,
        paymentToken,
        newReviewedBy,
        coupon,
        pointsRedeemed,
        newPointsBy);
  }

  /**
   * This PENDING row declined without a charge because its coupon had no use left ({@code
   * declineCode}), finalized by the record that made it PENDING: the order-risk record, or the
   * reviewer's approval or points answer that released it.
   */
  public PaymentRow withCouponRefused(String declineCode, Instant at) {
    SourceRecord released = releasedBy();
    SourceRecord madePending =
        released != null
            ? released
            : new SourceRecord(Topics.ORDER_RISK.name(), sourcePartition, sourceOffset);
    return withOutcome(LedgerStatus.DECLINED, declineCode, null, madePending, at);
  }

  /**
   * The record that released this row to PENDING after it was written, whose listener charges it: a
   * points answer (which always comes last when there is one) or a reviewer's approval; null when
   * the order-risk record wrote it PENDING (or it was never released).
   */
  public SourceRecord releasedBy() {
    return pointsBy != null ? pointsBy : reviewedBy;
  }

  /** Whether this points-reservations record moved the row on (its redelivery resumes the work). */
  public boolean pointsAnsweredBy(SourceRecord answer) {
    return answer.equals(pointsBy);
  }

  /** The discount the coupon gave this payment, 0 without one. */
  public long discountMinor() {
    return coupon == null ? 0 : coupon.discountMinor();
  }

  /** Whether this review-decisions record decided the hold (its redelivery resumes the work). */
  public boolean reviewedBy(SourceRecord decision) {
    return decision.equals(reviewedBy);
  }
}
