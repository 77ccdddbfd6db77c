package io.payrail.risk.topology;

import io.payrail.events.Channel;
import io.payrail.events.LineItem;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentMethod;
import io.payrail.risk.rules.RiskRulesProperties;
import io.payrail.risk.streams.RiskStreamsProperties;
import io.payrail.schemas.keys.OrderKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** Orders and configuration for the tests; the configuration is the shipped application.yml's. */
public final class RiskFixtures {

  private RiskFixtures() {}

  /** The merchant of every fixture order. */
  public static final String MERCHANT = "merchant-1";

  /** The key of the fixtures' merchant's order {@code orderId} on orders and order-risk. */
  public static String key(String orderId) {
    return OrderKey.of(MERCHANT, orderId);
  }

  /** The order's key on orders and order-risk: {@code merchantId/orderId}. */
  public static String key(OrderPlaced order) {
    return OrderKey.of(order.getMerchantId(), order.getOrderId());
  }

  /** A plain, low-risk order: domestic card, one token, small amount. */
  public static OrderPlaced order(
      String orderId, String customerId, long amountMinor, Instant placedAt) {
    return OrderPlaced.newBuilder()
        .setOrderId(orderId)
        .setMerchantId(MERCHANT)
        .setCustomerId(customerId)
        .setAmountMinor(amountMinor)
        .setCurrency("EUR")
        .setItems(List.of(new LineItem("sku-1", 1, amountMinor)))
        .setPaymentMethod(new PaymentMethod("tok-" + customerId, "visa", "4242", "DE"))
        .setShippingCountry("DE")
        .setChannel(Channel.WEB)
        .setPlacedAt(placedAt)
        .build();
  }

  public static OrderPlaced with(OrderPlaced order, UnaryOperator<OrderPlaced.Builder> change) {
    return change.apply(OrderPlaced.newBuilder(order)).build();
  }

  /** payrail.risk.rules.* exactly as application.yml ships them. */
  public static RiskRulesProperties shippedRules() {
    return shipped().bind("payrail.risk.rules", RiskRulesProperties.class).get();
  }

  /** payrail.risk.streams.* exactly as application.yml ships them. */
  public static RiskStreamsProperties shippedStreams() {
    return shipped().bind("payrail.risk.streams", RiskStreamsProperties.class).get();
  }

  private static Binder shipped() {
    StandardEnvironment environment = new StandardEnvironment();
    // The defaults, not whatever PAYRAIL_* variables the machine running the tests has.
    environment
        .getPropertySources()
        .remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    try {
      new YamlPropertySourceLoader()
          .load("application.yml", new ClassPathResource("application.yml"))
          .forEach(environment.getPropertySources()::addLast);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Binder.get(environment);
  }
}
