package io.payrail.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.payrail.audit.deadletter.DeadLetter;
import io.payrail.audit.deadletter.DeadLetterSettings;
import io.payrail.audit.deadletter.DeadLetters;
import io.payrail.audit.deadletter.ReplayResult;
import io.payrail.events.OrderPlaced;
import io.payrail.localstack.registry.LocalSchemaRegistry;
import io.payrail.localstack.testing.CommandLine;
import io.payrail.localstack.testing.TestInfrastructure;
import io.payrail.localstack.testing.TopicReader;
import io.payrail.risk.topology.RiskFixtures;
import io.payrail.schemas.compatibility.CompatibilityLevel;
import io.payrail.schemas.serde.TopicSerdes;
import io.payrail.schemas.topics.Topics;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A risk dead letter, replayed after its cause is fixed, is scored. The cause here: risk-streams
 * pointed at another environment's (empty) schema registry, so every order's schema id is unknown
 * and the order is a dead letter. Once it runs against the right registry, {@code ./payrail dlt
 * replay orders} (audit's {@link DeadLetters}) puts the order back on {@code orders}, the topic its
 * dead letter names, and risk-streams assesses it on {@code order-risk}.
 */
class RiskDeadLetterReplayTest {

  private static final Duration SETTLE = Duration.ofSeconds(60);

  private final TestInfrastructure infra = TestInfrastructure.shared();
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String applicationId = "risk-replay-" + run;

  @Test
  void riskDeadLetterReplayedOntoOrdersIsScored() {
    String orderId = "replayed-" + run;
    String key = RiskFixtures.key(orderId);

    try (TopicReader deadLetters = TopicReader.fromEnd(infra, Topics.ORDERS.deadLetterTopic());
        TopicReader assessments = TopicReader.fromEnd(infra, Topics.ORDER_RISK.name())) {
      try (LocalSchemaRegistry wrongRegistry =
              LocalSchemaRegistry.start(
                  infra.bootstrapServers(), "_schemas-" + run, 0, CompatibilityLevel.BACKWARD);
          ConfigurableApplicationContext misconfigured = startRisk(wrongRegistry.url())) {
        produce(orderId);
        await("the order dead-lettered by the misconfigured risk-streams")
            .atMost(SETTLE)
            .until(() -> deadLetters.countKeys(Set.of(key)).containsKey(key));
      }
      assertThat(assessments.countKeys(Set.of(key))).isEmpty();
      assertThat(
              new DeadLetters(new DeadLetterSettings(infra.bootstrapServers(), Map.of(), SETTLE))
                  .list(Topics.ORDERS.name()))
          .filteredOn(letter -> key.equals(letter.key()))
          .extracting(DeadLetter::originalTopic)
          .containsExactly(Topics.ORDERS.name());

      try (ConfigurableApplicationContext fixed = startRisk(infra.schemaRegistryUrl())) {
        ReplayResult replay =
            new DeadLetters(new DeadLetterSettings(infra.bootstrapServers(), Map.of(), SETTLE))
                .replay(Topics.ORDERS.name());

        assertThat(replay.byOriginalTopic()).containsOnlyKeys(Topics.ORDERS.name());
        assertThat(replay.refused()).isEmpty();
        await("the replayed order assessed")
            .atMost(SETTLE)
            .until(() -> assessments.countKeys(Set.of(key)).containsKey(key));
        assertThat(assessments.countKeys(Set.of(key))).containsEntry(key, 1);
      }
    }
  }

  private ConfigurableApplicationContext startRisk(URI schemaRegistry) {
    Map<String, Object> properties = new HashMap<>(infra.kafkaSpringProperties());
    properties.put("spring.kafka.properties.schema.registry.url", schemaRegistry);
    properties.put("spring.kafka.streams.application-id", applicationId);
    properties.put(
        "spring.kafka.streams.state-dir",
        TestInfrastructure.newTempDirectory("risk-replay-").toString());
    properties.put("server.port", 0);
    return new SpringApplicationBuilder(RiskStreamsApplication.class)
        .run(CommandLine.of(properties));
  }

  private void produce(String orderId) {
    TopicSerdes serdes = new TopicSerdes(infra.clientConfig());
    OrderPlaced order = RiskFixtures.order(orderId, "customer-" + orderId, 1_000, Instant.now());
    try (KafkaProducer<String, OrderPlaced> producer =
        new KafkaProducer<>(
            infra.clientConfig(),
            new StringSerializer(),
            serdes.valueSerde(Topics.ORDERS).serializer())) {
      producer.send(new ProducerRecord<>(Topics.ORDERS.name(), RiskFixtures.key(order), order));
      producer.flush();
    }
  }
}
