package io.payrail.payment.support;

import io.payrail.events.Channel;
import io.payrail.events.LineItem;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentMethod;
import io.payrail.events.RiskAssessed;
import io.payrail.events.RiskDecision;
import io.payrail.schemas.keys.OrderKey;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Builds {@code RiskAssessed} records as risk-streams would publish them. */
public final class Assessments {

  public static final long AMOUNT_MINOR = 4_250;

  /** The merchant of every order these helpers build unless one is named. */
  public static final String MERCHANT = "merchant-1";

  private Assessments() {}

  /** A fresh orderId, unique in the shared topic. */
  public static String newOrderId(String label) {
    return label + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * A fresh review decisionId without digits: a random UUID's digits now and then look like a card
   * number, which the contract refuses in any field (the decision would be dead-lettered).
   */
  public static String newDecisionId() {
    StringBuilder id = new StringBuilder("decision-");
    for (char c : UUID.randomUUID().toString().toCharArray()) {
      id.append(Character.isDigit(c) ? (char) ('g' + (c - '0')) : c);
    }
    return id.toString();
  }

  /** The identity of an order of {@link #MERCHANT}. */
  public static OrderKey key(String orderId) {
    return new OrderKey(MERCHANT, orderId);
  }

  /** The Kafka key of an order of {@link #MERCHANT}: {@code merchant-1/orderId}. */
  public static String encodedKey(String orderId) {
    return OrderKey.of(MERCHANT, orderId);
  }

  public static RiskAssessed assessed(String orderId, RiskDecision decision, String token) {
    return assessed(MERCHANT, orderId, decision, token);
  }

  public static RiskAssessed assessed(
      String merchantId, String orderId, RiskDecision decision, String token) {
    Instant now = Instant.now();
    OrderPlaced order =
        OrderPlaced.newBuilder()
            .setOrderId(orderId)
            .setMerchantId(merchantId)
            .setCustomerId("customer-" + orderId)
            .setAmountMinor(AMOUNT_MINOR)
            .setCurrency("EUR")
            .setItems(List.of(new LineItem("sku-1", 1, AMOUNT_MINOR)))
            .setPaymentMethod(new PaymentMethod(token, "visa", "4242", "DE"))
            .setShippingCountry("DE")
            .setChannel(Channel.WEB)
            .setPlacedAt(now)
            .build();
    int score =
        switch (decision) {
          case APPROVE -> 5;
          case REVIEW -> 55;
          case DECLINE -> 90;
        };
    return RiskAssessed.newBuilder()
        .setOrder(order)
        .setScore(score)
        .setDecision(decision)
        .setReasons(List.of())
        .setRulesVersion("test")
        .setAssessedAt(now)
        .build();
  }

  public static RiskAssessed approved(String orderId, String token) {
    return assessed(orderId, RiskDecision.APPROVE, token);
  }
}
