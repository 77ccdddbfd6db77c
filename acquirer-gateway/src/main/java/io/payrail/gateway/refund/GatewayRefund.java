package io.payrail.gateway.refund;

/**
 * The acquirer's answer to a refund.
 *
 * @param reference the acquirer's reference of the refund
 * @param replayed true when the key had been refunded before and this is its first answer again
 */
public record GatewayRefund(String reference, boolean replayed) {}
