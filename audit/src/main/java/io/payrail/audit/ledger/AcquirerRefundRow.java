package io.payrail.audit.ledger;

/** A row of {@code simulated_acquirer_refunds}: money the acquirer paid back, by refundId. */
public record AcquirerRefundRow(
    String idempotencyKey,
    String refundReference,
    String orderId,
    long amountMinor,
    String currency) {}
