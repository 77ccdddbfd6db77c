package io.payrail.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.payrail.events.PaymentProcessed;
import io.payrail.localstack.testing.CommandLine;
import io.payrail.localstack.testing.TestInfrastructure;
import io.payrail.localstack.testing.TopicReader;
import io.payrail.loyalty.topology.LoyaltyFixtures;
import io.payrail.schemas.serde.TopicSerdes;
import io.payrail.schemas.topics.Topics;
import io.payrail.streams.lifecycle.ReplaceThread;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The schema registry away while loyalty-streams starts with captures waiting on {@code payments}:
 * none is dead-lettered or skipped; the stream thread is replaced after back-offs until the
 * registry is back, and then each capture earns its customer one balance, exactly once.
 */
class LoyaltyRegistryOutageTest {

  private static final int CUSTOMERS = 12;
  private static final Duration SETTLE = Duration.ofSeconds(90);

  private final TestInfrastructure infra = TestInfrastructure.shared();
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Test
  void capturesWaitOutAnAwayRegistryAndEachEarnsOnceItIsBack() {
    Set<String> customers =
        IntStream.range(0, CUSTOMERS)
            .mapToObj(i -> "outage-" + run + "-" + i)
            .collect(Collectors.toSet());
    // Balances are keyed merchantId/customerId.
    Set<String> customerKeys =
        customers.stream().map(LoyaltyFixtures::customerKey).collect(Collectors.toSet());
    Set<String> orders = capture(customers);

    Map<String, Integer> balances;
    try (TopicReader published = TopicReader.fromEnd(infra, Topics.LOYALTY_BALANCES.name());
        ConfigurableApplicationContext loyalty = startLoyalty()) {
      MeterRegistry meters = loyalty.getBean(MeterRegistry.class);
      infra.withSchemaRegistryAway(
          () -> {
            loyalty.start();
            // A replaced stream thread ends with its exception: expected here, not a failure.
            await("stream threads replaced while the registry is away")
                .dontCatchUncaughtExceptions()
                .atMost(SETTLE)
                .until(
                    () ->
                        meters
                                .get(ReplaceThread.REPLACED)
                                .tag("cause", "registry-away")
                                .counter()
                                .count()
                            >= 2);
            assertThat(published.countKeys(customerKeys)).isEmpty();
          });

      await("every capture applied once the registry is back")
          .dontCatchUncaughtExceptions()
          .atMost(SETTLE)
          .until(() -> published.countKeys(customerKeys).keySet().containsAll(customerKeys));
      balances = published.countKeys(customerKeys);
    }
    assertThat(balances.values()).as("balances per customer").containsOnly(1);
    assertThat(
            TopicReader.keysToEnd(infra, Topics.PAYMENTS.deadLetterTopic(), Duration.ofSeconds(30)))
        .doesNotContainAnyElementsOf(orders);
  }

  private ConfigurableApplicationContext startLoyalty() {
    Map<String, Object> properties = new HashMap<>(infra.kafkaSpringProperties());
    properties.put("spring.kafka.streams.application-id", "loyalty-outage-" + run);
    properties.put(
        "spring.kafka.streams.state-dir",
        TestInfrastructure.newTempDirectory("loyalty-outage-").toString());
    // Started by the test once the registry is away.
    properties.put("spring.kafka.streams.auto-startup", false);
    properties.put("payrail.loyalty.streams.session-timeout", "6s");
    properties.put("payrail.loyalty.streams.commit-interval", "100ms");
    properties.put("payrail.loyalty.streams.registry-backoff.initial", "200ms");
    properties.put("payrail.loyalty.streams.registry-backoff.max", "1s");
    properties.put("server.port", 0);
    return new SpringApplicationBuilder(LoyaltyStreamsApplication.class)
        .run(CommandLine.of(properties));
  }

  /** One capture of 25.00 EUR per customer; the keys of its orders ({@code merchantId/orderId}). */
  private Set<String> capture(Set<String> customers) {
    TopicSerdes serdes = new TopicSerdes(infra.clientConfig());
    try (KafkaProducer<String, PaymentProcessed> producer =
        new KafkaProducer<>(
            infra.clientConfig(),
            new StringSerializer(),
            serdes.valueSerde(Topics.PAYMENTS).serializer())) {
      Instant at = Instant.now();
      for (String customer : customers) {
        String orderId = "order-" + customer;
        producer.send(
            new ProducerRecord<>(
                Topics.PAYMENTS.name(),
                LoyaltyFixtures.orderKey(orderId),
                LoyaltyFixtures.captured(customer, orderId, 2_500, "EUR", at)));
      }
      producer.flush();
    }
    return customers.stream()
        .map(customer -> LoyaltyFixtures.orderKey("order-" + customer))
        .collect(Collectors.toSet());
  }
}
