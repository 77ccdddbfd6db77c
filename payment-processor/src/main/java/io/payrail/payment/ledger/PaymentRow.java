package io.payrail.payment.ledger;

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
    SourceRecord finalizedBy) {

  /** Whether this row was created by the record at this partition and offset. */
  public boolean createdBy(int partition, long offset) {
    return sourcePartition == partition && sourceOffset == offset;
  }

  /** Whether this record gave the row its final status (and so publishes it). */
  public boolean finalizedBy(SourceRecord record) {
    return record.equals(finalizedBy);
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
