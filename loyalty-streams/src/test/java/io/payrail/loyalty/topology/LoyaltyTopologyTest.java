package io.payrail.loyalty.topology;

import static io.payrail.loyalty.topology.LoyaltyFixtures.T0;
import static io.payrail.loyalty.topology.LoyaltyFixtures.captured;
import static io.payrail.loyalty.topology.LoyaltyFixtures.customerKey;
import static io.payrail.loyalty.topology.LoyaltyFixtures.order;
import static io.payrail.loyalty.topology.LoyaltyFixtures.orderKey;
import static io.payrail.loyalty.topology.LoyaltyFixtures.payment;
import static io.payrail.loyalty.topology.LoyaltyFixtures.paymentOf;
import static io.payrail.loyalty.topology.LoyaltyFixtures.refunded;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.payrail.events.CustomerRegistered;
import io.payrail.events.LoyaltyBalance;
import io.payrail.events.LoyaltySource;
import io.payrail.events.LoyaltyTier;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.PaymentStatus;
import io.payrail.events.PointsReservation;
import io.payrail.events.PointsReservationStatus;
import io.payrail.events.RefundProcessed;
import io.payrail.localstack.testing.InMemorySchemaRegistry;
import io.payrail.localstack.testing.TestInfrastructure;
import io.payrail.loyalty.points.MicrometerLoyaltyMetrics;
import io.payrail.loyalty.rules.CustomerLoyalty;
import io.payrail.schemas.contract.ContractRules;
import io.payrail.schemas.keys.CustomerKey;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.serde.AvroSerdeConfig;
import io.payrail.schemas.serde.TopicSerdes;
import io.payrail.schemas.topics.DeadLetterHeaders;
import io.payrail.schemas.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoyaltyTopologyTest {

  /** A second merchant, whose customers and orders may reuse merchant-1's ids. */
  private static final String MERCHANT_2 = "merchant-2";

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private TopologyTestDriver driver;
  private TestInputTopic<String, PaymentProcessed> payments;
  private TestInputTopic<String, RefundProcessed> refunds;
  private TestInputTopic<String, byte[]> rawPayments;
  private TestInputTopic<String, CustomerRegistered> customers;
  private TestInputTopic<String, OrderPlaced> orders;
  private TestInputTopic<String, byte[]> rawOrders;
  private TestOutputTopic<String, PointsReservation> reservations;
  private TestOutputTopic<String, byte[]> orderDeadLetters;
  private TestOutputTopic<String, byte[]> customerDeadLetters;
  private TestOutputTopic<String, LoyaltyBalance> balances;
  private TestOutputTopic<String, byte[]> paymentDeadLetters;
  private TestOutputTopic<String, byte[]> refundDeadLetters;
  private KeyValueStore<String, CustomerLoyalty> store;

  @BeforeEach
  void startDriver() {
    TopicSerdes serdes =
        new TopicSerdes(
            Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_CLIENT, new InMemorySchemaRegistry()));
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "loyalty-topology-test");
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    config.put(
        StreamsConfig.STATE_DIR_CONFIG,
        TestInfrastructure.newTempDirectory("loyalty-ttd-").toString());
    driver =
        new TopologyTestDriver(
            LoyaltyTopology.topology(
                new StreamsBuilder(),
                LoyaltyFixtures.program(),
                serdes,
                new MicrometerLoyaltyMetrics(meters)),
            config);
    StringSerializer keys = new StringSerializer();
    payments =
        driver.createInputTopic(
            Topics.PAYMENTS.name(), keys, serdes.valueSerde(Topics.PAYMENTS).serializer());
    refunds =
        driver.createInputTopic(
            Topics.REFUNDS.name(), keys, serdes.valueSerde(Topics.REFUNDS).serializer());
    rawPayments = driver.createInputTopic(Topics.PAYMENTS.name(), keys, new ByteArraySerializer());
    customers =
        driver.createInputTopic(
            Topics.CUSTOMERS.name(), keys, serdes.valueSerde(Topics.CUSTOMERS).serializer());
    customerDeadLetters =
        driver.createOutputTopic(
            Topics.CUSTOMERS.deadLetterTopic(),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    balances =
        driver.createOutputTopic(
            Topics.LOYALTY_BALANCES.name(),
            new StringDeserializer(),
            serdes.valueSerde(Topics.LOYALTY_BALANCES).deserializer());
    paymentDeadLetters =
        driver.createOutputTopic(
            Topics.PAYMENTS.deadLetterTopic(),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    refundDeadLetters =
        driver.createOutputTopic(
            Topics.REFUNDS.deadLetterTopic(),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    orders =
        driver.createInputTopic(
            Topics.ORDERS.name(), keys, serdes.valueSerde(Topics.ORDERS).serializer());
    rawOrders = driver.createInputTopic(Topics.ORDERS.name(), keys, new ByteArraySerializer());
    reservations =
        driver.createOutputTopic(
            Topics.POINTS_RESERVATIONS.name(),
            new StringDeserializer(),
            serdes.valueSerde(Topics.POINTS_RESERVATIONS).deserializer());
    orderDeadLetters =
        driver.createOutputTopic(
            Topics.ORDERS.deadLetterTopic(), new StringDeserializer(), new ByteArrayDeserializer());
    store = driver.getKeyValueStore(LoyaltyTopology.BALANCE_STORE);
  }

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  @Test
  void capturedPaymentEarnsOnePointPerWholeEuro() {
    pay(captured("c-earn", "o-1", 12_345, "EUR", T0));

    TestRecord<String, LoyaltyBalance> published = balances.readRecord();
    LoyaltyBalance balance = published.value();
    assertThat(published.key()).isEqualTo(customerKey("c-earn"));
    assertThat(balance.getMerchantId()).isEqualTo(LoyaltyFixtures.MERCHANT);
    assertThat(balance.getCustomerId()).isEqualTo("c-earn");
    assertThat(balance.getPoints()).isEqualTo(123);
    assertThat(balance.getTier()).isEqualTo(LoyaltyTier.BRONZE);
    assertThat(balance.getLifetimeSpendMinor()).containsExactly(Map.entry("EUR", 12_345L));
    assertThat(balance.getTierSpendMinor()).isEqualTo(12_345);
    assertThat(balance.getUpdatedAt()).isEqualTo(T0);
    assertThat(balance.getLastChange().getSource()).isEqualTo(LoyaltySource.PAYMENT);
    assertThat(balance.getLastChange().getSourceId()).isEqualTo("pay-o-1");
    assertThat(balance.getLastChange().getOrderId()).isEqualTo("o-1");
    assertThat(balance.getLastChange().getAmountMinor()).isEqualTo(12_345);
    assertThat(balance.getLastChange().getCurrency()).isEqualTo("EUR");
    assertThat(balance.getLastChange().getPointsDelta()).isEqualTo(123);
    assertThat(published.headers().toArray()).isEmpty();
    assertThat(meters.counter(MicrometerLoyaltyMetrics.POINTS_EARNED).count()).isEqualTo(123);
  }

  @Test
  void paymentsThatWereNotCapturedEarnNothing() {
    pay(payment("c-declined", "o-1", 50_000, "EUR", PaymentStatus.DECLINED, T0));
    pay(payment("c-declined", "o-2", 50_000, "EUR", PaymentStatus.HELD_FOR_REVIEW, T0));

    assertThat(balances.isEmpty()).isTrue();
    assertThat(store.get(customerKey("c-declined"))).isNull();
  }

  @Test
  void pointsCountWholeMajorUnitsOfEachCurrency() {
    pay(captured("c-jpy", "o-jpy", 1_500, "JPY", T0));
    pay(captured("c-bhd", "o-bhd", 2_500, "BHD", T0));
    pay(captured("c-eur", "o-eur", 999, "EUR", T0));

    Map<String, LoyaltyBalance> byCustomer = balances.readKeyValuesToMap();
    // 1,500 yen are 1,500 whole yen; 2.500 dinar are 2 whole dinar; 9.99 euro are 9 whole euro.
    assertThat(byCustomer.get(customerKey("c-jpy")).getPoints()).isEqualTo(1_500);
    assertThat(byCustomer.get(customerKey("c-bhd")).getPoints()).isEqualTo(2);
    assertThat(byCustomer.get(customerKey("c-eur")).getPoints()).isEqualTo(9);
    // Towards the tier, at the fixed rates: 1,500 JPY × 0.0061 = 9.15 EUR; 2.5 BHD × 2.44 = 6.10.
    assertThat(byCustomer.get(customerKey("c-jpy")).getTierSpendMinor()).isEqualTo(915);
    assertThat(byCustomer.get(customerKey("c-bhd")).getTierSpendMinor()).isEqualTo(610);
    assertThat(byCustomer.get(customerKey("c-eur")).getTierSpendMinor()).isEqualTo(999);
  }

  @Test
  void severalCurrenciesCountTowardsOneTier() {
    pay(captured("c-mixed", "o-eur", 60_000, "EUR", T0));
    pay(captured("c-mixed", "o-usd", 40_000, "USD", T0.plusSeconds(1)));
    pay(captured("c-mixed", "o-jpy", 50_000, "JPY", T0.plusSeconds(2)));

    List<LoyaltyBalance> published = balances.readValuesToList();
    LoyaltyBalance last = published.get(published.size() - 1);
    // 600.00 EUR + 400.00 USD × 0.92 (368.00) + 50,000 JPY × 0.0061 (305.00) = 1,273.00 EUR.
    assertThat(last.getLifetimeSpendMinor())
        .containsOnly(
            Map.entry("EUR", 60_000L), Map.entry("USD", 40_000L), Map.entry("JPY", 50_000L));
    assertThat(last.getTierSpendMinor()).isEqualTo(127_300);
    assertThat(last.getTier()).isEqualTo(LoyaltyTier.SILVER);
    assertThat(published.get(1).getTier()).isEqualTo(LoyaltyTier.BRONZE);
  }

  @Test
  void reachingTheSilverThresholdUpgradesTheTierAndItsMultiplier() {
    pay(captured("c-tier", "o-1", 100_000, "EUR", T0));
    pay(captured("c-tier", "o-2", 10_000, "EUR", T0.plusSeconds(60)));

    List<LoyaltyBalance> published = balances.readValuesToList();
    assertThat(published.get(0).getTier()).isEqualTo(LoyaltyTier.SILVER);
    assertThat(published.get(0).getPoints()).isEqualTo(1_000);
    // The next capture earns at SILVER's 125 %.
    assertThat(published.get(1).getLastChange().getPointsDelta()).isEqualTo(125);
    assertThat(published.get(1).getPoints()).isEqualTo(1_125);
    assertThat(
            meters
                .counter(MicrometerLoyaltyMetrics.TIER_CHANGES, "from", "BRONZE", "to", "SILVER")
                .count())
        .isEqualTo(1);
  }

  @Test
  void refundTakesBackItsShareOfTheOrdersPoints() {
    pay(captured("c-refund", "o-1", 20_000, "EUR", T0));
    refund(refunded("c-refund", "o-1", "r-1", 5_000, "EUR", T0.plusSeconds(60)));

    List<LoyaltyBalance> published = balances.readValuesToList();
    LoyaltyBalance afterRefund = published.get(1);
    assertThat(afterRefund.getPoints()).isEqualTo(150);
    assertThat(afterRefund.getLastChange().getSource()).isEqualTo(LoyaltySource.REFUND);
    assertThat(afterRefund.getLastChange().getSourceId()).isEqualTo("r-1");
    assertThat(afterRefund.getLastChange().getPointsDelta()).isEqualTo(-50);
    assertThat(afterRefund.getLifetimeSpendMinor()).containsExactly(Map.entry("EUR", 15_000L));
    assertThat(afterRefund.getUpdatedAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(meters.counter(MicrometerLoyaltyMetrics.POINTS_TAKEN_BACK).count()).isEqualTo(50);
  }

  @Test
  void partialRefundsAddingUpToTheCaptureTakeBackExactlyItsPoints() {
    // SILVER customer: 99.99 EUR earns 99 × 125 % = 123 points, not divisible by three.
    pay(captured("c-parts", "o-silver", 100_000, "EUR", T0));
    pay(captured("c-parts", "o-1", 9_999, "EUR", T0.plusSeconds(1)));
    refund(refunded("c-parts", "o-1", "r-1", 3_333, "EUR", T0.plusSeconds(2)));
    refund(refunded("c-parts", "o-1", "r-2", 3_333, "EUR", T0.plusSeconds(3)));
    refund(refunded("c-parts", "o-1", "r-3", 3_333, "EUR", T0.plusSeconds(4)));

    List<LoyaltyBalance> published = balances.readValuesToList();
    assertThat(published.get(1).getLastChange().getPointsDelta()).isEqualTo(123);
    assertThat(published.subList(2, 5))
        .extracting(balance -> balance.getLastChange().getPointsDelta())
        .containsExactly(-41L, -41L, -41L);
    assertThat(published.get(4).getPoints()).isEqualTo(1_000);
    assertThat(published.get(4).getLifetimeSpendMinor())
        .containsExactly(Map.entry("EUR", 100_000L));
  }

  @Test
  void refundBelowTheTierThresholdDowngradesTheTier() {
    pay(captured("c-down", "o-1", 100_000, "EUR", T0));
    refund(refunded("c-down", "o-1", "r-1", 1, "EUR", T0.plusSeconds(1)));

    List<LoyaltyBalance> published = balances.readValuesToList();
    assertThat(published.get(0).getTier()).isEqualTo(LoyaltyTier.SILVER);
    assertThat(published.get(1).getTier()).isEqualTo(LoyaltyTier.BRONZE);
    assertThat(published.get(1).getTierSpendMinor()).isEqualTo(99_999);
  }

  @Test
  void repeatedPaymentAndRefundCountOnce() {
    PaymentProcessed capture = captured("c-dup", "o-1", 10_000, "EUR", T0);
    RefundProcessed refund = refunded("c-dup", "o-1", "r-1", 4_000, "EUR", T0.plusSeconds(5));
    pay(capture);
    pay(capture);
    refund(refund);
    refund(refund);
    pay(capture);

    List<LoyaltyBalance> published = balances.readValuesToList();
    assertThat(published).hasSize(2);
    assertThat(store.get(customerKey("c-dup")).points()).isEqualTo(60);
    assertThat(store.get(customerKey("c-dup")).lifetimeSpendMinor())
        .containsExactly(Map.entry("EUR", 6_000L));
    assertThat(meters.counter(MicrometerLoyaltyMetrics.DUPLICATES, "source", "PAYMENT").count())
        .isEqualTo(2);
    assertThat(meters.counter(MicrometerLoyaltyMetrics.DUPLICATES, "source", "REFUND").count())
        .isEqualTo(1);
  }

  @Test
  void refundReachingLoyaltyBeforeItsCaptureIsSettledWhenTheCaptureArrives() {
    // The refund processor reads the capture from the ledger, so its event can reach Kafka while
    // the capture's transaction is still being retried.
    refund(refunded("c-early", "o-1", "r-1", 2_500, "EUR", T0.plusSeconds(3)));
    LoyaltyBalance held = balances.readValue();
    assertThat(held.getPoints()).isZero();
    assertThat(held.getLastChange().getPointsDelta()).isZero();

    pay(captured("c-early", "o-1", 10_000, "EUR", T0));

    LoyaltyBalance settled = balances.readValue();
    assertThat(settled.getPoints()).isEqualTo(75);
    assertThat(settled.getLifetimeSpendMinor()).containsExactly(Map.entry("EUR", 7_500L));
    assertThat(store.get(customerKey("c-early")).pointsShortfall()).isZero();

    refund(refunded("c-early", "o-1", "r-1", 2_500, "EUR", T0.plusSeconds(3)));
    assertThat(balances.isEmpty()).as("the held refund, repeated, counts once").isTrue();
  }

  @Test
  void poisonPillGoesToTheDeadLetterTopicWhileTheNextRecordIsProcessed() {
    byte[] poison = "not an avro record".getBytes(StandardCharsets.UTF_8);
    rawPayments.pipeInput(orderKey("o-poison"), poison, T0);
    pay(captured("c-after-poison", "o-next", 4_200, "EUR", T0.plusSeconds(1)));

    TestRecord<String, byte[]> deadLetter = paymentDeadLetters.readRecord();
    assertThat(deadLetter.key()).isEqualTo(orderKey("o-poison"));
    assertThat(deadLetter.value()).isEqualTo(poison);
    Headers headers = deadLetter.headers();
    assertThat(text(headers, DeadLetterHeaders.EXCEPTION_FQCN))
        .isEqualTo("org.apache.kafka.common.errors.SerializationException");
    assertThat(text(headers, DeadLetterHeaders.EXCEPTION_MESSAGE)).contains("wire format");
    assertThat(text(headers, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo(Topics.PAYMENTS.name());
    assertThat(ByteBuffer.wrap(value(headers, DeadLetterHeaders.ORIGINAL_PARTITION)).getInt())
        .isZero();
    assertThat(ByteBuffer.wrap(value(headers, DeadLetterHeaders.ORIGINAL_OFFSET)).getLong())
        .isZero();
    assertThat(paymentDeadLetters.isEmpty()).isTrue();
    assertThat(balances.readValue().getPoints()).isEqualTo(42);
    assertThat(
            meters
                .counter(
                    MicrometerLoyaltyMetrics.DEAD_LETTERS,
                    "topic",
                    Topics.PAYMENTS.deadLetterTopic())
                .count())
        .isEqualTo(1);
  }

  @Test
  void completedRefundWithoutCustomerGoesToTheRefundsDeadLetterTopic() {
    RefundProcessed orphan = refunded(null, "o-orphan", "r-orphan", 100, "EUR", T0);
    refund(orphan);

    TestRecord<String, byte[]> deadLetter = refundDeadLetters.readRecord();
    assertThat(deadLetter.key()).isEqualTo(orderKey("o-orphan"));
    assertThat(text(deadLetter.headers(), DeadLetterHeaders.EXCEPTION_FQCN))
        .isEqualTo(InvalidEventException.class.getName());
    assertThat(text(deadLetter.headers(), DeadLetterHeaders.EXCEPTION_MESSAGE))
        .contains("customerId is required");
    assertThat(balances.isEmpty()).isTrue();
  }

  @Test
  void eventsInCurrenciesTheContractRefusesGoToTheDeadLetterTopic() {
    // Java's currency data still knows HRK (withdrawn 2023) and CLF (a funds code).
    pay(captured("c-old-money", "o-hrk", 10_000, "HRK", T0));
    pay(captured("c-old-money", "o-clf", 10_000, "CLF", T0.plusSeconds(1)));

    assertThat(paymentDeadLetters.readRecordsToList()).hasSize(2);
    assertThat(balances.isEmpty()).isTrue();
  }

  @Test
  void refundThatCannotBeAppliedAfterTheRepartitionNamesItsOriginalTopic() {
    pay(captured("c-mismatch", "o-1", 10_000, "EUR", T0));
    refund(refunded("c-mismatch", "o-1", "r-usd", 1_000, "USD", T0.plusSeconds(1)));
    refund(refunded("c-mismatch", "o-1", "r-eur", 1_000, "EUR", T0.plusSeconds(2)));

    TestRecord<String, byte[]> deadLetter = refundDeadLetters.readRecord();
    assertThat(deadLetter.key()).isEqualTo(orderKey("o-1"));
    assertThat(text(deadLetter.headers(), DeadLetterHeaders.ORIGINAL_TOPIC))
        .isEqualTo(Topics.REFUNDS.name());
    assertThat(text(deadLetter.headers(), DeadLetterHeaders.EXCEPTION_MESSAGE))
        .contains("is in USD but the order is in EUR");
    assertThat(deadLetter.headers().lastHeader("payrail-source-topic")).isNull();
    // The bad refund changed nothing; the next one of the order applies as usual.
    List<LoyaltyBalance> published = balances.readValuesToList();
    assertThat(published).hasSize(2);
    assertThat(published.get(1).getPoints()).isEqualTo(90);
  }

  @Test
  void registrationOpensAZeroBalanceAtTheBaseTierBeforeAnyOrder() {
    register(registered("merchant-1", "c-new", T0));

    TestRecord<String, LoyaltyBalance> published = balances.readRecord();
    assertThat(published.key()).isEqualTo(customerKey("c-new"));
    assertThat(published.value().getPoints()).isZero();
    assertThat(published.value().getTier()).isEqualTo(LoyaltyTier.BRONZE);
    assertThat(published.value().getLifetimeSpendMinor()).isEmpty();
    assertThat(published.value().getUpdatedAt()).isEqualTo(T0);
    assertThat(published.value().getLastChange().getSource()).isEqualTo(LoyaltySource.REGISTRATION);
    assertThat(published.value().getLastChange().getSourceId()).isEqualTo("merchant-1/c-new");
    assertThat(published.headers().toArray()).isEmpty();
    assertThat(store.get(customerKey("c-new")).points()).isZero();

    // Then its first paid order earns as any customer's does.
    pay(captured("c-new", "o-1", 12_345, "EUR", T0.plusSeconds(1)));
    assertThat(balances.readValue().getPoints()).isEqualTo(123);
  }

  @Test
  void registrationOfACustomerWhoAlreadyHasABalanceChangesNothing() {
    pay(captured("c-early", "o-1", 10_000, "EUR", T0));
    register(registered("merchant-1", "c-early", T0.plusSeconds(1)));
    register(registered("merchant-1", "c-early", T0.plusSeconds(2)));

    assertThat(balances.readValuesToList()).hasSize(1);
    assertThat(store.get(customerKey("c-early")).points()).isEqualTo(100);
  }

  @Test
  void registrationBreakingTheContractGoesToTheCustomersDeadLetterTopic() {
    CustomerRegistered broken = registered("merchant-1", "c-broken", T0);
    broken.setCountry("Germany");
    register(broken);
    register(registered("merchant-1", "c-fine", T0.plusSeconds(1)));

    TestRecord<String, byte[]> deadLetter = customerDeadLetters.readRecord();
    assertThat(deadLetter.key()).isEqualTo("merchant-1/c-broken");
    assertThat(text(deadLetter.headers(), DeadLetterHeaders.EXCEPTION_MESSAGE)).contains("country");
    assertThat(text(deadLetter.headers(), DeadLetterHeaders.ORIGINAL_TOPIC))
        .isEqualTo(Topics.CUSTOMERS.name());
    assertThat(balances.readRecord().key()).isEqualTo(customerKey("c-fine"));
  }

  @Test
  void sameCustomerIdAtTwoMerchantsIsTwoBalances() {
    // The same customerId, and even the same orderId and paymentId, at two merchants.
    pay(captured("c-1", "1001", 10_000, "EUR", T0));
    pay(atMerchant2(captured("c-1", "1001", 50_000, "EUR", T0.plusSeconds(1))));
    refund(refunded("c-1", "1001", "r-1", 2_500, "EUR", T0.plusSeconds(2)));
    refund(atMerchant2(refunded("c-1", "1001", "r-1", 50_000, "EUR", T0.plusSeconds(3))));
    register(registered(MERCHANT_2, "c-1", T0.plusSeconds(4)));

    List<TestRecord<String, LoyaltyBalance>> published = balances.readRecordsToList();
    assertThat(published)
        .extracting(TestRecord::key)
        .containsExactly(
            customerKey("c-1"),
            CustomerKey.of(MERCHANT_2, "c-1"),
            customerKey("c-1"),
            CustomerKey.of(MERCHANT_2, "c-1"));
    assertThat(published)
        .allSatisfy(
            record ->
                assertThat(CustomerKey.of(record.value().getMerchantId(), "c-1"))
                    .isEqualTo(record.key()));
    // Each merchant's refund takes back only from its own customer's points and spend.
    assertThat(published.get(2).value().getPoints()).isEqualTo(75);
    assertThat(published.get(2).value().getLifetimeSpendMinor())
        .containsExactly(Map.entry("EUR", 7_500L));
    assertThat(published.get(3).value().getPoints()).isZero();
    assertThat(published.get(3).value().getLifetimeSpendMinor())
        .containsExactly(Map.entry("EUR", 0L));
    CustomerLoyalty first = store.get(customerKey("c-1"));
    CustomerLoyalty second = store.get(CustomerKey.of(MERCHANT_2, "c-1"));
    assertThat(first.merchantId()).isEqualTo(LoyaltyFixtures.MERCHANT);
    assertThat(first.points()).isEqualTo(75);
    assertThat(second.merchantId()).isEqualTo(MERCHANT_2);
    assertThat(second.points()).isZero();
    assertThat(second.pointsShortfall()).isZero();
    // merchant-2's customer has a balance of its own already: the registration is a repeat.
    assertThat(
            meters.counter(MicrometerLoyaltyMetrics.DUPLICATES, "source", "REGISTRATION").count())
        .isEqualTo(1);
    assertThat(meters.counter(MicrometerLoyaltyMetrics.DUPLICATES, "source", "PAYMENT").count())
        .isZero();
    assertThat(meters.counter(MicrometerLoyaltyMetrics.DUPLICATES, "source", "REFUND").count())
        .isZero();
  }

  // --- Redeeming points -----------------------------------------------------------------------

  @Test
  void orderRedeemingPointsTheCustomerHasReservesThem() {
    earn100("c-res");
    OrderPlaced redeeming = order("c-res", "o-r", 5_000, 40L, T0.plusSeconds(10));

    place(redeeming);

    TestRecord<String, PointsReservation> answer = reservations.readRecord();
    assertThat(answer.key()).isEqualTo(orderKey("o-r"));
    assertThat(answer.value().getStatus()).isEqualTo(PointsReservationStatus.RESERVED);
    assertThat(answer.value().getReason()).isNull();
    assertThat(answer.value().getPoints()).isEqualTo(40);
    assertThat(answer.value().getAvailablePoints()).isEqualTo(60);
    assertThat(answer.value().getCustomerId()).isEqualTo("c-res");
    assertThat(answer.value().getMerchantId()).isEqualTo("merchant-1");
    assertThat(answer.value().getDecidedAt()).isEqualTo(T0.plusSeconds(10));
    assertThat(ContractRules.pointsReservation(answer.value())).isEmpty();
    assertThat(answer.headers().toArray()).isEmpty();
    LoyaltyBalance balance = balances.readValue();
    assertThat(balance.getPoints()).isEqualTo(60);
    assertThat(balance.getReservedPoints()).isEqualTo(40);
    assertThat(balance.getLastChange().getSource()).isEqualTo(LoyaltySource.RESERVATION);
    assertThat(balance.getLastChange().getSourceId()).isEqualTo("o-r");
    assertThat(balance.getLastChange().getOrderId()).isEqualTo("o-r");
    assertThat(balance.getLastChange().getPointsDelta()).isEqualTo(-40);
    assertThat(balance.getLastChange().getAmountMinor()).isEqualTo(40);
    assertThat(balance.getLastChange().getCurrency()).isEqualTo("EUR");
    assertThat(store.get(customerKey("c-res")).points()).isEqualTo(60);
    assertThat(store.get(customerKey("c-res")).reservedPoints()).isEqualTo(40);
    assertThat(meters.counter(MicrometerLoyaltyMetrics.RESERVATIONS_RESERVED).count()).isEqualTo(1);
    assertThat(meters.counter(MicrometerLoyaltyMetrics.POINTS_RESERVED).count()).isEqualTo(40);
    // Moving points to reserved is neither earning nor taking back.
    assertThat(meters.counter(MicrometerLoyaltyMetrics.POINTS_TAKEN_BACK).count()).isZero();
  }

  @Test
  void orderRedeemingMoreThanTheAvailablePointsIsRefusedAndTheBalanceIsUnchanged() {
    earn100("c-poor");

    place(order("c-poor", "o-much", 50_000, 101L, T0.plusSeconds(10)));
    place(order("c-unknown", "o-nobody", 5_000, 1L, T0.plusSeconds(11)));

    List<PointsReservation> answers = reservations.readValuesToList();
    assertThat(answers)
        .extracting(PointsReservation::getStatus)
        .containsExactly(PointsReservationStatus.REFUSED, PointsReservationStatus.REFUSED);
    assertThat(answers)
        .extracting(PointsReservation::getReason)
        .containsOnly(ContractRules.INSUFFICIENT_POINTS);
    assertThat(answers).extracting(PointsReservation::getAvailablePoints).containsExactly(100L, 0L);
    assertThat(answers).allSatisfy(a -> assertThat(ContractRules.pointsReservation(a)).isEmpty());
    assertThat(balances.isEmpty()).isTrue();
    assertThat(store.get(customerKey("c-poor")).points()).isEqualTo(100);
    assertThat(store.get(customerKey("c-poor")).reservedPoints()).isZero();
    // An unknown customer has 0 points; being refused opens no balance.
    assertThat(store.get(customerKey("c-unknown"))).isNull();
    assertThat(
            meters
                .counter(
                    MicrometerLoyaltyMetrics.RESERVATIONS_REFUSED,
                    "reason",
                    ContractRules.INSUFFICIENT_POINTS)
                .count())
        .isEqualTo(2);
  }

  @Test
  void repeatedOrderGetsItsFirstAnswerAgainAndReservesOnce() {
    earn100("c-twice");
    OrderPlaced reserved = order("c-twice", "o-ok", 5_000, 40L, T0.plusSeconds(10));
    OrderPlaced refused = order("c-twice", "o-no", 50_000, 90L, T0.plusSeconds(11));

    place(reserved);
    place(refused);
    place(reserved);
    // More points by now, but the order was refused: it stays refused.
    pay(captured("c-twice", "o-more", 100_000, "EUR", T0.plusSeconds(12)));
    place(refused);

    List<TestRecord<String, PointsReservation>> answers = reservations.readRecordsToList();
    assertThat(answers)
        .extracting(TestRecord::key)
        .containsExactly(orderKey("o-ok"), orderKey("o-no"), orderKey("o-ok"), orderKey("o-no"));
    assertThat(answers.get(2).value()).isEqualTo(answers.get(0).value());
    assertThat(answers.get(3).value()).isEqualTo(answers.get(1).value());
    List<LoyaltyBalance> published = balances.readValuesToList();
    assertThat(published)
        .extracting(b -> b.getLastChange().getSource())
        .containsExactly(LoyaltySource.RESERVATION, LoyaltySource.PAYMENT);
    assertThat(store.get(customerKey("c-twice")).reservedPoints()).isEqualTo(40);
    assertThat(store.get(customerKey("c-twice")).points()).isEqualTo(60 + 1_000);
    assertThat(meters.counter(MicrometerLoyaltyMetrics.RESERVATIONS_RESERVED).count()).isEqualTo(1);
    assertThat(meters.counter(MicrometerLoyaltyMetrics.DUPLICATES, "source", "RESERVATION").count())
        .isEqualTo(2);
  }

  @Test
  void captureSpendsTheReservationAndEarnsOnTheChargedAmount() {
    earn100("c-spend");
    OrderPlaced redeeming = order("c-spend", "o-s", 5_000, 40L, T0.plusSeconds(10));
    place(redeeming);
    balances.readValuesToList();
    reservations.readValuesToList();

    PaymentProcessed capture = paymentOf(redeeming, PaymentStatus.CAPTURED, T0.plusSeconds(20));
    pay(capture);
    pay(capture);
    place(redeeming);

    List<LoyaltyBalance> published = balances.readValuesToList();
    assertThat(published).hasSize(1);
    LoyaltyBalance balance = published.get(0);
    // 4,960 charged: 49 points earned on 60 available; the 40 reserved are spent.
    assertThat(balance.getPoints()).isEqualTo(60 + 49);
    assertThat(balance.getReservedPoints()).isZero();
    assertThat(balance.getLastChange().getSource()).isEqualTo(LoyaltySource.PAYMENT);
    assertThat(balance.getLastChange().getAmountMinor()).isEqualTo(4_960);
    assertThat(balance.getLastChange().getPointsDelta()).isEqualTo(49);
    assertThat(balance.getLifetimeSpendMinor()).containsEntry("EUR", 10_000L + 4_960L);
    // A repeat of the order after its capture is told what it was told first, not order_closed.
    PointsReservation again = reservations.readValue();
    assertThat(again.getStatus()).isEqualTo(PointsReservationStatus.RESERVED);
    assertThat(reservations.isEmpty()).isTrue();
    assertThat(meters.counter(MicrometerLoyaltyMetrics.RESERVATIONS_SPENT).count()).isEqualTo(1);
    assertThat(meters.counter(MicrometerLoyaltyMetrics.POINTS_SPENT).count()).isEqualTo(40);
  }

  @Test
  void everyOtherFinalPaymentStatusReleasesTheReservationOnce() {
    List<PaymentStatus> ending =
        List.of(
            PaymentStatus.DECLINED,
            PaymentStatus.FAILED,
            PaymentStatus.REJECTED_BY_RISK,
            PaymentStatus.REJECTED_BY_REVIEW);
    for (PaymentStatus status : ending) {
      String customer = "c-" + status;
      earn100(customer);
      OrderPlaced redeeming = order(customer, "o-" + status, 5_000, 40L, T0.plusSeconds(10));
      place(redeeming);
      // Held for review is not final: the points stay reserved.
      pay(paymentOf(redeeming, PaymentStatus.HELD_FOR_REVIEW, T0.plusSeconds(15)));
      assertThat(store.get(customerKey(customer)).reservedPoints()).as("%s", status).isEqualTo(40);
      balances.readValuesToList();

      PaymentProcessed ended = paymentOf(redeeming, status, T0.plusSeconds(20));
      pay(ended);
      pay(ended);

      List<LoyaltyBalance> published = balances.readValuesToList();
      assertThat(published).as("%s", status).hasSize(1);
      LoyaltyBalance balance = published.get(0);
      assertThat(balance.getPoints()).as("%s", status).isEqualTo(100);
      assertThat(balance.getReservedPoints()).isZero();
      assertThat(balance.getLastChange().getSource()).isEqualTo(LoyaltySource.RELEASE);
      assertThat(balance.getLastChange().getSourceId()).isEqualTo("o-" + status);
      assertThat(balance.getLastChange().getPointsDelta()).isEqualTo(40);
      assertThat(balance.getLifetimeSpendMinor()).containsEntry("EUR", 10_000L);
    }
    assertThat(meters.counter(MicrometerLoyaltyMetrics.RESERVATIONS_RELEASED).count()).isEqualTo(4);
    assertThat(meters.counter(MicrometerLoyaltyMetrics.POINTS_RELEASED).count()).isEqualTo(160);
  }

  @Test
  void paymentEndingBeforeTheRequestClosesTheOrderSoTheRequestIsRefused() {
    earn100("c-late");
    OrderPlaced redeeming = order("c-late", "o-late", 5_000, 40L, T0.plusSeconds(10));
    // Risk declined the order and payment-processor said so before loyalty saw the order.
    pay(paymentOf(redeeming, PaymentStatus.REJECTED_BY_RISK, T0.plusSeconds(11)));

    place(redeeming);
    place(redeeming);

    List<PointsReservation> answers = reservations.readValuesToList();
    assertThat(answers).hasSize(2);
    assertThat(answers.get(0).getStatus()).isEqualTo(PointsReservationStatus.REFUSED);
    assertThat(answers.get(0).getReason()).isEqualTo(ContractRules.ORDER_CLOSED);
    assertThat(answers.get(0).getAvailablePoints()).isEqualTo(100);
    assertThat(answers.get(1)).isEqualTo(answers.get(0));
    assertThat(balances.isEmpty()).isTrue();
    assertThat(store.get(customerKey("c-late")).points()).isEqualTo(100);
    assertThat(store.get(customerKey("c-late")).reservedPoints()).isZero();
  }

  @Test
  void concurrentOrdersOfOneCustomerReserveOnlyWhatTheBalanceHolds() {
    earn100("c-race");

    // Two orders placed at the same moment through different orders partitions, 70 + 60 > 100.
    place(order("c-race", "o-a", 5_000, 70L, T0.plusSeconds(10)));
    place(order("c-race", "o-b", 5_000, 60L, T0.plusSeconds(10)));

    List<PointsReservation> answers = reservations.readValuesToList();
    assertThat(answers)
        .extracting(PointsReservation::getStatus)
        .containsExactlyInAnyOrder(
            PointsReservationStatus.RESERVED, PointsReservationStatus.REFUSED);
    assertThat(answers)
        .filteredOn(a -> a.getStatus() == PointsReservationStatus.REFUSED)
        .extracting(PointsReservation::getReason)
        .containsExactly(ContractRules.INSUFFICIENT_POINTS);
    List<LoyaltyBalance> published = balances.readValuesToList();
    assertThat(published).hasSize(1);
    assertThat(published).allSatisfy(b -> assertThat(b.getPoints()).isNotNegative());
    assertThat(store.get(customerKey("c-race")).points()).isEqualTo(30);
    assertThat(store.get(customerKey("c-race")).reservedPoints()).isEqualTo(70);
  }

  @Test
  void sameOrderIdAtTwoMerchantsRedeemingPointsIsTwoReservations() {
    earn100("c-1");
    pay(atMerchant2(captured("c-1", "o-earn-m2", 10_000, "EUR", T0)));
    balances.readValuesToList();
    OrderPlaced first = order("c-1", "1001", 5_000, 40L, T0.plusSeconds(10));
    OrderPlaced second = atMerchant2(order("c-1", "1001", 5_000, 70L, T0.plusSeconds(11)));

    place(first);
    place(second);
    // merchant-1's order ends unpaid: only its own reservation is released.
    pay(paymentOf(first, PaymentStatus.DECLINED, T0.plusSeconds(20)));
    // merchant-2's order is captured: its reservation is spent, not merchant-1's released one.
    pay(paymentOf(second, PaymentStatus.CAPTURED, T0.plusSeconds(21)));
    // Each repeat is told its own order's answer.
    place(second);
    place(first);

    List<TestRecord<String, PointsReservation>> answers = reservations.readRecordsToList();
    assertThat(answers)
        .extracting(TestRecord::key)
        .containsExactly(
            orderKey("1001"),
            OrderKey.of(MERCHANT_2, "1001"),
            OrderKey.of(MERCHANT_2, "1001"),
            orderKey("1001"));
    assertThat(answers)
        .extracting(TestRecord::value)
        .allSatisfy(a -> assertThat(a.getStatus()).isEqualTo(PointsReservationStatus.RESERVED));
    assertThat(answers.get(0).value().getMerchantId()).isEqualTo(LoyaltyFixtures.MERCHANT);
    assertThat(answers.get(0).value().getPoints()).isEqualTo(40);
    assertThat(answers.get(0).value().getAvailablePoints()).isEqualTo(60);
    assertThat(answers.get(1).value().getMerchantId()).isEqualTo(MERCHANT_2);
    assertThat(answers.get(1).value().getPoints()).isEqualTo(70);
    assertThat(answers.get(1).value().getAvailablePoints()).isEqualTo(30);
    assertThat(answers.get(2).value()).isEqualTo(answers.get(1).value());
    assertThat(answers.get(3).value()).isEqualTo(answers.get(0).value());
    CustomerLoyalty released = store.get(customerKey("c-1"));
    assertThat(released.points()).isEqualTo(100);
    assertThat(released.reservedPoints()).isZero();
    CustomerLoyalty spent = store.get(CustomerKey.of(MERCHANT_2, "c-1"));
    // 30 left after the reservation, plus 49 earned on the 49.30 EUR charged (5,000 − 70).
    assertThat(spent.points()).isEqualTo(30 + 49);
    assertThat(spent.reservedPoints()).isZero();
    assertThat(meters.counter(MicrometerLoyaltyMetrics.RESERVATIONS_RELEASED).count()).isEqualTo(1);
    assertThat(meters.counter(MicrometerLoyaltyMetrics.RESERVATIONS_SPENT).count()).isEqualTo(1);
  }

  @Test
  void ordersWithoutPointsAndUnreadableOrdersAreSkippedWithoutDeadLetters() {
    earn100("c-skip");
    OrderPlaced broken = order("c-skip", "o-broken", 5_000, 5_000L, T0.plusSeconds(11));

    place(order("c-skip", "o-plain", 5_000, null, T0.plusSeconds(10)));
    place(broken);
    rawOrders.pipeInput(orderKey("o-garbage"), new byte[] {0, 1, 2}, T0.plusSeconds(12));
    place(order("c-skip", "o-fine", 5_000, 10L, T0.plusSeconds(13)));

    // risk-streams dead-letters what the contract refuses on orders; loyalty only skips it.
    assertThat(orderDeadLetters.isEmpty()).isTrue();
    assertThat(reservations.readKeyValuesToList())
        .extracting(kv -> kv.key)
        .containsExactly(orderKey("o-fine"));
    assertThat(meters.counter(MicrometerLoyaltyMetrics.ORDERS_SKIPPED).count()).isEqualTo(2);
  }

  /** A customer with 100 points, from a capture of 100.00 EUR at T0; its balance is read. */
  private void earn100(String customerId) {
    pay(captured(customerId, "o-earn-" + customerId, 10_000, "EUR", T0));
    assertThat(balances.readValue().getPoints()).isEqualTo(100);
  }

  private static PaymentProcessed atMerchant2(PaymentProcessed payment) {
    payment.setMerchantId(MERCHANT_2);
    return payment;
  }

  private static RefundProcessed atMerchant2(RefundProcessed refund) {
    refund.setMerchantId(MERCHANT_2);
    return refund;
  }

  private static OrderPlaced atMerchant2(OrderPlaced order) {
    order.setMerchantId(MERCHANT_2);
    return order;
  }

  private void place(OrderPlaced order) {
    orders.pipeInput(
        OrderKey.of(order.getMerchantId(), order.getOrderId()), order, order.getPlacedAt());
  }

  private void register(CustomerRegistered customer) {
    customers.pipeInput(
        CustomerKey.of(customer.getMerchantId(), customer.getCustomerId()),
        customer,
        customer.getCreatedAt());
  }

  private static CustomerRegistered registered(String merchantId, String customerId, Instant at) {
    return CustomerRegistered.newBuilder()
        .setMerchantId(merchantId)
        .setCustomerId(customerId)
        .setDisplayName("Member " + customerId)
        .setCountry("DE")
        .setCreatedAt(at)
        .build();
  }

  private void pay(PaymentProcessed payment) {
    payments.pipeInput(
        OrderKey.of(payment.getMerchantId(), payment.getOrderId()),
        payment,
        payment.getProcessedAt());
  }

  private void refund(RefundProcessed refund) {
    refunds.pipeInput(
        OrderKey.of(refund.getMerchantId(), refund.getOrderId()), refund, refund.getProcessedAt());
  }

  private static byte[] value(Headers headers, String key) {
    assertThat(headers.lastHeader(key)).as("header %s", key).isNotNull();
    return headers.lastHeader(key).value();
  }

  private static String text(Headers headers, String key) {
    return new String(value(headers, key), StandardCharsets.UTF_8);
  }
}
