package io.payrail.launcher.bench;

import io.payrail.events.Channel;
import io.payrail.events.LineItem;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentMethod;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.PaymentStatus;
import io.payrail.events.RefundRequested;
import io.payrail.events.RiskAssessed;
import io.payrail.events.RiskDecision;
import io.payrail.schemas.keys.CustomerKey;
import io.payrail.schemas.keys.OrderKey;
import java.time.Instant;
import java.util.List;

/**
 * Orders that every stage accepts: approved by risk (small amounts, many customers, matching
 * countries), captured by the simulated acquirer, earning loyalty points. So every order yields one
 * payment and one balance, and the bench can count them. The stage ladder's inputs are the events
 * each stage would receive for such an order.
 *
 * <p>Ids carry no long digit runs (the facade rejects anything that could be a card number): the
 * run id is letters ({@link io.payrail.launcher.RunId}), the index the only digits.
 */
final class BenchOrders {

  static final String MERCHANT = "dev-merchant";
  static final long AMOUNT_MINOR = 2_500;
  static final String CURRENCY = "EUR";

  /** Few orders per customer, so no velocity rule fires. */
  static final int ORDERS_PER_CUSTOMER = 2;

  private BenchOrders() {}

  static OrderPlaced order(String runId, String phase, long index) {
    return OrderPlaced.newBuilder()
        .setOrderId(orderId(runId, phase, index))
        .setMerchantId(MERCHANT)
        .setCustomerId(customerId(runId, phase, index))
        .setAmountMinor(AMOUNT_MINOR)
        .setCurrency(CURRENCY)
        .setItems(List.of(new LineItem("sku-bench", 1, AMOUNT_MINOR)))
        .setPaymentMethod(new PaymentMethod("tok_visa", "visa", "4242", "DE"))
        .setShippingCountry("DE")
        .setChannel(Channel.API)
        .setPlacedAt(Instant.now())
        .build();
  }

  /** What risk-streams writes for such an order: approved, no rule fired. */
  static RiskAssessed approved(OrderPlaced order) {
    return RiskAssessed.newBuilder()
        .setOrder(order)
        .setScore(0)
        .setDecision(RiskDecision.APPROVE)
        .setReasons(List.of())
        .setRulesVersion("bench")
        .setAssessedAt(Instant.now())
        .build();
  }

  /** What payment-processor writes for such an order: captured. */
  static PaymentProcessed captured(OrderPlaced order) {
    return PaymentProcessed.newBuilder()
        .setPaymentId("pay-" + order.getOrderId())
        .setOrderId(order.getOrderId())
        .setCustomerId(order.getCustomerId())
        .setMerchantId(order.getMerchantId())
        .setAmountMinor(order.getAmountMinor())
        .setCurrency(order.getCurrency())
        .setStatus(PaymentStatus.CAPTURED)
        .setGatewayReference("bench-" + order.getOrderId())
        .setRiskScore(0)
        .setProcessedAt(Instant.now())
        .build();
  }

  /** A full refund of a captured order. */
  static RefundRequested refund(String orderId) {
    return RefundRequested.newBuilder()
        .setRefundId("rf-" + orderId)
        .setOrderId(orderId)
        .setMerchantId(MERCHANT)
        .setAmountMinor(null)
        .setCurrency(null)
        .setReason("requested_by_customer")
        .setRequestedAt(Instant.now())
        .build();
  }

  /** The Kafka key of an order, as every pipeline topic carries it. */
  static String key(OrderPlaced order) {
    return OrderKey.of(order.getMerchantId(), order.getOrderId());
  }

  /** The start of every key of a phase's orders on the pipeline topics. */
  static String orderKeyPrefix(String runId, String phase) {
    return OrderKey.of(MERCHANT, "bench-" + runId + "-" + phase + "-");
  }

  /** The start of every key of a phase's customers on loyalty-balances. */
  static String customerKeyPrefix(String runId, String phase) {
    return CustomerKey.of(MERCHANT, customerPrefix(runId, phase));
  }

  static String orderId(String runId, String phase, long index) {
    return "bench-" + runId + "-" + phase + "-" + index;
  }

  static String customerPrefix(String runId, String phase) {
    return "bench-" + runId + "-" + phase + "-c";
  }

  static String customerId(String runId, String phase, long index) {
    return customerPrefix(runId, phase) + (index / ORDERS_PER_CUSTOMER);
  }

  /** The JSON body of {@code POST /v1/orders} for the same kind of order. */
  static String json(String orderId, String customerId) {
    return """
        {"orderId":"%s","customerId":"%s","amountMinor":%d,"currency":"%s",\
        "items":[{"sku":"sku-bench","quantity":1,"unitAmountMinor":%d}],\
        "paymentMethod":{"token":"tok_visa","brand":"visa","last4":"4242","issuingCountry":"DE"},\
        "shippingCountry":"DE","channel":"API"}"""
        .formatted(orderId, customerId, AMOUNT_MINOR, CURRENCY, AMOUNT_MINOR);
  }
}
