package io.payrail.gateway.refund;

/**
 * One refund asked of the acquirer.
 *
 * @param idempotencyKey the refundId: the acquirer pays back once per key
 * @param orderId the refunded order
 * @param paymentId the payment refunded
 * @param chargeReference the acquirer's reference of the charge; null if it gave none
 * @param amountMinor amount to pay back in minor units
 * @param currency ISO-4217 code of the amount
 * @param reason the merchant's reason, passed on as acquirers take one (Stripe's {@code reason},
 *     Adyen's {@code merchantRefundReason})
 */
public record GatewayRefundRequest(
    String idempotencyKey,
    String orderId,
    String paymentId,
    String chargeReference,
    long amountMinor,
    String currency,
    String reason) {}
