package io.payrail.ingest.order;

import io.payrail.events.Channel;
import io.payrail.events.LineItem;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentMethod;
import io.payrail.ingest.auth.Merchant;
import io.payrail.ingest.problem.ProblemException;
import io.payrail.ingest.problem.ProblemType;
import io.payrail.ingest.request.JsonFields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Validates a {@code POST /v1/orders} body and turns it into an {@link OrderPlaced}. Unknown fields
 * are rejected (400), not ignored: a misspelt optional field silently dropped is worse for a
 * payment API than a clear error. Every problem is reported at once.
 */
final class OrderRequestParser {

  static final int MAX_ITEMS = 100;
  static final int MAX_QUANTITY = 1_000_000;
  static final int MAX_TEXT = 128;
  static final int MAX_SKU = 64;
  static final int MAX_BRAND = 32;

  private static final Pattern PRINTABLE = Pattern.compile("[^\\p{Cntrl}]+");
  private static final String PRINTABLE_MESSAGE = "must not contain control characters";
  private static final Pattern LAST4 = Pattern.compile("[0-9]{4}");
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
  private static final Set<String> CURRENCIES =
      Currency.getAvailableCurrencies().stream()
          .map(Currency::getCurrencyCode)
          .collect(Collectors.toUnmodifiableSet());
  private static final Set<String> COUNTRIES = Set.of(java.util.Locale.getISOCountries());
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
          "channel");
  private static final Set<String> ITEM_FIELDS = Set.of("sku", "quantity", "unitAmountMinor");
  private static final Set<String> PAYMENT_METHOD_FIELDS =
      Set.of("token", "brand", "last4", "issuingCountry");

  private OrderRequestParser() {}

  static OrderPlaced parse(JsonNode body, Merchant merchant, Instant placedAt) {
    JsonFields fields = JsonFields.of(body).rejectUnknown(ORDER_FIELDS);
    String orderId =
        fields.text("orderId", OrderIds.MAX_LENGTH, OrderIds.PATTERN, OrderIds.PATTERN_MESSAGE);
    String customerId = fields.text("customerId", MAX_TEXT, PRINTABLE, PRINTABLE_MESSAGE);
    long amount = fields.positiveLong("amountMinor");
    String currency = fields.text("currency", 3, CURRENCY, "must be an ISO-4217 code such as EUR");
    if (!currency.isEmpty() && !CURRENCIES.contains(currency)) {
      fields.error("currency", "is not an ISO-4217 currency");
    }
    List<LineItem> items = new ArrayList<>();
    for (JsonFields item : fields.objects("items", MAX_ITEMS)) {
      item.rejectUnknown(ITEM_FIELDS);
      items.add(
          new LineItem(
              item.text("sku", MAX_SKU, PRINTABLE, PRINTABLE_MESSAGE),
              item.positiveInt("quantity", MAX_QUANTITY),
              item.longInRange("unitAmountMinor", 0, Long.MAX_VALUE)));
    }
    JsonFields method = fields.object("paymentMethod").rejectUnknown(PAYMENT_METHOD_FIELDS);
    PaymentMethod paymentMethod =
        new PaymentMethod(
            method.text("token", MAX_TEXT, PRINTABLE, PRINTABLE_MESSAGE),
            method.text("brand", MAX_BRAND, PRINTABLE, PRINTABLE_MESSAGE),
            method.text("last4", 4, LAST4, "must be 4 digits"),
            country(method, "issuingCountry"));
    String shippingCountry = country(fields, "shippingCountry");
    String channel =
        fields.text("channel", MAX_BRAND, Pattern.compile("[A-Z]+"), "must be one of " + CHANNELS);
    if (!channel.isEmpty() && !CHANNELS.contains(channel)) {
      fields.error("channel", "must be one of " + CHANNELS);
    }
    if (fields.errors().isEmpty()) {
      checkTotal(fields, amount, items);
    }
    if (!fields.errors().isEmpty()) {
      throw new ProblemException(
          ProblemType.VALIDATION_FAILED,
          "The order has invalid fields",
          fields.errors(),
          java.util.Map.of());
    }
    return OrderPlaced.newBuilder()
        .setOrderId(orderId)
        .setMerchantId(merchant.id())
        .setCustomerId(customerId)
        .setAmountMinor(amount)
        .setCurrency(currency)
        .setItems(items)
        .setPaymentMethod(paymentMethod)
        .setShippingCountry(shippingCountry)
        .setChannel(Channel.valueOf(channel))
        .setPlacedAt(placedAt)
        .build();
  }

  private static String country(JsonFields fields, String name) {
    String country = fields.text(name, 2, COUNTRY, "must be an ISO-3166 alpha-2 code such as DE");
    if (!country.isEmpty() && !COUNTRIES.contains(country)) {
      fields.error(name, "is not an ISO-3166 alpha-2 country");
    }
    return country;
  }

  private static void checkTotal(JsonFields fields, long amount, List<LineItem> items) {
    long total = 0;
    try {
      for (LineItem item : items) {
        total =
            Math.addExact(total, Math.multiplyExact(item.getUnitAmountMinor(), item.getQuantity()));
      }
    } catch (ArithmeticException overflow) {
      fields.error("items", "the sum of the items is too large");
      return;
    }
    if (total != amount) {
      fields.error("amountMinor", "must equal the sum of quantity x unitAmountMinor of the items");
    }
  }
}
