package io.payrail.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.payrail.events.OrderPlaced;
import io.payrail.events.RiskAssessed;
import io.payrail.events.RiskDecision;
import io.payrail.localstack.testing.TestInfrastructure;
import io.payrail.risk.scoring.MicrometerRiskMetrics;
import io.payrail.risk.topology.RiskFixtures;
import io.payrail.schemas.serde.TopicSerdes;
import io.payrail.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The assembled service on the shared broker and registry: an order placed on {@code orders} comes
 * out assessed on {@code order-risk}, and the decision is counted. The context is closed after the
 * class so its streams client does not keep assessing other tests' orders.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext
class RiskStreamsApplicationTest {

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure infra = TestInfrastructure.shared();
    infra.kafkaSpringProperties().forEach((key, value) -> registry.add(key, () -> value));
    registry.add("spring.kafka.streams.application-id", () -> "risk-app-test-" + UUID.randomUUID());
    registry.add(
        "spring.kafka.streams.state-dir",
        () -> TestInfrastructure.newTempDirectory("risk-app-").toString());
  }

  @Autowired StreamsBuilderFactoryBean streams;
  @Autowired MeterRegistry meters;

  @Test
  void placedOrderIsAssessedOnOrderRisk() {
    TestInfrastructure infra = TestInfrastructure.shared();
    TopicSerdes serdes = new TopicSerdes(infra.clientConfig());
    String orderId = "app-" + UUID.randomUUID();
    OrderPlaced order =
        RiskFixtures.order(orderId, "app-customer-" + orderId, 2_500, Instant.now());
    String key = RiskFixtures.key(order);

    try (KafkaProducer<String, OrderPlaced> producer =
            new KafkaProducer<>(
                infra.clientConfig(),
                new StringSerializer(),
                serdes.valueSerde(Topics.ORDERS).serializer());
        KafkaConsumer<String, RiskAssessed> consumer = readCommitted(infra, serdes)) {
      producer.send(new ProducerRecord<>(Topics.ORDERS.name(), key, order));
      producer.flush();

      List<RiskAssessed> assessed = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                for (ConsumerRecord<String, RiskAssessed> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  if (key.equals(record.key())) {
                    assessed.add(record.value());
                  }
                }
                return !assessed.isEmpty();
              });

      assertThat(assessed)
          .singleElement()
          .satisfies(
              assessment -> {
                assertThat(assessment.getOrder()).isEqualTo(order);
                assertThat(assessment.getDecision()).isEqualTo(RiskDecision.APPROVE);
              });
    }
    assertThat(streams.getKafkaStreams().state()).isEqualTo(KafkaStreams.State.RUNNING);
    assertThat(
            meters
                .get(MicrometerRiskMetrics.DECISIONS)
                .tag("decision", RiskDecision.APPROVE.name())
                .counter()
                .count())
        .isPositive();
  }

  private static KafkaConsumer<String, RiskAssessed> readCommitted(
      TestInfrastructure infra, TopicSerdes serdes) {
    Map<String, Object> config = infra.clientConfig();
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    KafkaConsumer<String, RiskAssessed> consumer =
        new KafkaConsumer<>(
            config, new StringDeserializer(), serdes.valueSerde(Topics.ORDER_RISK).deserializer());
    List<TopicPartition> partitions =
        consumer.partitionsFor(Topics.ORDER_RISK.name()).stream()
            .map(info -> new TopicPartition(info.topic(), info.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    // seekToEnd is lazy: resolve the positions before the order is produced.
    partitions.forEach(consumer::position);
    return consumer;
  }
}
