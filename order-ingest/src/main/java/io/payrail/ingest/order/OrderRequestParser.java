package io.payrail.ingest.order;

import io.payrail.events.Channel;
import io.payrail.events.LineItem;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentMethod;
import io.payrail.ingest.auth.Merchant;
import io.payrail.ingest.coupon.CouponCodes;
import io.payrail.ingest.problem.FieldError;
import io.payrail.ingest.problem.ProblemException;
import io.payrail.ingest.problem.ProblemType;
import io.payrail.ingest.request.JsonFields;
import io.payrail.schemas.contract.ContractRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Validates a {@code POST /v1/orders} body and turns it into an {@link OrderPlaced}. Unknown fields
 * are rejected (400), not ignored: a misspelt optional field silently dropped is worse for a
 * payment API than a clear error. Every problem is reported at once. The field rules are the
 * contract's ({@link ContractRules}), which every consumer of {@code orders} applies too; the
 * finished order is checked against all of them once more, so the facade never publishes what a
 * consumer would dead-letter.
 */
final class OrderRequestParser {

  private static final String INVALID = "The order has invalid fields";
  private static final Set<String> CHANNELS =
      Arrays.stream(Channel.values()).map(Enum::name).collect(Collectors.toUnmodifiableSet());

  private static final Set<String> ORDER_FIELDS =
      Set.of(
          "orderId",
          "customerId",
          "amountMinor",
          "currency",
          "items",
          "paymentMethod",
          "shippingCountry",
          "channel",
          "coupon",
          "pointsToRedeem");
  private static final Set<String> ITEM_FIELDS = Set.of("sku", "quantity", "unitAmountMinor");
  private static final Set<String> PAYMENT_METHOD_FIELDS =
      Set.of("token", "brand", "last4", "issuingCountry");

  private OrderRequestParser() {}

  /**
   * An order as submitted: the order without its coupon (priced once the facade knows the order is
   * new) and its points (checked against the charge once the coupon is priced), the code of the
   * coupon it claims and the points it redeems.
   *
   * @param couponCode upper case, or null when the order claims none
   * @param pointsToRedeem 1 or more, or null when the order redeems none
   */
  record Parsed(OrderPlaced order, String couponCode, Long pointsToRedeem) {}

  static Parsed parse(JsonNode body, Merchant merchant, Instant placedAt) {
    JsonFields fields = JsonFields.of(body).rejectUnknown(ORDER_FIELDS);
    String orderId = fields.text("orderId", ContractRules.ORDER_ID);
    String customerId = fields.text("customerId", ContractRules.CUSTOMER_ID);
    long amount = fields.longInRange("amountMinor", 1, ContractRules.MAX_AMOUNT_MINOR);
    String currency = fields.text("currency", ContractRules.CURRENCY);
    List<LineItem> items = new ArrayList<>();
    for (JsonFields item : fields.objects("items", ContractRules.MAX_ITEMS)) {
      item.rejectUnknown(ITEM_FIELDS);
      items.add(
          new LineItem(
              item.text("sku", ContractRules.SKU),
              item.positiveInt("quantity", ContractRules.MAX_QUANTITY),
              item.longInRange("unitAmountMinor", 0, ContractRules.MAX_AMOUNT_MINOR)));
    }
    JsonFields method = fields.object("paymentMethod").rejectUnknown(PAYMENT_METHOD_FIELDS);
    PaymentMethod paymentMethod =
        new PaymentMethod(
            method.text("token", ContractRules.TOKEN),
            method.text("brand", ContractRules.BRAND),
            method.text("last4", ContractRules.LAST4),
            method.text("issuingCountry", ContractRules.COUNTRY));
    String shippingCountry = fields.text("shippingCountry", ContractRules.COUNTRY);
    JsonNode coupon = body.get("coupon");
    String couponCode =
        coupon == null || coupon.isNull() ? null : CouponCodes.required(body, fields, "coupon");
    // Bounded here (1 to the largest amount); whether the charge stays >= 1 is known only once the
    // coupon is priced (422 points-exceed-charge). The balance is loyalty's to check, not ours.
    Long pointsToRedeem =
        fields
            .optionalLongInRange("pointsToRedeem", 1, ContractRules.MAX_AMOUNT_MINOR)
            .orElse(null);
    JsonNode channel = body.get("channel");
    if (channel == null || channel.isNull()) {
      fields.error("channel", "is required");
    } else if (!channel.isString() || !CHANNELS.contains(channel.stringValue())) {
      fields.error("channel", "must be one of " + CHANNELS);
    }
    if (!fields.errors().isEmpty()) {
      throw invalid(fields.errors());
    }
    OrderPlaced order =
        OrderPlaced.newBuilder()
            .setOrderId(orderId)
            .setMerchantId(merchant.id())
            .setCustomerId(customerId)
            .setAmountMinor(amount)
            .setCurrency(currency)
            .setItems(items)
            .setPaymentMethod(paymentMethod)
            .setShippingCountry(shippingCountry)
            .setChannel(Channel.valueOf(channel.stringValue()))
            .setPlacedAt(placedAt)
            .build();
    // The cross-field rules (the items' sum) and anything a field check above cannot see.
    ProblemException broken = ProblemException.ifViolated(INVALID, ContractRules.order(order));
    if (broken != null) {
      throw broken;
    }
    return new Parsed(order, couponCode, pointsToRedeem);
  }

  private static ProblemException invalid(List<FieldError> errors) {
    return new ProblemException(ProblemType.VALIDATION_FAILED, INVALID, errors, Map.of());
  }
}
