package io.payrail.payment.ledger;

import java.time.Instant;

/**
 * One row of the {@code payments} table.
 *
 * @param sourcePartition the {@code order-risk} partition of the record that created the row
 * @param sourceOffset that record's offset: a redelivery of the same record republishes the row's
 *     outcome, another record for the same order is a duplicate
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
    Instant updatedAt) {

  /** Whether this row was created by the record at this partition and offset. */
  public boolean createdBy(int partition, long offset) {
    return sourcePartition == partition && sourceOffset == offset;
  }
}
