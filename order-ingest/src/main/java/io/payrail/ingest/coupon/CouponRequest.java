package io.payrail.ingest.coupon;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * The body of {@code POST /v1/coupons}, for the OpenAPI document: the controller reads the body
 * field by field ({@code JsonFields}), so every mistake is named at once.
 */
@Schema(name = "CouponRequest")
record CouponRequest(
    @Schema(
            requiredMode = Schema.RequiredMode.REQUIRED,
            description =
                "3 to 32 letters, digits, '_' or '-'; upper-cased (what customers type in any case"
                    + " names one coupon)",
            example = "SUMMER-10")
        String code,
    @Schema(description = "Percent off the order's total, 1-99, rounded down; or amountOffMinor")
        Integer percentOff,
    @Schema(description = "Fixed discount in minor units (needs currency); or percentOff")
        Long amountOffMinor,
    @Schema(
            description = "ISO-4217; required with amountOffMinor or minSpendMinor",
            example = "EUR")
        String currency,
    @Schema(description = "Smallest order total that may claim it, in minor units; default 0")
        Long minSpendMinor,
    @Schema(description = "Paid orders that may use it in all; none for no limit") Integer maxUses,
    @Schema(description = "Paid orders of one customer that may use it; none for no limit")
        Integer maxUsesPerCustomer,
    @Schema(description = "First instant an order may claim it (UTC); none for at once")
        Instant validFrom,
    @Schema(description = "Instant from which orders may no longer claim it (UTC); none for never")
        Instant validUntil) {}
