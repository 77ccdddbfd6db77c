package io.payrail.audit.ledger;

/**
 * A row of {@code simulated_acquirer_refunds}: money the acquirer paid back, by idempotency key
 * (the refund's {@code acquirer_key}). The acquirer's table has no merchant: it is the merchant of
 * the refunds row with that key.
 *
 * @param merchantId the merchant of the refunds row whose {@code acquirer_key} this is, null when
 *     no row has it
 */
public record AcquirerRefundRow(
    String idempotencyKey,
    String refundReference,
    String merchantId,
    String orderId,
    long amountMinor,
    String currency) {}
