package io.payrail.ingest.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.events.Channel;
import io.payrail.events.LineItem;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentMethod;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.PaymentStatus;
import io.payrail.events.RefundProcessed;
import io.payrail.events.RefundStatus;
import io.payrail.events.ReviewDecided;
import io.payrail.events.ReviewOutcome;
import io.payrail.events.RiskAssessed;
import io.payrail.events.RiskDecision;
import io.payrail.localstack.testing.TestInfrastructure;
import io.payrail.routing.ProcessedOffsets;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.serde.TopicSerdes;
import io.payrail.schemas.topics.Topic;
import io.payrail.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The view's topology alone, driven with TopologyTestDriver. */
class StatusTopologyTest {

  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  private final TopicSerdes serdes =
      new TopicSerdes(
          Map.of(
              "schema.registry.url", TestInfrastructure.shared().schemaRegistryUrl().toString()));
  private final List<OrderStatus> notified = new ArrayList<>();
  private final List<String> notifiedKeys = new ArrayList<>();
  private final List<String> unreadable = new ArrayList<>();
  private final ProcessedOffsets processed = new ProcessedOffsets();
  private TopologyTestDriver driver;

  @BeforeEach
  void start() {
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "status-topology-test");
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    config.put(
        StreamsConfig.STATE_DIR_CONFIG,
        TestInfrastructure.newTempDirectory("status-topology-").toString());
    driver =
        new TopologyTestDriver(
            StatusTopology.topology(
                new StreamsBuilder(),
                serdes,
                (key, status) -> {
                  notifiedKeys.add(key);
                  notified.add(status);
                },
                processed,
                unreadable::add),
            config);
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  @Test
  void statusHistoryFollowsTheFourTopics() {
    OrderPlaced order = order("o-1");
    pipe(Topics.ORDERS, order);
    pipe(Topics.ORDER_RISK, risk(order, RiskDecision.APPROVE));
    pipe(Topics.PAYMENTS, payment(order, PaymentStatus.CAPTURED));
    pipe(Topics.REFUNDS, refund(order, "r-1", 1000, 1000));
    pipe(Topics.REFUNDS, refund(order, "r-2", 2999, 3999));

    OrderStatus status = row("o-1");
    assertThat(status.orderId()).as("the value's orderId, not the key").isEqualTo("o-1");
    assertThat(status.merchantId()).isEqualTo("m-1");
    assertThat(status.status()).isEqualTo(OrderState.REFUNDED);
    assertThat(status.history())
        .extracting(OrderStatus.StatusChange::status)
        .containsExactly(
            OrderState.RECEIVED,
            OrderState.APPROVED,
            OrderState.PAID,
            OrderState.PARTIALLY_REFUNDED,
            OrderState.REFUNDED);
    assertThat(status.risk().score()).isEqualTo(40);
    assertThat(status.refunds()).hasSize(2);
    assertThat(notified).hasSize(5);
    assertThat(notifiedKeys).containsOnly("m-1/o-1");
  }

  @Test
  void outOfOrderAndReplayedEventsGiveTheSameStatus() {
    OrderPlaced order = order("o-2");
    pipe(Topics.PAYMENTS, payment(order, PaymentStatus.DECLINED));
    pipe(Topics.ORDERS, order);
    pipe(Topics.ORDER_RISK, risk(order, RiskDecision.APPROVE));
    pipe(Topics.ORDERS, order);
    pipe(Topics.PAYMENTS, payment(order, PaymentStatus.DECLINED));

    OrderStatus status = row("o-2");
    assertThat(status.status()).isEqualTo(OrderState.PAYMENT_DECLINED);
    assertThat(status.order().customerId()).isEqualTo("c-1");
    assertThat(status.history()).hasSize(1);
  }

  @Test
  void riskDeclineAndReviewAreStates() {
    OrderPlaced declined = order("o-3");
    pipe(Topics.ORDER_RISK, risk(declined, RiskDecision.DECLINE));
    OrderPlaced review = order("o-4");
    pipe(Topics.ORDER_RISK, risk(review, RiskDecision.REVIEW));

    assertThat(row("o-3").status()).isEqualTo(OrderState.DECLINED_BY_RISK);
    assertThat(row("o-3").merchantId()).isEqualTo("m-1");
    assertThat(row("o-4").status()).isEqualTo(OrderState.IN_REVIEW);
  }

  @Test
  void recordsTheViewCannotReadAreDroppedButCountAsProcessed() {
    TestInputTopic<String, byte[]> raw =
        driver.createInputTopic(
            Topics.ORDERS.name(), new StringSerializer(), new ByteArraySerializer());
    pipe(Topics.ORDERS, order("o-5"));
    raw.pipeInput("m-1/o-corrupt", "not avro".getBytes(StandardCharsets.UTF_8));
    raw.pipeInput("m-1/o-gone", (byte[]) null);
    raw.pipeInput(null, "no key".getBytes(StandardCharsets.UTF_8));

    assertThat(row("o-5").status()).isEqualTo(OrderState.RECEIVED);
    assertThat(row("o-corrupt")).isNull();
    assertThat(row("o-gone")).isNull();
    assertThat(unreadable)
        .containsExactly(Topics.ORDERS.name(), Topics.ORDERS.name(), Topics.ORDERS.name());
    // A read-your-writes wait for the partition's end offset is not held up by them.
    assertThat(
            processed.reached(Position.emptyPosition().withComponent(Topics.ORDERS.name(), 0, 3L)))
        .isTrue();
  }

  @Test
  void aHeldOrderIsIndexedAsOpenUntilItsDecisionAndShowsTheDecision() {
    OrderPlaced order = order("o-held");
    pipe(Topics.ORDERS, order);
    pipe(Topics.ORDER_RISK, risk(order, RiskDecision.REVIEW));
    pipe(Topics.PAYMENTS, payment(order, PaymentStatus.HELD_FOR_REVIEW));

    String key = OpenReviewIndex.key("m-1", T0.plusSeconds(1), "o-held");
    assertThat(index().get(key)).isNotNull();
    assertThat(index().get(key).score()).isEqualTo(40);
    assertThat(index().get(key).amountMinor()).isEqualTo(3999);

    pipe(Topics.REVIEW_DECISIONS, decision(order, ReviewOutcome.REJECT, "d-1"));
    OrderStatus decided = row("o-held");
    assertThat(decided.status()).isEqualTo(OrderState.REJECTED_BY_REVIEW);
    assertThat(decided.review().decision()).isEqualTo("REJECT");
    assertThat(decided.review().reviewer()).isEqualTo("reviewer-7");
    assertThat(index().get(key)).as("decided: no longer open").isNull();

    // A second decision changes nothing (the first one counts, as in the ledger).
    pipe(Topics.REVIEW_DECISIONS, decision(order, ReviewOutcome.APPROVE, "d-2"));
    assertThat(row("o-held").review().decisionId()).isEqualTo("d-1");
    assertThat(row("o-held").status()).isEqualTo(OrderState.REJECTED_BY_REVIEW);

    PaymentProcessed rejected = payment(order, PaymentStatus.REJECTED_BY_REVIEW);
    rejected.setDeclineCode("review_rejected");
    pipe(Topics.PAYMENTS, rejected);
    assertThat(row("o-held").status()).isEqualTo(OrderState.REJECTED_BY_REVIEW);
    assertThat(row("o-held").history())
        .extracting(OrderStatus.StatusChange::status)
        .containsExactly(OrderState.RECEIVED, OrderState.IN_REVIEW, OrderState.REJECTED_BY_REVIEW);
  }

  @Test
  void anApprovedOrderFollowsItsPaymentAndALateHoldDoesNotReopenIt() {
    OrderPlaced order = order("o-approved");
    pipe(Topics.ORDER_RISK, risk(order, RiskDecision.REVIEW));
    pipe(Topics.PAYMENTS, payment(order, PaymentStatus.HELD_FOR_REVIEW));
    pipe(Topics.REVIEW_DECISIONS, decision(order, ReviewOutcome.APPROVE, "d-1"));
    assertThat(row("o-approved").status()).isEqualTo(OrderState.APPROVED);

    pipe(Topics.PAYMENTS, payment(order, PaymentStatus.CAPTURED));
    pipe(Topics.PAYMENTS, payment(order, PaymentStatus.HELD_FOR_REVIEW));

    OrderStatus paid = row("o-approved");
    assertThat(paid.status()).isEqualTo(OrderState.PAID);
    assertThat(paid.payment().status()).isEqualTo("CAPTURED");
    assertThat(index().get(OpenReviewIndex.key("m-1", T0.plusSeconds(1), "o-approved"))).isNull();
  }

  @Test
  void aDecisionForAnOrderThatWasNeverHeldOrOfAnotherMerchantIsIgnored() {
    OrderPlaced paid = order("o-never-held");
    pipe(Topics.ORDER_RISK, risk(paid, RiskDecision.APPROVE));
    pipe(Topics.REVIEW_DECISIONS, decision(paid, ReviewOutcome.REJECT, "d-1"));
    OrderPlaced held = order("o-foreign");
    pipe(Topics.ORDER_RISK, risk(held, RiskDecision.REVIEW));
    ReviewDecided foreign = decision(held, ReviewOutcome.REJECT, "d-2");
    foreign.setMerchantId("m-2");
    // Keyed as its writer keys it: m-2's order o-foreign, which m-2 never placed.
    pipe(Topics.REVIEW_DECISIONS, foreign);
    // Keyed as m-1's order although it names m-2: not the key of its value, dropped.
    pipeKeyed(Topics.REVIEW_DECISIONS, OrderKey.of("m-1", "o-foreign"), foreign);

    assertThat(row("o-never-held").review()).isNull();
    assertThat(row("o-never-held").status()).isEqualTo(OrderState.APPROVED);
    assertThat(row("o-foreign").review()).isNull();
    assertThat(row("o-foreign").status()).isEqualTo(OrderState.IN_REVIEW);
    assertThat(store().get(OrderKey.of("m-2", "o-foreign")).status())
        .as("a decision alone is no order")
        .isNull();
    assertThat(unreadable).containsExactly(Topics.REVIEW_DECISIONS.name());
  }

  @Test
  void theSameOrderIdAtTwoMerchantsIsTwoOrders() {
    OrderPlaced first = order("1001");
    OrderPlaced second =
        OrderPlaced.newBuilder(order("1001"))
            .setMerchantId("m-2")
            .setAmountMinor(5000)
            .setItems(List.of(new LineItem("sku", 1, 5000L)))
            .build();
    pipe(Topics.ORDERS, first);
    pipe(Topics.ORDERS, second);
    pipe(Topics.ORDER_RISK, risk(second, RiskDecision.REVIEW));
    pipe(Topics.PAYMENTS, payment(first, PaymentStatus.CAPTURED));

    OrderStatus mine = store().get(OrderKey.of("m-1", "1001"));
    OrderStatus theirs = store().get(OrderKey.of("m-2", "1001"));
    assertThat(mine.orderId()).isEqualTo("1001");
    assertThat(mine.merchantId()).isEqualTo("m-1");
    assertThat(mine.order().amountMinor()).isEqualTo(3999);
    assertThat(mine.status()).isEqualTo(OrderState.PAID);
    assertThat(theirs.orderId()).isEqualTo("1001");
    assertThat(theirs.merchantId()).isEqualTo("m-2");
    assertThat(theirs.order().amountMinor()).isEqualTo(5000);
    assertThat(theirs.status()).isEqualTo(OrderState.IN_REVIEW);
    assertThat(store().get("1001")).as("nothing under the bare orderId").isNull();
    // Each merchant's open reviews hold only its own.
    assertThat(index().get(OpenReviewIndex.key("m-2", T0.plusSeconds(1), "1001"))).isNotNull();
    assertThat(index().get(OpenReviewIndex.key("m-1", T0.plusSeconds(1), "1001"))).isNull();
  }

  @Test
  void aRecordNotKeyedByItsOwnMerchantAndOrderIsDroppedButCountsAsProcessed() {
    OrderPlaced order = order("o-keyed");
    // A bare orderId, as keys were before they were merchant-scoped, and another merchant's key.
    pipeKeyed(Topics.ORDERS, "o-keyed", order);
    pipeKeyed(
        Topics.PAYMENTS, OrderKey.of("m-2", "o-keyed"), payment(order, PaymentStatus.CAPTURED));

    assertThat(store().get("o-keyed")).isNull();
    assertThat(store().get(OrderKey.of("m-2", "o-keyed"))).isNull();
    assertThat(row("o-keyed")).isNull();
    assertThat(unreadable).containsExactly(Topics.ORDERS.name(), Topics.PAYMENTS.name());
    assertThat(notified).isEmpty();
    assertThat(
            processed.reached(
                Position.emptyPosition()
                    .withComponent(Topics.ORDERS.name(), 0, 0L)
                    .withComponent(Topics.PAYMENTS.name(), 0, 0L)))
        .isTrue();
  }

  private KeyValueStore<String, OpenReview> index() {
    return driver.getKeyValueStore(StatusTopology.OPEN_REVIEWS_STORE);
  }

  static ReviewDecided decision(OrderPlaced order, ReviewOutcome outcome, String decisionId) {
    return ReviewDecided.newBuilder()
        .setDecisionId(decisionId)
        .setOrderId(order.getOrderId())
        .setMerchantId(order.getMerchantId())
        .setDecision(outcome)
        .setReviewer("reviewer-7")
        .setNote(null)
        .setDecidedAt(T0.plusSeconds(10))
        .build();
  }

  private KeyValueStore<String, OrderStatus> store() {
    return driver.getKeyValueStore(StatusTopology.STORE);
  }

  /** The m-1 merchant's order, as the store holds it under its OrderKey. */
  private OrderStatus row(String orderId) {
    return store().get(OrderKey.of("m-1", orderId));
  }

  /** Pipes the value keyed as its writers key it: merchantId/orderId of the value. */
  private <V extends org.apache.avro.specific.SpecificRecord> void pipe(
      Topic<String, V> topic, V value) {
    pipeKeyed(topic, keyOf(value), value);
  }

  private <V extends org.apache.avro.specific.SpecificRecord> void pipeKeyed(
      Topic<String, V> topic, String key, V value) {
    driver
        .createInputTopic(
            topic.name(), new StringSerializer(), serdes.valueSerde(topic).serializer())
        .pipeInput(key, value);
  }

  private static String keyOf(Object value) {
    if (value instanceof OrderPlaced o) {
      return OrderKey.of(o.getMerchantId(), o.getOrderId());
    }
    if (value instanceof RiskAssessed r) {
      return OrderKey.of(r.getOrder().getMerchantId(), r.getOrder().getOrderId());
    }
    if (value instanceof PaymentProcessed p) {
      return OrderKey.of(p.getMerchantId(), p.getOrderId());
    }
    if (value instanceof ReviewDecided d) {
      return OrderKey.of(d.getMerchantId(), d.getOrderId());
    }
    RefundProcessed refund = (RefundProcessed) value;
    return OrderKey.of(refund.getMerchantId(), refund.getOrderId());
  }

  static OrderPlaced order(String orderId) {
    return OrderPlaced.newBuilder()
        .setOrderId(orderId)
        .setMerchantId("m-1")
        .setCustomerId("c-1")
        .setAmountMinor(3999)
        .setCurrency("EUR")
        .setItems(List.of(new LineItem("sku", 1, 3999L)))
        .setPaymentMethod(new PaymentMethod("tok_visa", "visa", "4242", "DE"))
        .setShippingCountry("DE")
        .setChannel(Channel.WEB)
        .setPlacedAt(T0)
        .build();
  }

  static RiskAssessed risk(OrderPlaced order, RiskDecision decision) {
    return RiskAssessed.newBuilder()
        .setOrder(order)
        .setScore(40)
        .setDecision(decision)
        .setReasons(List.of())
        .setRulesVersion("v1")
        .setAssessedAt(T0.plusSeconds(1))
        .build();
  }

  static PaymentProcessed payment(OrderPlaced order, PaymentStatus status) {
    return PaymentProcessed.newBuilder()
        .setPaymentId("p-" + order.getOrderId())
        .setOrderId(order.getOrderId())
        .setCustomerId(order.getCustomerId())
        .setMerchantId(order.getMerchantId())
        .setAmountMinor(order.getAmountMinor())
        .setCurrency("EUR")
        .setStatus(status)
        .setProcessedAt(T0.plusSeconds(2))
        .build();
  }

  static RefundProcessed refund(OrderPlaced order, String refundId, long amount, long total) {
    return RefundProcessed.newBuilder()
        .setRefundId(refundId)
        .setOrderId(order.getOrderId())
        .setMerchantId(order.getMerchantId())
        .setAmountMinor(amount)
        .setCurrency("EUR")
        .setStatus(RefundStatus.COMPLETED)
        .setReason("x")
        .setRefundedTotalMinor(total)
        .setProcessedAt(T0.plusSeconds(3))
        .build();
  }
}
