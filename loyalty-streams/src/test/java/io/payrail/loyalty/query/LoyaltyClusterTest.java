package io.payrail.loyalty.query;

import static io.payrail.loyalty.topology.LoyaltyFixtures.captured;
import static io.payrail.loyalty.topology.LoyaltyFixtures.order;
import static io.payrail.loyalty.topology.LoyaltyFixtures.refunded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.RefundProcessed;
import io.payrail.localstack.testing.TestInfrastructure;
import io.payrail.localstack.testing.TopicReader;
import io.payrail.loyalty.LoyaltyStreamsApplication;
import io.payrail.loyalty.topology.LoyaltyTopology;
import io.payrail.schemas.serde.TopicSerdes;
import io.payrail.schemas.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Two instances of the application (two Spring contexts, each with its own HTTP port, state dir and
 * application.server, one application id) on the real broker and registry: balances earned, taken
 * back and reserved by orders that redeem points, each order answered exactly once on
 * points-reservations, all surviving the loss of an instance's state.
 */
class LoyaltyClusterTest {

  private static final int CUSTOMERS = 16;
  private static final Duration SETTLE = Duration.ofSeconds(60);
  private static final long REDEEMED = 5;

  private final String applicationId = "payrail-loyalty-it-" + UUID.randomUUID();
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final HttpClient http = HttpClient.newHttpClient();
  private final Instance first = new Instance(freePort(), stateDir());
  private final Instance second = new Instance(freePort(), stateDir());

  @AfterEach
  void stopInstances() {
    first.stop();
    second.stop();
  }

  @Test
  void balancesAndReservationsAreAnsweredByEitherInstanceAndSurviveARestartWithoutLocalState()
      throws Exception {
    first.start();
    second.start();
    Map<String, Long> earned = publishPaymentsAndRefunds();
    awaitEveryBalanceThroughBoth(earned, Map.of());

    // Then every other customer redeems points on an order: once the balances show the points, so
    // that the order does not overtake its customer's capture (different topics).
    Map<String, Long> expectedPoints = new LinkedHashMap<>(earned);
    Map<String, Long> expectedReserved = new LinkedHashMap<>();
    try (TopicReader answers =
        TopicReader.fromEnd(TestInfrastructure.shared(), Topics.POINTS_RESERVATIONS.name())) {
      Set<String> redeemingOrders = publishRedeemingOrders(expectedPoints, expectedReserved);
      awaitOneAnswerEach(answers, redeemingOrders);
      awaitEveryBalanceThroughBoth(expectedPoints, expectedReserved);
      // Each instance owns some customers, so each answered some questions by forwarding them.
      assertThat(owners(expectedPoints.keySet()))
          .containsExactlyInAnyOrder(first.self(), second.self());
      assertUnknownCustomerIsProblem(first);
      assertUnknownCustomerIsProblem(second);

      // Lose an instance's state entirely: its customers come back from the changelog, first on
      // the instance that takes them over, then on the restarted one when they move back.
      second.stop();
      deleteRecursively(second.stateDir);
      awaitEveryBalanceThrough(first, expectedPoints, expectedReserved);
      second.start();
      awaitBothOwnSome(expectedPoints.keySet());
      awaitEveryBalanceThroughBoth(expectedPoints, expectedReserved);

      first.stop();
      deleteRecursively(first.stateDir);
      first.start();
      awaitBothOwnSome(expectedPoints.keySet());
      awaitEveryBalanceThroughBoth(expectedPoints, expectedReserved);
      // Exactly once: nothing was answered again through the restarts and restores.
      assertThat(answers.countKeys(redeemingOrders))
          .containsOnlyKeys(redeemingOrders)
          .allSatisfy((order, count) -> assertThat(count).as(order).isEqualTo(1));
    }
  }

  /**
   * Every odd customer (no refund, so 10 + i points) redeems {@link #REDEEMED} points on an order;
   * returns the orderIds.
   */
  private Set<String> publishRedeemingOrders(
      Map<String, Long> expectedPoints, Map<String, Long> expectedReserved) {
    TopicSerdes serdes = new TopicSerdes(TestInfrastructure.shared().clientConfig());
    Set<String> orderIds = new HashSet<>();
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
                  orderId,
                  order(customerId, orderId, 5_000, REDEEMED, Instant.now())));
          orderIds.add(orderId);
          expectedPoints.merge(customerId, -REDEEMED, Long::sum);
          expectedReserved.put(customerId, REDEEMED);
        }
      }
      orders.flush();
    }
    return orderIds;
  }

  private static void awaitOneAnswerEach(TopicReader answers, Set<String> orderIds) {
    await()
        .atMost(SETTLE)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(() -> assertThat(answers.countKeys(orderIds)).hasSameSizeAs(orderIds));
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
                orderId,
                captured(customerId, orderId, euros * 100, "EUR", at)));
        long points = euros;
        if (i % 2 == 0) {
          refunds.send(
              new ProducerRecord<>(
                  Topics.REFUNDS.name(),
                  orderId,
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

  private void awaitEveryBalanceThroughBoth(
      Map<String, Long> expectedPoints, Map<String, Long> expectedReserved) {
    await()
        .atMost(SETTLE)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              assertEveryBalance(first, expectedPoints, expectedReserved);
              assertEveryBalance(second, expectedPoints, expectedReserved);
            });
  }

  private void awaitEveryBalanceThrough(
      Instance instance, Map<String, Long> expectedPoints, Map<String, Long> expectedReserved) {
    await()
        .atMost(SETTLE)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(() -> assertEveryBalance(instance, expectedPoints, expectedReserved));
  }

  /** Available points as expected, and reserved ones ({@code expectedReserved}, else 0). */
  private void assertEveryBalance(
      Instance instance, Map<String, Long> expectedPoints, Map<String, Long> expectedReserved)
      throws Exception {
    for (Map.Entry<String, Long> customer : expectedPoints.entrySet()) {
      HttpResponse<String> response = instance.get(customer.getKey());
      assertThat(response.statusCode()).as("%s via %s", customer.getKey(), instance).isEqualTo(200);
      assertThat(response.body())
          .contains("\"customerId\":\"" + customer.getKey() + "\"")
          .contains("\"points\":" + customer.getValue() + ",")
          .contains(
              "\"reservedPoints\":" + expectedReserved.getOrDefault(customer.getKey(), 0L) + ",");
    }
  }

  private void assertUnknownCustomerIsProblem(Instance instance) throws Exception {
    HttpResponse<String> response = instance.get("never-seen-" + run);
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("content-type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(response.body()).contains("\"status\":404");
  }

  private Set<HostInfo> owners(Set<String> customers) {
    KafkaStreams streams = first.streams();
    return customers.stream()
        .map(
            customer ->
                streams
                    .queryMetadataForKey(
                        LoyaltyTopology.BALANCE_STORE, customer, Serdes.String().serializer())
                    .activeHost())
        .collect(Collectors.toSet());
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

    KafkaStreams streams() {
      return context.getBean(StreamsBuilderFactoryBean.class).getKafkaStreams();
    }

    HttpResponse<String> get(String customerId) throws IOException, InterruptedException {
      return http.send(
          HttpRequest.newBuilder(
                  URI.create(
                      "http://127.0.0.1:" + port + "/v1/customers/" + customerId + "/loyalty"))
              .timeout(Duration.ofSeconds(5))
              .build(),
          HttpResponse.BodyHandlers.ofString());
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
