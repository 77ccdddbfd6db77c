package io.payrail.loyalty;

import static io.payrail.loyalty.topology.LoyaltyFixtures.captured;
import static io.payrail.loyalty.topology.LoyaltyFixtures.customerKey;
import static io.payrail.loyalty.topology.LoyaltyFixtures.order;
import static io.payrail.loyalty.topology.LoyaltyFixtures.orderKey;
import static io.payrail.loyalty.topology.LoyaltyFixtures.refunded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.payrail.events.LoyaltyBalance;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.RefundProcessed;
import io.payrail.localstack.testing.TestInfrastructure;
import io.payrail.localstack.testing.TopicReader;
import io.payrail.loyalty.rules.CustomerLoyalty;
import io.payrail.loyalty.topology.LoyaltyFixtures;
import io.payrail.loyalty.topology.LoyaltyTopology;
import io.payrail.schemas.serde.TopicSerdes;
import io.payrail.schemas.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Two instances of the application (two Spring contexts, each with its own port, state dir and
 * application.server, one application id) on the real broker and registry: balances earned, taken
 * back and reserved by orders that redeem points, each order answered exactly once on
 * points-reservations, all surviving the loss of an instance's state. A balance is read where it
 * lives: from the store of the instance that both instances' Streams metadata name as the
 * customer's owner, and at the end as last published on {@code loyalty-balances}, the topic the
 * facade answers balances from.
 */
class LoyaltyClusterTest {

  private static final int CUSTOMERS = 16;
  private static final Duration SETTLE = Duration.ofSeconds(60);
  private static final long REDEEMED = 5;

  private final String applicationId = "payrail-loyalty-it-" + UUID.randomUUID();
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final Instance first = new Instance(freePort(), stateDir());
  private final Instance second = new Instance(freePort(), stateDir());

  @AfterEach
  void stopInstances() {
    first.stop();
    second.stop();
  }

  @Test
  void balancesAndReservationsAreHeldByTheOwningInstanceAndSurviveARestartWithoutLocalState()
      throws Exception {
    first.start();
    second.start();
    Map<String, Long> earned = publishPaymentsAndRefunds();
    awaitEveryBalanceAsBothSeeIt(earned, Map.of());

    // Then every other customer redeems points on an order: once the balances show the points, so
    // that the order does not overtake its customer's capture (different topics).
    Map<String, Long> expectedPoints = new LinkedHashMap<>(earned);
    Map<String, Long> expectedReserved = new LinkedHashMap<>();
    try (TopicReader answers =
        TopicReader.fromEnd(TestInfrastructure.shared(), Topics.POINTS_RESERVATIONS.name())) {
      Set<String> redeemingOrders = publishRedeemingOrders(expectedPoints, expectedReserved);
      awaitOneAnswerEach(answers, redeemingOrders);
      awaitEveryBalanceAsBothSeeIt(expectedPoints, expectedReserved);
      // Each instance owns some customers, so each store holds a share of the balances.
      assertThat(owners(expectedPoints.keySet()))
          .containsExactlyInAnyOrder(first.self(), second.self());
      awaitNoBalanceForAnUnknownCustomer();

      // Lose an instance's state entirely: its customers come back from the changelog, first on
      // the instance that takes them over, then on the restarted one when they move back.
      second.stop();
      deleteRecursively(second.stateDir);
      awaitEveryBalanceAs(first, expectedPoints, expectedReserved);
      second.start();
      awaitBothOwnSome(expectedPoints.keySet());
      awaitEveryBalanceAsBothSeeIt(expectedPoints, expectedReserved);

      first.stop();
      deleteRecursively(first.stateDir);
      first.start();
      awaitBothOwnSome(expectedPoints.keySet());
      awaitEveryBalanceAsBothSeeIt(expectedPoints, expectedReserved);
      // Exactly once: nothing was answered again through the restarts and restores.
      assertThat(answers.countKeys(redeemingOrders))
          .containsOnlyKeys(redeemingOrders)
          .allSatisfy((order, count) -> assertThat(count).as(order).isEqualTo(1));
    }
    // What the facade shows is the topic, not the stores: its last balance per customer agrees.
    assertLastPublished(expectedPoints, expectedReserved);
  }

  /**
   * Every odd customer (no refund, so 10 + i points) redeems {@link #REDEEMED} points on an order;
   * returns the orders' keys ({@code merchantId/orderId}, as their answers are keyed).
   */
  private Set<String> publishRedeemingOrders(
      Map<String, Long> expectedPoints, Map<String, Long> expectedReserved) {
    TopicSerdes serdes = new TopicSerdes(TestInfrastructure.shared().clientConfig());
    Set<String> orderKeys = new HashSet<>();
    try (KafkaProducer<String, OrderPlaced> orders =
        new KafkaProducer<>(
            TestInfrastructure.shared().clientConfig(),
            new StringSerializer(),
            serdes.valueSerde(Topics.ORDERS).serializer())) {
      int i = 0;
      for (String customerId : List.copyOf(expectedPoints.keySet())) {
        if (i++ % 2 == 1) {
          String orderId = "redeem-" + customerId;
          orders.send(
              new ProducerRecord<>(
                  Topics.ORDERS.name(),
                  orderKey(orderId),
                  order(customerId, orderId, 5_000, REDEEMED, Instant.now())));
          orderKeys.add(orderKey(orderId));
          expectedPoints.merge(customerId, -REDEEMED, Long::sum);
          expectedReserved.put(customerId, REDEEMED);
        }
      }
      orders.flush();
    }
    return orderKeys;
  }

  private static void awaitOneAnswerEach(TopicReader answers, Set<String> orderKeys) {
    await()
        .atMost(SETTLE)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(() -> assertThat(answers.countKeys(orderKeys)).hasSameSizeAs(orderKeys));
  }

  /** The restarted instance owns customers again: it answers them from its restored store. */
  private void awaitBothOwnSome(Set<String> customers) {
    await()
        .atMost(SETTLE)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () ->
                assertThat(owners(customers))
                    .containsExactlyInAnyOrder(first.self(), second.self()));
  }

  /** Per customer: a capture of (10 + i) EUR, and for every other one a refund of half of it. */
  private Map<String, Long> publishPaymentsAndRefunds() {
    TopicSerdes serdes = new TopicSerdes(TestInfrastructure.shared().clientConfig());
    Map<String, Long> expected = new LinkedHashMap<>();
    Instant at = Instant.now();
    try (KafkaProducer<String, PaymentProcessed> payments =
            new KafkaProducer<>(
                TestInfrastructure.shared().clientConfig(),
                new StringSerializer(),
                serdes.valueSerde(Topics.PAYMENTS).serializer());
        KafkaProducer<String, RefundProcessed> refunds =
            new KafkaProducer<>(
                TestInfrastructure.shared().clientConfig(),
                new StringSerializer(),
                serdes.valueSerde(Topics.REFUNDS).serializer())) {
      for (int i = 0; i < CUSTOMERS; i++) {
        String customerId = "cluster-" + run + "-" + i;
        String orderId = "order-" + run + "-" + i;
        long euros = 10 + i;
        payments.send(
            new ProducerRecord<>(
                Topics.PAYMENTS.name(),
                orderKey(orderId),
                captured(customerId, orderId, euros * 100, "EUR", at)));
        long points = euros;
        if (i % 2 == 0) {
          refunds.send(
              new ProducerRecord<>(
                  Topics.REFUNDS.name(),
                  orderKey(orderId),
                  refunded(
                      customerId,
                      orderId,
                      "refund-" + orderId,
                      euros * 50,
                      "EUR",
                      at.plusSeconds(1))));
          points -= euros / 2;
        }
        expected.put(customerId, points);
      }
      payments.flush();
      refunds.flush();
    }
    return expected;
  }

  private void awaitEveryBalanceAsBothSeeIt(
      Map<String, Long> expectedPoints, Map<String, Long> expectedReserved) {
    awaitStores()
        .untilAsserted(
            () -> {
              assertEveryBalance(first, expectedPoints, expectedReserved);
              assertEveryBalance(second, expectedPoints, expectedReserved);
            });
  }

  private void awaitEveryBalanceAs(
      Instance asked, Map<String, Long> expectedPoints, Map<String, Long> expectedReserved) {
    awaitStores().untilAsserted(() -> assertEveryBalance(asked, expectedPoints, expectedReserved));
  }

  /** A store is not queryable while its partition moves or restores: ask again then. */
  private static ConditionFactory awaitStores() {
    return await()
        .atMost(SETTLE)
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptionsInstanceOf(InvalidStateStoreException.class);
  }

  /**
   * For every customer, the instance that {@code asked}'s metadata names as the owner runs and
   * holds available points as expected, and reserved ones ({@code expectedReserved}, else 0).
   */
  private void assertEveryBalance(
      Instance asked, Map<String, Long> expectedPoints, Map<String, Long> expectedReserved) {
    for (Map.Entry<String, Long> customer : expectedPoints.entrySet()) {
      String customerId = customer.getKey();
      KeyQueryMetadata where = asked.whereIs(customerId);
      CustomerLoyalty balance = instanceAt(where.activeHost()).storedAt(where, customerId);
      assertThat(balance).as("%s as %s sees it", customerId, asked).isNotNull();
      assertThat(balance.merchantId()).isEqualTo(LoyaltyFixtures.MERCHANT);
      assertThat(balance.customerId()).isEqualTo(customerId);
      assertThat(balance.points()).as("points of %s", customerId).isEqualTo(customer.getValue());
      assertThat(balance.reservedPoints())
          .as("reserved points of %s", customerId)
          .isEqualTo(expectedReserved.getOrDefault(customerId, 0L));
    }
  }

  private void awaitNoBalanceForAnUnknownCustomer() {
    String unknown = "never-seen-" + run;
    awaitStores()
        .untilAsserted(
            () -> {
              for (Instance asked : List.of(first, second)) {
                KeyQueryMetadata where = asked.whereIs(unknown);
                assertThat(instanceAt(where.activeHost()).storedAt(where, unknown))
                    .as("%s as %s sees it", unknown, asked)
                    .isNull();
              }
            });
  }

  private Instance instanceAt(HostInfo host) {
    Instance owner =
        Stream.of(first, second)
            .filter(instance -> instance.self().equals(host))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no instance owns it yet: " + host));
    assertThat(owner.running()).as("%s owns it but is stopped", owner).isTrue();
    return owner;
  }

  private Set<HostInfo> owners(Set<String> customers) {
    return customers.stream()
        .map(customer -> first.whereIs(customer).activeHost())
        .collect(Collectors.toSet());
  }

  /** The last balance of each customer on {@code loyalty-balances}, read committed to its end. */
  private void assertLastPublished(
      Map<String, Long> expectedPoints, Map<String, Long> expectedReserved) {
    TopicSerdes serdes = new TopicSerdes(TestInfrastructure.shared().clientConfig());
    Map<String, Object> config = TestInfrastructure.shared().clientConfig();
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // Keyed merchantId/customerId on the topic; by customerId here, as the expectations are.
    Map<String, String> customerIdsByKey =
        expectedPoints.keySet().stream()
            .collect(Collectors.toMap(LoyaltyFixtures::customerKey, customerId -> customerId));
    Map<String, LoyaltyBalance> last = new HashMap<>();
    try (KafkaConsumer<String, LoyaltyBalance> consumer =
        new KafkaConsumer<>(
            config,
            new StringDeserializer(),
            serdes.valueSerde(Topics.LOYALTY_BALANCES).deserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.LOYALTY_BALANCES.name()).stream()
              .map(info -> new TopicPartition(info.topic(), info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      await()
          .atMost(SETTLE)
          .until(
              () -> {
                for (ConsumerRecord<String, LoyaltyBalance> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  if (customerIdsByKey.containsKey(record.key())) {
                    last.put(customerIdsByKey.get(record.key()), record.value());
                  }
                }
                return end.entrySet().stream()
                    .allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
              });
    }
    assertThat(last).containsOnlyKeys(expectedPoints.keySet());
    expectedPoints.forEach(
        (customerId, points) -> {
          assertThat(last.get(customerId).getMerchantId())
              .as(customerId)
              .isEqualTo(LoyaltyFixtures.MERCHANT);
          assertThat(last.get(customerId).getPoints()).as(customerId).isEqualTo(points);
          assertThat(last.get(customerId).getReservedPoints())
              .as(customerId)
              .isEqualTo(expectedReserved.getOrDefault(customerId, 0L));
        });
  }

  private final class Instance {
    private final int port;
    private final Path stateDir;
    private ConfigurableApplicationContext context;

    Instance(int port, Path stateDir) {
      this.port = port;
      this.stateDir = stateDir;
    }

    void start() {
      List<String> args =
          Stream.concat(
                  TestInfrastructure.shared().kafkaSpringProperties().entrySet().stream()
                      .map(property -> "--" + property.getKey() + "=" + property.getValue()),
                  Stream.of(
                      "--server.port=" + port,
                      "--spring.kafka.streams.application-id=" + applicationId,
                      "--spring.kafka.streams.properties.application.server="
                          + self().host()
                          + ":"
                          + port,
                      "--spring.kafka.streams.state-dir=" + stateDir,
                      "--payrail.loyalty.streams.commit-interval=100ms"))
              .toList();
      context =
          new SpringApplicationBuilder(LoyaltyStreamsApplication.class)
              .run(args.toArray(String[]::new));
    }

    void stop() {
      if (context != null) {
        context.close();
        context = null;
      }
    }

    HostInfo self() {
      return new HostInfo("127.0.0.1", port);
    }

    boolean running() {
      return context != null;
    }

    /** Which instance owns the customer's partition, as this instance's metadata says. */
    KeyQueryMetadata whereIs(String customerId) {
      return streams()
          .queryMetadataForKey(
              LoyaltyTopology.BALANCE_STORE, customerKey(customerId), Serdes.String().serializer());
    }

    /** The customer's balance in this instance's store, from the partition it owns. */
    CustomerLoyalty storedAt(KeyQueryMetadata where, String customerId) {
      ReadOnlyKeyValueStore<String, CustomerLoyalty> store =
          streams()
              .store(
                  StoreQueryParameters.fromNameAndType(
                          LoyaltyTopology.BALANCE_STORE,
                          QueryableStoreTypes.<String, CustomerLoyalty>keyValueStore())
                      .withPartition(where.partition()));
      return store.get(customerKey(customerId));
    }

    private KafkaStreams streams() {
      assertThat(context).as("%s is stopped", this).isNotNull();
      return context.getBean(StreamsBuilderFactoryBean.class).getKafkaStreams();
    }

    @Override
    public String toString() {
      return "instance :" + port;
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path stateDir() {
    return TestInfrastructure.newTempDirectory("loyalty-cluster-");
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
    assertThat(dir).doesNotExist();
  }
}
