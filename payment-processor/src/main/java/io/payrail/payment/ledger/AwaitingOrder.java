package io.payrail.payment.ledger;

import java.time.Instant;

/**
 * A payment waiting for its points answer, as the answer timeout needs it.
 *
 * @param pointsRedeemed the points the order redeems
 * @param awaitingSince when the row became AWAITING_POINTS (its last change)
 */
public record AwaitingOrder(
    String orderId,
    String merchantId,
    String customerId,
    long pointsRedeemed,
    Instant awaitingSince) {}
