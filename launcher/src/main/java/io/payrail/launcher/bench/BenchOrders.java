package io.payrail.launcher.bench;

import io.payrail.events.Channel;
import io.payrail.events.LineItem;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentMethod;
import java.time.Instant;
import java.util.List;

/**
 * Orders that every stage accepts: approved by risk (small amounts, many customers, matching
 * countries), captured by the simulated acquirer, earning loyalty points. So every order yields one
 * payment and one balance, and the bench can count them.
 */
final class BenchOrders {

  static final String MERCHANT = "dev-merchant";
  static final long AMOUNT_MINOR = 2_500;

  /** Few orders per customer, so no velocity rule fires. */
  static final int ORDERS_PER_CUSTOMER = 2;

  private BenchOrders() {}

  static OrderPlaced order(String runId, String phase, int index) {
    return OrderPlaced.newBuilder()
        .setOrderId(orderId(runId, phase, index))
        .setMerchantId(MERCHANT)
        .setCustomerId(customerId(runId, phase, index))
        .setAmountMinor(AMOUNT_MINOR)
        .setCurrency("EUR")
        .setItems(List.of(new LineItem("sku-bench", 1, AMOUNT_MINOR)))
        .setPaymentMethod(new PaymentMethod("tok_visa", "visa", "4242", "DE"))
        .setShippingCountry("DE")
        .setChannel(Channel.API)
        .setPlacedAt(Instant.now())
        .build();
  }

  static String orderId(String runId, String phase, int index) {
    return "bench-" + runId + "-" + phase + "-" + index;
  }

  static String customerPrefix(String runId, String phase) {
    return "bench-" + runId + "-" + phase + "-c";
  }

  static String customerId(String runId, String phase, int index) {
    return customerPrefix(runId, phase) + (index / ORDERS_PER_CUSTOMER);
  }

  /** The JSON body of {@code POST /v1/orders} for the same kind of order. */
  static String json(String orderId, String customerId) {
    return """
        {"orderId":"%s","customerId":"%s","amountMinor":%d,"currency":"EUR",\
        "items":[{"sku":"sku-bench","quantity":1,"unitAmountMinor":%d}],\
        "paymentMethod":{"token":"tok_visa","brand":"visa","last4":"4242","issuingCountry":"DE"},\
        "shippingCountry":"DE","channel":"API"}"""
        .formatted(orderId, customerId, AMOUNT_MINOR, AMOUNT_MINOR);
  }
}
