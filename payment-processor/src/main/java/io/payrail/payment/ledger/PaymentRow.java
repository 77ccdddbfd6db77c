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
    SourceRecord finalizedBy)
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
        outcome.isFinal() ? finalizer : null);
  }
}
