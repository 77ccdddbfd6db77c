package io.payrail.risk.topology;

import static io.payrail.risk.topology.RiskFixtures.key;
import static io.payrail.risk.topology.RiskFixtures.order;
import static io.payrail.risk.topology.RiskFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.payrail.events.CustomerVerification;
import io.payrail.events.OrderPlaced;
import io.payrail.events.RiskAssessed;
import io.payrail.events.RiskDecision;
import io.payrail.events.RiskReason;
import io.payrail.events.VerificationStatus;
import io.payrail.localstack.testing.InMemorySchemaRegistry;
import io.payrail.localstack.testing.TestInfrastructure;
import io.payrail.risk.intake.InvalidOrderException;
import io.payrail.risk.rules.RiskRules;
import io.payrail.risk.rules.RiskRulesProperties;
import io.payrail.risk.scoring.MicrometerRiskMetrics;
import io.payrail.schemas.keys.CustomerKey;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.serde.AvroSerdeConfig;
import io.payrail.schemas.serde.TopicSerdes;
import io.payrail.schemas.topics.DeadLetterHeaders;
import io.payrail.schemas.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Drives {@link RiskTopology#topology} with controlled event time (placedAt) and the shipped rules
 * from application.yml, unless a test says otherwise.
 */
class RiskTopologyTest {

  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  private static final String CARD_NUMBER = "4111111111111111";

  private final TopicSerdes serdes =
      new TopicSerdes(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_CLIENT, new InMemorySchemaRegistry()));
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private TopologyTestDriver driver;
  private TestInputTopic<String, OrderPlaced> orders;
  private TestInputTopic<String, byte[]> rawOrders;
  private TestOutputTopic<String, RiskAssessed> risk;
  private TestOutputTopic<String, byte[]> deadLetters;
  private TestInputTopic<String, CustomerVerification> verifications;
  private TestInputTopic<String, byte[]> rawVerifications;
  private TestOutputTopic<String, byte[]> verificationDeadLetters;

  @AfterEach
  void closeDriver() {
    if (driver != null) {
      driver.close();
    }
  }

  private void start(RiskRulesProperties rules) {
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "risk-topology-test");
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    config.put(
        StreamsConfig.STATE_DIR_CONFIG,
        TestInfrastructure.newTempDirectory("risk-ttd-").toString());
    driver =
        new TopologyTestDriver(
            RiskTopology.topology(
                new StreamsBuilder(),
                RiskFixtures.shippedStreams().topologySettings(),
                new RiskRules(rules),
                serdes,
                new MicrometerRiskMetrics(meters)),
            config,
            T0);
    orders =
        driver.createInputTopic(
            Topics.ORDERS.name(),
            Serdes.String().serializer(),
            serdes.valueSerde(Topics.ORDERS).serializer());
    rawOrders =
        driver.createInputTopic(
            Topics.ORDERS.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
    risk =
        driver.createOutputTopic(
            Topics.ORDER_RISK.name(),
            Serdes.String().deserializer(),
            serdes.valueSerde(Topics.ORDER_RISK).deserializer());
    deadLetters =
        driver.createOutputTopic(
            Topics.ORDERS.deadLetterTopic(),
            Serdes.String().deserializer(),
            Serdes.ByteArray().deserializer());
    verifications =
        driver.createInputTopic(
            Topics.CUSTOMER_VERIFICATIONS.name(),
            Serdes.String().serializer(),
            serdes.valueSerde(Topics.CUSTOMER_VERIFICATIONS).serializer());
    rawVerifications =
        driver.createInputTopic(
            Topics.CUSTOMER_VERIFICATIONS.name(),
            Serdes.String().serializer(),
            Serdes.ByteArray().serializer());
    verificationDeadLetters =
        driver.createOutputTopic(
            Topics.CUSTOMER_VERIFICATIONS.deadLetterTopic(),
            Serdes.String().deserializer(),
            Serdes.ByteArray().deserializer());
  }

  /** The provider's answer for a customer of merchant-1, the fixtures' merchant. */
  private static CustomerVerification verification(
      String customerId, VerificationStatus status, Instant expiresAt) {
    return CustomerVerification.newBuilder()
        .setMerchantId("merchant-1")
        .setCustomerId(customerId)
        .setStatus(status)
        .setLevel("basic")
        .setProviderReference("vrf_" + customerId)
        .setVerifiedAt(status == VerificationStatus.VERIFIED ? T0.minusSeconds(60) : null)
        .setExpiresAt(expiresAt)
        .setUpdatedAt(T0.minusSeconds(60))
        .build();
  }

  private void post(CustomerVerification verification) {
    verifications.pipeInput(
        CustomerKey.of(verification.getMerchantId(), verification.getCustomerId()), verification);
  }

  /** A customer verified without expiry, for tests of rules other than verification's. */
  private void verified(String customerId) {
    post(verification(customerId, VerificationStatus.VERIFIED, null));
  }

  private void startWithShippedRules() {
    start(RiskFixtures.shippedRules());
  }

  /** Pipes the order and returns its assessment, failing if there is none. */
  private RiskAssessed assess(OrderPlaced order) {
    orders.pipeInput(key(order), order);
    assertThat(risk.isEmpty()).as("assessment of %s", key(order)).isFalse();
    TestRecord<String, RiskAssessed> assessed = risk.readRecord();
    assertThat(assessed.key()).isEqualTo(key(order));
    assertThat(risk.isEmpty()).isTrue();
    return assessed.value();
  }

  private static List<String> rules(RiskAssessed assessed) {
    return assessed.getReasons().stream().map(RiskReason::getRule).toList();
  }

  @Test
  void lowRiskOrderIsApprovedWithNoReasonsAndTheRulesVersion() {
    startWithShippedRules();
    OrderPlaced order = order("o-plain", "c-plain", 1_999, T0);

    RiskAssessed assessed = assess(order);

    assertThat(assessed.getOrder()).isEqualTo(order);
    assertThat(assessed.getScore()).isZero();
    assertThat(assessed.getDecision()).isEqualTo(RiskDecision.APPROVE);
    assertThat(assessed.getReasons()).isEmpty();
    assertThat(assessed.getRulesVersion()).isEqualTo(RiskFixtures.shippedRules().version());
    assertThat(assessed.getAssessedAt()).isEqualTo(T0);
  }

  @Test
  void burstOfOrdersTripsVelocityWhichDecaysOnceTheWindowPasses() {
    startWithShippedRules();
    for (int i = 0; i < 3; i++) {
      assertThat(rules(assess(order("o-burst-" + i, "c-burst", 1_000, T0.plusSeconds(10L * i)))))
          .isEmpty();
    }

    RiskAssessed fourth = assess(order("o-burst-3", "c-burst", 1_000, T0.plusSeconds(30)));
    assertThat(fourth.getReasons())
        .singleElement()
        .satisfies(
            reason -> {
              assertThat(reason.getRule()).isEqualTo(RiskRules.VELOCITY_1M);
              assertThat(reason.getContribution()).isEqualTo(30);
              assertThat(reason.getDetail()).isEqualTo("4 orders in the last 1m, more than 3");
            });
    assertThat(fourth.getScore()).isEqualTo(30);
    assertThat(fourth.getDecision()).isEqualTo(RiskDecision.APPROVE);

    // 61 s after the last burst order, in event time: the minute window is empty again.
    assertThat(rules(assess(order("o-burst-4", "c-burst", 1_000, T0.plusSeconds(91))))).isEmpty();

    assertThat(
            meters
                .get(MicrometerRiskMetrics.RULES_FIRED)
                .tag("rule", "velocity_1m")
                .counter()
                .count())
        .isEqualTo(1.0);
    assertThat(
            meters
                .get(MicrometerRiskMetrics.DECISIONS)
                .tag("decision", "APPROVE")
                .counter()
                .count())
        .isEqualTo(5.0);
  }

  @Test
  void moreThanTenOrdersInAnHourTripsHourlyVelocity() {
    startWithShippedRules();
    for (int i = 0; i < 10; i++) {
      assertThat(
              rules(
                  assess(
                      order("o-hour-" + i, "c-hour", 1_000, T0.plus(Duration.ofMinutes(5L * i))))))
          .isEmpty();
    }

    RiskAssessed eleventh =
        assess(order("o-hour-10", "c-hour", 1_000, T0.plus(Duration.ofMinutes(50))));

    assertThat(rules(eleventh)).containsExactly(RiskRules.VELOCITY_1H);
    assertThat(eleventh.getReasons().get(0).getDetail())
        .isEqualTo("11 orders in the last 1h, more than 10");
  }

  @Test
  void spendAboveTheDailyLimitInTheOrderCurrencyTrips() {
    startWithShippedRules();
    verified("c-spend");
    // First seen more than a day earlier, so neither the new-customer rule nor this order's spend
    // counts in the later 24 h window.
    assess(order("o-spend-0", "c-spend", 40_000, T0));
    Instant dayLater = T0.plus(Duration.ofHours(25));
    assertThat(rules(assess(order("o-spend-1", "c-spend", 200_000, dayLater)))).isEmpty();
    // Another currency is not added to EUR spend.
    assertThat(
            rules(
                assess(
                    with(
                        order("o-spend-usd", "c-spend", 450_000, dayLater.plusSeconds(300)),
                        b -> b.setCurrency("USD")))))
        .isEmpty();
    assertThat(rules(assess(order("o-spend-2", "c-spend", 200_000, dayLater.plusSeconds(600)))))
        .isEmpty();
    RiskAssessed atLimit =
        assess(order("o-spend-3", "c-spend", 100_000, dayLater.plusSeconds(1200)));
    assertThat(rules(atLimit)).as("exactly 5000.00 EUR is not more than the limit").isEmpty();

    RiskAssessed overLimit = assess(order("o-spend-4", "c-spend", 1, dayLater.plusSeconds(1800)));

    assertThat(overLimit.getReasons())
        .singleElement()
        .satisfies(
            reason -> {
              assertThat(reason.getRule()).isEqualTo(RiskRules.SPEND_24H);
              assertThat(reason.getDetail())
                  .isEqualTo("spent 5000.01 EUR in the last 24h, more than 5000.00 EUR");
            });
  }

  @Test
  void newCustomerWithALargeAmountTrips() {
    startWithShippedRules();
    verified("c-new-large");
    verified("c-known");
    RiskAssessed justBelow = assess(order("o-new-0", "c-new-small", 49_999, T0));
    RiskAssessed large = assess(order("o-new-1", "c-new-large", 50_000, T0));
    assess(order("o-new-2", "c-known", 1_000, T0));
    RiskAssessed knownLarge =
        assess(order("o-new-3", "c-known", 50_000, T0.plus(Duration.ofHours(24))));

    assertThat(justBelow.getReasons()).isEmpty();
    assertThat(large.getReasons())
        .singleElement()
        .satisfies(
            reason -> {
              assertThat(reason.getRule()).isEqualTo(RiskRules.NEW_CUSTOMER_LARGE_AMOUNT);
              assertThat(reason.getContribution()).isEqualTo(35);
              assertThat(reason.getDetail())
                  .isEqualTo(
                      "customer first seen 0s ago (less than 24h) orders 500.00 EUR, at least 500.00 EUR");
            });
    assertThat(knownLarge.getReasons()).as("first seen 24 h before").isEmpty();
  }

  @Test
  void amountFarAboveTheUsualTrips() {
    startWithShippedRules();
    for (int i = 0; i < 3; i++) {
      assess(order("o-usual-" + i, "c-usual", 1_000, T0.plus(Duration.ofMinutes(5L * i))));
    }
    RiskAssessed fiveTimes =
        assess(order("o-usual-3", "c-usual", 5_000, T0.plus(Duration.ofMinutes(20))));
    RiskAssessed moreThanFiveTimes =
        assess(order("o-usual-4", "c-usual", 10_001, T0.plus(Duration.ofMinutes(25))));

    assertThat(fiveTimes.getReasons()).isEmpty();
    // Usual after 1000, 1000, 1000, 5000 is their running mean, 2000.
    assertThat(moreThanFiveTimes.getReasons())
        .extracting(RiskReason::getRule, RiskReason::getDetail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                RiskRules.AMOUNT_ABOVE_USUAL,
                "100.01 EUR is more than 5 times the usual 20.00 EUR over 4 earlier orders"));
  }

  @Test
  void cardIssuedInAnotherCountryThanShippingTrips() {
    startWithShippedRules();
    RiskAssessed assessed =
        assess(with(order("o-country", "c-country", 1_000, T0), b -> b.setShippingCountry("FR")));

    assertThat(assessed.getReasons())
        .singleElement()
        .satisfies(
            reason -> {
              assertThat(reason.getRule()).isEqualTo(RiskRules.COUNTRY_MISMATCH);
              assertThat(reason.getContribution()).isEqualTo(15);
              assertThat(reason.getDetail()).isEqualTo("card issued in DE, shipping to FR");
            });
    assertThat(assessed.getDecision()).isEqualTo(RiskDecision.APPROVE);
  }

  @Test
  void manyDistinctPaymentTokensInADayTrip() {
    startWithShippedRules();
    for (int i = 0; i < 3; i++) {
      int token = i;
      assertThat(
              rules(
                  assess(
                      withToken(
                          order("o-tok-" + i, "c-tok", 1_000, T0.plus(Duration.ofHours(i))),
                          "tok-" + token))))
          .isEmpty();
    }
    // The same token again adds no distinct token.
    assertThat(
            rules(
                assess(
                    withToken(
                        order("o-tok-again", "c-tok", 1_000, T0.plus(Duration.ofHours(4))),
                        "tok-0"))))
        .isEmpty();

    RiskAssessed fourthToken =
        assess(withToken(order("o-tok-3", "c-tok", 1_000, T0.plus(Duration.ofHours(5))), "tok-3"));

    assertThat(rules(fourthToken)).containsExactly(RiskRules.TOKENS_24H);
    assertThat(fourthToken.getReasons().get(0).getDetail())
        .isEqualTo("4 distinct payment tokens in the last 24h, more than 3");
  }

  private static OrderPlaced withToken(OrderPlaced order, String token) {
    return with(
        order,
        b ->
            b.setPaymentMethod(
                io.payrail.events.PaymentMethod.newBuilder(b.getPaymentMethod())
                    .setToken(token)
                    .build()));
  }

  @ParameterizedTest(name = "score {0} is {1}")
  @CsvSource({"39, APPROVE", "40, REVIEW", "69, REVIEW", "70, DECLINE"})
  void decisionFollowsTheScoreThresholds(int countryMismatchWeight, RiskDecision decision) {
    start(
        withCountryMismatchWeight(
            countryMismatchWeight, RiskFixtures.shippedRules().newCustomerLargeAmount().weight()));

    RiskAssessed assessed =
        assess(with(order("o-boundary", "c-boundary", 1_000, T0), b -> b.setShippingCountry("FR")));

    assertThat(assessed.getScore()).isEqualTo(countryMismatchWeight);
    assertThat(assessed.getDecision()).isEqualTo(decision);
  }

  @Test
  void scoreIsCappedAtOneHundredWithEveryContributionListed() {
    start(withCountryMismatchWeight(60, 60));
    verified("c-cap");

    RiskAssessed assessed =
        assess(with(order("o-cap", "c-cap", 90_000, T0), b -> b.setShippingCountry("FR")));

    assertThat(assessed.getReasons())
        .extracting(RiskReason::getRule, RiskReason::getContribution)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(RiskRules.NEW_CUSTOMER_LARGE_AMOUNT, 60),
            org.assertj.core.groups.Tuple.tuple(RiskRules.COUNTRY_MISMATCH, 60));
    assertThat(assessed.getScore()).isEqualTo(100);
    assertThat(assessed.getDecision()).isEqualTo(RiskDecision.DECLINE);
  }

  private static RiskRulesProperties withCountryMismatchWeight(
      int countryWeight, int newCustomerWeight) {
    RiskRulesProperties shipped = RiskFixtures.shippedRules();
    var newCustomer = shipped.newCustomerLargeAmount();
    return new RiskRulesProperties(
        shipped.version(),
        shipped.decision(),
        shipped.burstVelocity(),
        shipped.hourlyVelocity(),
        shipped.dailySpend(),
        new RiskRulesProperties.NewCustomerLargeAmount(
            newCustomer.maxAge(), newCustomer.minAmountMinor(), newCustomerWeight),
        shipped.amountAboveUsual(),
        new RiskRulesProperties.Flag(countryWeight),
        shipped.dailyTokens(),
        shipped.unverifiedLargeAmount(),
        shipped.verificationRejected(),
        shipped.verificationExpired());
  }

  @Test
  void repeatedOrderIdIsDroppedAndTheFirstWins() {
    startWithShippedRules();
    OrderPlaced first = order("o-repeat", "c-repeat", 1_000, T0);
    assess(first);

    orders.pipeInput("merchant-1/o-repeat", first);
    orders.pipeInput("merchant-1/o-repeat", with(first, b -> b.setShippingCountry("FR")));
    orders.pipeInput(
        "merchant-1/o-repeat", with(first, b -> b.setPlacedAt(T0.plus(Duration.ofHours(23)))));

    assertThat(risk.isEmpty()).isTrue();
    assertThat(meters.get(MicrometerRiskMetrics.REPEATED_ORDERS).counter().count()).isEqualTo(3.0);
    // The repeats were not counted as orders of the customer either.
    assertThat(rules(assess(order("o-after-repeat", "c-repeat", 1_000, T0.plusSeconds(1)))))
        .isEmpty();
  }

  @Test
  void sameOrderIdAtTwoMerchantsIsTwoOrders() {
    startWithShippedRules();
    OrderPlaced first = order("1001", "c-1", 1_000, T0);
    OrderPlaced second =
        with(order("1001", "c-1", 2_000, T0.plusSeconds(1)), b -> b.setMerchantId("merchant-2"));

    RiskAssessed atFirst = assess(first);
    RiskAssessed atSecond = assess(second);
    // Each merchant's retry is a repeat of its own order only.
    orders.pipeInput("merchant-2/1001", second);
    orders.pipeInput("merchant-1/1001", first);

    assertThat(atFirst.getOrder()).isEqualTo(first);
    assertThat(atSecond.getOrder()).isEqualTo(second);
    assertThat(risk.isEmpty()).isTrue();
    assertThat(meters.get(MicrometerRiskMetrics.REPEATED_ORDERS).counter().count()).isEqualTo(2.0);
  }

  @Test
  void orderIdIsForgottenAfterTheDedupRetention() {
    startWithShippedRules();
    OrderPlaced first = order("o-old-repeat", "c-old-repeat", 1_000, T0);
    assess(first);

    RiskAssessed again = assess(with(first, b -> b.setPlacedAt(T0.plus(Duration.ofHours(25)))));

    assertThat(again.getOrder().getOrderId()).isEqualTo("o-old-repeat");
  }

  @Test
  void outOfOrderOrderIsScoredAgainstEarlierOrdersAndCountsForLaterOnes() {
    startWithShippedRules();
    for (int i = 0; i < 3; i++) {
      assess(order("o-late-" + i, "c-late", 1_000, T0.plusSeconds(30 + 10L * i)));
    }

    // Placed before the three above but arriving after them: its minute window ends at its own
    // placedAt, so the later orders do not count against it.
    RiskAssessed outOfOrder = assess(order("o-late-early", "c-late", 1_000, T0));
    // It does count for orders placed after it: five in the minute up to T0+55s.
    RiskAssessed next = assess(order("o-late-next", "c-late", 1_000, T0.plusSeconds(55)));
    // Far later than the order log keeps (24 h + 1 h grace before stream time): still assessed.
    RiskAssessed veryLate =
        assess(order("o-very-late", "c-late", 1_000, T0.minus(Duration.ofHours(30))));

    assertThat(outOfOrder.getReasons()).isEmpty();
    assertThat(next.getReasons())
        .singleElement()
        .satisfies(reason -> assertThat(reason.getDetail()).startsWith("5 orders in the last 1m"));
    assertThat(veryLate.getDecision()).isEqualTo(RiskDecision.APPROVE);
  }

  @Test
  void poisonPillGoesToTheDeadLetterTopicAndTheNextOrderIsStillScored() {
    startWithShippedRules();
    byte[] poison = "{\"orderId\":\"not avro\"}".getBytes(StandardCharsets.UTF_8);

    rawOrders.pipeInput("merchant-1/o-poison", poison);
    RiskAssessed next = assess(order("o-after-poison", "c-poison", 1_000, T0));

    assertThat(next.getOrder().getOrderId()).isEqualTo("o-after-poison");
    TestRecord<String, byte[]> deadLetter = deadLetters.readRecord();
    assertThat(deadLetter.key()).isEqualTo("merchant-1/o-poison");
    assertThat(deadLetter.value()).isEqualTo(poison);
    Headers headers = deadLetter.headers();
    assertThat(text(headers, DeadLetterHeaders.EXCEPTION_FQCN))
        .isEqualTo(SerializationException.class.getName());
    assertThat(text(headers, DeadLetterHeaders.EXCEPTION_MESSAGE))
        .contains("not in the Confluent wire format");
    assertThat(text(headers, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo(Topics.ORDERS.name());
    assertThat(
            ByteBuffer.wrap(headers.lastHeader(DeadLetterHeaders.ORIGINAL_PARTITION).value())
                .getInt())
        .isZero();
    assertThat(
            ByteBuffer.wrap(headers.lastHeader(DeadLetterHeaders.ORIGINAL_OFFSET).value())
                .getLong())
        .isZero();
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void orderWithoutCustomerGoesToTheDeadLetterTopic() {
    startWithShippedRules();
    OrderPlaced anonymous = with(order("o-anonymous", "c-x", 1_000, T0), b -> b.setCustomerId(" "));

    orders.pipeInput("merchant-1/o-anonymous", anonymous);

    assertThat(risk.isEmpty()).isTrue();
    assertDeadLetteredAsItCame(anonymous);
  }

  /** The next dead letter is {@code order}'s original bytes, refused by the intake. */
  private void assertDeadLetteredAsItCame(OrderPlaced order) {
    TestRecord<String, byte[]> deadLetter = deadLetters.readRecord();
    assertThat(text(deadLetter.headers(), DeadLetterHeaders.EXCEPTION_FQCN))
        .isEqualTo(InvalidOrderException.class.getName());
    assertThat(
            serdes
                .valueSerde(Topics.ORDERS)
                .deserializer()
                .deserialize(Topics.ORDERS.name(), deadLetter.value()))
        .isEqualTo(order);
  }

  @Test
  void orderAboveTheMaximumAmountGoesToTheDeadLetterTopicAndTheCustomerMovesOn() {
    startWithShippedRules();
    // Its daily spend would overflow a long: the contract's maximum amount refuses it first.
    orders.pipeInput("merchant-1/o-huge", order("o-huge", "c-overflow", Long.MAX_VALUE, T0));
    RiskAssessed next = assess(order("o-next", "c-overflow", 1, T0.plusSeconds(1)));

    TestRecord<String, byte[]> deadLetter = deadLetters.readRecord();
    assertThat(deadLetter.key()).isEqualTo("merchant-1/o-huge");
    assertThat(text(deadLetter.headers(), DeadLetterHeaders.EXCEPTION_FQCN))
        .isEqualTo(InvalidOrderException.class.getName());
    assertThat(text(deadLetter.headers(), DeadLetterHeaders.EXCEPTION_MESSAGE))
        .contains("amountMinor must be positive, at most 999999999999");
    assertThat(next.getOrder().getOrderId()).isEqualTo("o-next");
  }

  @Test
  void ordersThatBreakTheContractAreDeadLetteredAsTheyCame() {
    startWithShippedRules();
    for (UnaryOperator<OrderPlaced.Builder> broken :
        java.util.List.<UnaryOperator<OrderPlaced.Builder>>of(
            b -> b.setCurrency("XXX"),
            b -> b.setCurrency("XAU"),
            b -> b.setOrderId(".."),
            b -> b.setShippingCountry("XX"))) {
      OrderPlaced order = with(order("o-broken", "c-broken", 1_000, T0), broken);
      orders.pipeInput("merchant-1/o-broken", order);

      assertDeadLetteredAsItCame(order);
    }
    assertThat(risk.isEmpty()).isTrue();
  }

  @Test
  void anOrderHoldingACardNumberIsDeadLetteredWithoutIt() {
    startWithShippedRules();
    orders.pipeInput(
        "merchant-1/o-card",
        with(order("o-card", "c-card", 1_000, T0), b -> b.setCustomerId("c " + CARD_NUMBER)));
    orders.pipeInput(
        OrderKey.of("merchant-1", CARD_NUMBER),
        with(order(CARD_NUMBER, "c-card", 1_000, T0), b -> b.setOrderId(CARD_NUMBER)));
    rawOrders.pipeInput(
        "merchant-1/o-raw", ("not avro, card " + CARD_NUMBER).getBytes(StandardCharsets.UTF_8));
    orders.pipeInput(
        "merchant-1/o-sku",
        with(
            order("o-sku", "c-card", 1_000, T0),
            b ->
                b.setItems(
                    java.util.List.of(
                        new io.payrail.events.LineItem("4111.1111.1111.1111", 1, 1_000L)))));
    OrderPlaced next = order("o-after-card", "c-card", 1_000, T0.plusSeconds(1));
    orders.pipeInput("merchant-1/o-after-card", next);

    var letters = deadLetters.readRecordsToList();
    assertThat(letters).hasSize(4);
    assertThat(letters).allSatisfy(letter -> assertThat(letter.value()).isNull());
    assertThat(letters)
        .extracting(TestRecord::key)
        .containsExactly("merchant-1/o-card", null, "merchant-1/o-raw", "merchant-1/o-sku");
    for (TestRecord<String, byte[]> letter : letters) {
      for (Header header : letter.headers()) {
        assertThat(new String(header.value(), StandardCharsets.UTF_8))
            .as(header.key())
            .doesNotContain("4111");
      }
    }
    assertThat(text(letters.get(0).headers(), DeadLetterHeaders.EXCEPTION_MESSAGE))
        .contains("customerId holds what looks like a card number");
    assertThat(risk.readRecord().value().getOrder().getOrderId()).isEqualTo("o-after-card");
  }

  @Test
  @SuppressWarnings("unchecked")
  void orderThatFailsScoringGoesToTheDeadLetterTopicNamingOrdersAndOthersMoveOn() {
    startWithShippedRules();
    assess(order("o-first", "c-unreadable", 1_000, T0));
    // A stored profile this version cannot read (a botched upgrade, say): scoring fails.
    KeyValueStore<Bytes, byte[]> raw =
        (KeyValueStore<Bytes, byte[]>)
            ((WrappedStateStore<?, ?, ?>)
                    driver.getAllStateStores().get(RiskTopology.PROFILE_STORE))
                .wrapped();
    raw.put(
        Bytes.wrap("merchant-1/c-unreadable".getBytes(StandardCharsets.UTF_8)),
        new byte[] {42, 42});

    orders.pipeInput(
        "merchant-1/o-unscorable", order("o-unscorable", "c-unreadable", 1_000, T0.plusSeconds(1)));
    RiskAssessed other = assess(order("o-other", "c-other", 1_000, T0.plusSeconds(2)));

    TestRecord<String, byte[]> deadLetter = deadLetters.readRecord();
    assertThat(deadLetter.key()).isEqualTo("merchant-1/o-unscorable");
    assertThat(text(deadLetter.headers(), DeadLetterHeaders.EXCEPTION_FQCN))
        .isEqualTo(SerializationException.class.getName());
    // The scorer reads the repartition topic; the dead letter names orders, where a replay goes.
    assertThat(text(deadLetter.headers(), DeadLetterHeaders.ORIGINAL_TOPIC))
        .isEqualTo(Topics.ORDERS.name());
    assertThat(
            serdes
                .valueSerde(Topics.ORDERS)
                .deserializer()
                .deserialize(Topics.ORDERS.name(), deadLetter.value())
                .getOrderId())
        .isEqualTo("o-unscorable");
    assertThat(other.getOrder().getOrderId()).isEqualTo("o-other");
  }

  @Test
  void newCustomersLargeOrderIsHeldUntilTheCustomerIsVerified() {
    startWithShippedRules();

    RiskAssessed before = assess(order("o-kyc-1", "c-kyc", 60_000, T0));
    post(verification("c-kyc", VerificationStatus.VERIFIED, T0.plus(Duration.ofDays(365))));
    RiskAssessed after = assess(order("o-kyc-2", "c-kyc", 60_000, T0.plusSeconds(60)));

    assertThat(before.getDecision()).isEqualTo(RiskDecision.REVIEW);
    assertThat(before.getScore()).isEqualTo(55);
    assertThat(rules(before))
        .containsExactly(RiskRules.NEW_CUSTOMER_LARGE_AMOUNT, RiskRules.UNVERIFIED_LARGE_AMOUNT);
    assertThat(before.getReasons().get(1).getDetail())
        .isEqualTo(
            "customer not verified (no verification record) orders 600.00 EUR, at least 500.00"
                + " EUR");
    assertThat(before.getRulesVersion()).isEqualTo("2026-12-v1");
    assertThat(after.getDecision()).isEqualTo(RiskDecision.APPROVE);
    assertThat(rules(after)).containsExactly(RiskRules.NEW_CUSTOMER_LARGE_AMOUNT);
  }

  @Test
  void pendingVerificationIsNotVerifiedAndSmallOrdersAreNotHeldForIt() {
    startWithShippedRules();
    post(verification("c-pending", VerificationStatus.PENDING, null));

    RiskAssessed small = assess(order("o-pending-1", "c-pending", 49_999, T0));
    RiskAssessed large = assess(order("o-pending-2", "c-pending", 50_000, T0.plusSeconds(1)));

    assertThat(small.getReasons()).isEmpty();
    assertThat(large.getReasons())
        .filteredOn(reason -> reason.getRule().equals(RiskRules.UNVERIFIED_LARGE_AMOUNT))
        .singleElement()
        .satisfies(
            reason -> {
              assertThat(reason.getContribution()).isEqualTo(20);
              assertThat(reason.getDetail())
                  .isEqualTo(
                      "customer not verified (PENDING) orders 500.00 EUR, at least 500.00 EUR");
            });
  }

  @Test
  void rejectedCustomerIsHeldForReviewAtAnyAmount() {
    startWithShippedRules();
    post(verification("c-rejected", VerificationStatus.REJECTED, null));

    RiskAssessed assessed = assess(order("o-rejected", "c-rejected", 1_000, T0));

    assertThat(assessed.getDecision()).isEqualTo(RiskDecision.REVIEW);
    assertThat(assessed.getReasons())
        .singleElement()
        .satisfies(
            reason -> {
              assertThat(reason.getRule()).isEqualTo(RiskRules.VERIFICATION_REJECTED);
              assertThat(reason.getContribution()).isEqualTo(40);
              assertThat(reason.getDetail())
                  .isEqualTo("customer verification REJECTED by the provider");
            });
  }

  @Test
  void verificationPastItsExpiryCountsAsExpiredForLargeOrders() {
    startWithShippedRules();
    Instant expiry = T0.plus(Duration.ofHours(1));
    post(verification("c-expiring", VerificationStatus.VERIFIED, expiry));
    assess(order("o-exp-0", "c-expiring", 1_000, T0.minus(Duration.ofDays(2))));

    RiskAssessed beforeExpiry = assess(order("o-exp-1", "c-expiring", 50_000, T0));
    RiskAssessed atExpiry = assess(order("o-exp-2", "c-expiring", 50_000, expiry));
    RiskAssessed smallAfter =
        assess(order("o-exp-3", "c-expiring", 49_999, expiry.plusSeconds(60)));
    post(verification("c-expiring", VerificationStatus.EXPIRED, null));
    RiskAssessed reportedExpired =
        assess(order("o-exp-4", "c-expiring", 50_000, expiry.plusSeconds(120)));

    assertThat(beforeExpiry.getReasons()).isEmpty();
    assertThat(atExpiry.getReasons())
        .singleElement()
        .satisfies(
            reason -> {
              assertThat(reason.getRule()).isEqualTo(RiskRules.VERIFICATION_EXPIRED);
              assertThat(reason.getContribution()).isEqualTo(20);
              assertThat(reason.getDetail())
                  .isEqualTo(
                      "customer verification expired at 2026-11-26T11:00:00Z, orders 500.00 EUR,"
                          + " at least 500.00 EUR");
            });
    assertThat(smallAfter.getReasons()).isEmpty();
    assertThat(rules(reportedExpired)).containsExactly(RiskRules.VERIFICATION_EXPIRED);
  }

  @Test
  void largeAmountThresholdsArePerCurrency() {
    startWithShippedRules();
    assess(order("o-yen-0", "c-yen", 1_000, T0.minus(Duration.ofDays(2))));

    RiskAssessed below =
        assess(with(order("o-yen-1", "c-yen", 74_999, T0), b -> b.setCurrency("JPY")));
    RiskAssessed at =
        assess(
            with(order("o-yen-2", "c-yen", 75_000, T0.plusSeconds(1)), b -> b.setCurrency("JPY")));

    assertThat(below.getReasons()).isEmpty();
    assertThat(at.getReasons())
        .singleElement()
        .satisfies(
            reason ->
                assertThat(reason.getDetail())
                    .isEqualTo(
                        "customer not verified (no verification record) orders 75000 JPY, at"
                            + " least 75000 JPY"));
  }

  @Test
  void sameCustomerIdAtTwoMerchantsIsTwoCustomers() {
    startWithShippedRules();
    post(verification("c-shared", VerificationStatus.VERIFIED, null));
    for (int i = 0; i < 4; i++) {
      assess(order("o-shared-" + i, "c-shared", 1_000, T0.plusSeconds(i)));
    }

    RiskAssessed otherMerchant =
        assess(
            with(
                order("o-shared-m2", "c-shared", 50_000, T0.plusSeconds(5)),
                b -> b.setMerchantId("merchant-2")));

    // Neither merchant-1's burst nor its verification is merchant-2's customer's.
    assertThat(rules(otherMerchant))
        .containsExactly(RiskRules.NEW_CUSTOMER_LARGE_AMOUNT, RiskRules.UNVERIFIED_LARGE_AMOUNT);
  }

  @Test
  void verificationUnderAnotherCustomersKeyIsDeadLetteredAndVerifiesNobody() {
    startWithShippedRules();
    CustomerVerification victims = verification("c-victim", VerificationStatus.VERIFIED, null);

    verifications.pipeInput("merchant-1/c-mallory", victims);
    rawVerifications.pipeInput("merchant-1/c-garbage", new byte[] {0, 0, 0, 0, 9, 1});
    RiskAssessed mallory = assess(order("o-mallory", "c-mallory", 50_000, T0));

    assertThat(rules(mallory)).contains(RiskRules.UNVERIFIED_LARGE_AMOUNT);
    List<TestRecord<String, byte[]>> letters = verificationDeadLetters.readRecordsToList();
    assertThat(letters)
        .extracting(TestRecord::key)
        .containsExactly("merchant-1/c-mallory", "merchant-1/c-garbage");
    assertThat(text(letters.get(0).headers(), DeadLetterHeaders.EXCEPTION_MESSAGE))
        .isEqualTo("the key is not the verification's merchantId/customerId");
    assertThat(text(letters.get(0).headers(), DeadLetterHeaders.ORIGINAL_TOPIC))
        .isEqualTo(Topics.CUSTOMER_VERIFICATIONS.name());
    assertThat(
            serdes
                .valueSerde(Topics.CUSTOMER_VERIFICATIONS)
                .deserializer()
                .deserialize(Topics.CUSTOMER_VERIFICATIONS.name(), letters.get(0).value()))
        .isEqualTo(victims);
    assertThat(text(letters.get(1).headers(), DeadLetterHeaders.EXCEPTION_FQCN))
        .isEqualTo(SerializationException.class.getName());
  }

  private static String text(Headers headers, String key) {
    return new String(headers.lastHeader(key).value(), StandardCharsets.UTF_8);
  }
}
