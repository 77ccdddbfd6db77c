package io.payrail.ingest.refund;

/**
 * The 202 body of a refund request: the refund-processor decides, its outcome appears in the
 * order's status.
 *
 * @param amountMinor the amount asked for, null for "everything still refundable"
 */
public record RefundAccepted(String refundId, String orderId, Long amountMinor, String status) {}
