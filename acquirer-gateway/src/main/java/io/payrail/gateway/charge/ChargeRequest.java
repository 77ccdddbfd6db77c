package io.payrail.gateway.charge;

/**
 * One charge. Card data is the vault token plus display data; never a card number.
 *
 * @param idempotencyKey the key the payment's ledger row stores (one per merchant and order), so a
 *     replay, a re-charge and a lookup present the same key
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
