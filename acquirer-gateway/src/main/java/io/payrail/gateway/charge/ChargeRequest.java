package io.payrail.gateway.charge;

/**
 * One charge. Card data is the vault token plus display data; never a card number.
 *
 * @param idempotencyKey derived from the orderId, so a replay presents the same key
 */
public record ChargeRequest(
    String idempotencyKey,
    String orderId,
    String merchantId,
    long amountMinor,
    String currency,
    String token,
    String cardBrand,
    String cardLast4) {}
