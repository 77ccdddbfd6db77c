package io.payrail.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.payrail.events.OrderPlaced;
import io.payrail.localstack.testing.CommandLine;
import io.payrail.localstack.testing.TestInfrastructure;
import io.payrail.localstack.testing.TopicReader;
import io.payrail.risk.topology.RiskFixtures;
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
 * The schema registry away while risk-streams starts: the orders waiting on {@code orders} cannot
 * be read, and they are neither dead-lettered nor skipped. The stream thread fails, waits a
 * back-off and is replaced, again (not in a hot loop) until the registry is back; then every order
 * is assessed exactly once.
 */
class RiskRegistryOutageTest {

  private static final int ORDERS = 20;
  private static final Duration SETTLE = Duration.ofSeconds(90);

  private final TestInfrastructure infra = TestInfrastructure.shared();
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Test
  void ordersWaitOutAnAwayRegistryAndAreAssessedOnceItIsBack() {
    Set<String> orderIds =
        IntStream.range(0, ORDERS)
            .mapToObj(i -> "outage-" + run + "-" + i)
            .collect(Collectors.toSet());
    Set<String> keys = orderIds.stream().map(RiskFixtures::key).collect(Collectors.toSet());
    produce(orderIds);

    Map<String, Integer> assessed;
    try (TopicReader results = TopicReader.fromEnd(infra, Topics.ORDER_RISK.name());
        ConfigurableApplicationContext risk = startRisk()) {
      MeterRegistry meters = risk.getBean(MeterRegistry.class);
      infra.withSchemaRegistryAway(
          () -> {
            risk.start();
            // A replaced stream thread ends with its exception: expected here, not a failure.
            await("stream threads replaced while the registry is away")
                .dontCatchUncaughtExceptions()
                .atMost(SETTLE)
                .until(() -> replacedForRegistry(meters) >= 2);
            assertThat(results.countKeys(keys)).isEmpty();
          });

      await("every order assessed once the registry is back")
          .dontCatchUncaughtExceptions()
          .atMost(SETTLE)
          .until(() -> results.countKeys(keys).keySet().containsAll(keys));
      assessed = results.countKeys(keys);
      // A back-off between attempts, not a hot loop: a handful of replacements, not hundreds.
      assertThat(replacedForRegistry(meters)).isLessThan(20);
    }
    assertThat(assessed.values()).as("assessments per order").containsOnly(1);
    assertThat(
            TopicReader.keysToEnd(infra, Topics.ORDERS.deadLetterTopic(), Duration.ofSeconds(30)))
        .doesNotContainAnyElementsOf(keys);
  }

  private ConfigurableApplicationContext startRisk() {
    Map<String, Object> properties = new HashMap<>(infra.kafkaSpringProperties());
    properties.put("spring.kafka.streams.application-id", "risk-outage-" + run);
    properties.put(
        "spring.kafka.streams.state-dir",
        TestInfrastructure.newTempDirectory("risk-outage-").toString());
    // Started by the test once the registry is away.
    properties.put("spring.kafka.streams.auto-startup", false);
    properties.put("payrail.risk.streams.session-timeout", "6s");
    properties.put("payrail.risk.streams.registry-backoff.initial", "200ms");
    properties.put("payrail.risk.streams.registry-backoff.max", "1s");
    properties.put("server.port", 0);
    return new SpringApplicationBuilder(RiskStreamsApplication.class)
        .run(CommandLine.of(properties));
  }

  private static double replacedForRegistry(MeterRegistry meters) {
    return meters.get(ReplaceThread.REPLACED).tag("cause", "registry-away").counter().count();
  }

  private void produce(Set<String> orderIds) {
    TopicSerdes serdes = new TopicSerdes(infra.clientConfig());
    try (KafkaProducer<String, OrderPlaced> producer =
        new KafkaProducer<>(
            infra.clientConfig(),
            new StringSerializer(),
            serdes.valueSerde(Topics.ORDERS).serializer())) {
      Instant placedAt = Instant.now();
      for (String orderId : orderIds) {
        producer.send(
            new ProducerRecord<>(
                Topics.ORDERS.name(),
                RiskFixtures.key(orderId),
                RiskFixtures.order(orderId, "customer-" + orderId, 1_000, placedAt)));
      }
      producer.flush();
    }
  }
}
