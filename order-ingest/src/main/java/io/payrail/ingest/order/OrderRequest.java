package io.payrail.ingest.order;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The body of {@code POST /v1/orders}, for the OpenAPI document: the controller reads the body
 * field by field ({@code JsonFields}, {@link OrderRequestParser}), so every mistake is named at
 * once.
 */
@Schema(name = "OrderRequest")
record OrderRequest(
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String orderId,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String customerId,
    @Schema(
            requiredMode = Schema.RequiredMode.REQUIRED,
            description =
                "The items' total in minor units; the charge is this minus a coupon's discount and"
                    + " the points' value")
        long amountMinor,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "EUR") String currency,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<Item> items,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Method paymentMethod,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "DE") String shippingCountry,
    @Schema(
            requiredMode = Schema.RequiredMode.REQUIRED,
            allowableValues = {"WEB", "MOBILE", "POS", "API", "OTHER"})
        String channel,
    @Schema(
            description =
                "Optional: the code of a coupon of the merchant (any case). Priced when the order"
                    + " is accepted; 422 coupon-not-applicable when it does not apply",
            example = "SUMMER-10")
        String coupon,
    @Schema(
            description =
                "Optional: loyalty points the customer redeems, each worth 1 minor unit of the"
                    + " order's currency. At least 1 minor unit must remain to charge after the"
                    + " coupon's discount, else 422 points-exceed-charge. Loyalty reserves them"
                    + " before the charge; a customer with fewer available points gets the payment"
                    + " declined with points_unavailable",
            minimum = "1",
            maximum = "999999999999",
            example = "500")
        Long pointsToRedeem) {

  @Schema(name = "OrderRequestItem")
  record Item(String sku, int quantity, long unitAmountMinor) {}

  @Schema(name = "OrderRequestPaymentMethod")
  record Method(String token, String brand, String last4, String issuingCountry) {}
}
