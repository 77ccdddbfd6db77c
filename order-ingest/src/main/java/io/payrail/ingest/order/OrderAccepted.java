package io.payrail.ingest.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.payrail.ingest.status.OrderState;
import io.payrail.ingest.status.OrderStatus;
import java.time.Instant;

/**
 * The 202 body of an accepted order; an idempotent replay answers the same.
 *
 * @param coupon the coupon the order claimed, priced; absent for none
 * @param pointsToRedeem the loyalty points the order redeems; absent for none
 * @param chargeMinor what the payment will charge: amountMinor minus the coupon's discount and the
 *     points' value ({@code ContractRules.chargeMinor})
 */
public record OrderAccepted(
    String orderId,
    OrderState status,
    Instant placedAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) OrderStatus.Coupon coupon,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long pointsToRedeem,
    long chargeMinor) {}
