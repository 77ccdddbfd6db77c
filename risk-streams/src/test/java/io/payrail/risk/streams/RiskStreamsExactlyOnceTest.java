package io.payrail.risk.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.payrail.events.OrderPlaced;
import io.payrail.events.RiskAssessed;
import io.payrail.localstack.testing.TestInfrastructure;
import io.payrail.risk.rules.RiskRules;
import io.payrail.risk.scoring.RiskMetrics;
import io.payrail.risk.topology.RiskFixtures;
import io.payrail.risk.topology.RiskTopology;
import io.payrail.schemas.serde.TopicSerdes;
import io.payrail.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real broker, registry and exactly_once_v2: every order is assessed once, no more, no less,
 * even when a stream thread dies mid-transaction and when the whole instance is dropped without a
 * clean shutdown and another one (with empty local state) takes over.
 */
class RiskStreamsExactlyOnceTest {

  private static final Logger log = LoggerFactory.getLogger(RiskStreamsExactlyOnceTest.class);
  private static final int ORDERS_PER_PHASE = 150;
  private static final int CUSTOMERS = 10;
  private static final int REPEATS = 20;
  private static final Duration ARRIVAL = Duration.ofSeconds(60);

  private final TestInfrastructure infra = TestInfrastructure.shared();
  private final TopicSerdes serdes = new TopicSerdes(infra.clientConfig());
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String applicationId = "risk-eos-test-" + run;

  /** Kills the stream thread with an exception once, after some assessments, before forwarding. */
  private static final class CrashOnce implements RiskMetrics {
    private final int crashAt;
    private final AtomicInteger assessed = new AtomicInteger();
    private final AtomicBoolean crashed = new AtomicBoolean();

    CrashOnce(int crashAt) {
      this.crashAt = crashAt;
    }

    @Override
    public void assessed(RiskAssessed assessment) {
      if (assessed.incrementAndGet() >= crashAt && crashed.compareAndSet(false, true)) {
        throw new IllegalStateException("simulated crash in the middle of a transaction");
      }
    }

    @Override
    public void repeatedOrderDropped(OrderPlaced order) {}
  }

  @Test
  void everyOrderIsAssessedExactlyOnceAcrossACrashAndAnAbruptRestart() {
    List<OrderPlaced> phaseOne = orders(0);
    List<OrderPlaced> phaseTwo = orders(ORDERS_PER_PHASE);
    Set<String> expected =
        IntStream.range(0, 2 * ORDERS_PER_PHASE)
            .mapToObj(i -> RiskFixtures.key(orderId(i)))
            .collect(Collectors.toSet());
    CrashOnce crash = new CrashOnce(ORDERS_PER_PHASE / 3);

    try (KafkaProducer<String, OrderPlaced> producer = producer();
        KafkaConsumer<String, RiskAssessed> results = readCommitted()) {
      Map<String, Integer> seen = new HashMap<>();
      produce(producer, phaseOne);

      KafkaStreams first = start(crash);
      try {
        await("phase one assessed after the thread crash")
            .atMost(ARRIVAL)
            .until(() -> collect(results, seen).size() >= ORDERS_PER_PHASE);
        assertThat(crash.crashed).isTrue();
        log.info("Phase one assessed across a stream-thread crash");

        produce(producer, phaseTwo);
        // Repeats of orders already assessed must be dropped, not assessed twice.
        produce(producer, phaseOne.subList(0, REPEATS));
        await("some of phase two in flight")
            .atMost(ARRIVAL)
            .until(() -> collect(results, seen).size() > ORDERS_PER_PHASE);
        // Abrupt: do not wait for the threads to commit or close.
        first.close(Duration.ZERO);
        log.info("First instance dropped with {} orders assessed", seen.size());

        KafkaStreams second = start(RiskMetrics.NONE);
        try {
          await("every order assessed after the restart")
              .atMost(ARRIVAL)
              .until(() -> collect(results, seen).keySet().containsAll(expected));
          log.info("Every order assessed after the restart");
        } finally {
          second.close(Duration.ofSeconds(30));
        }
      } finally {
        first.close(Duration.ofSeconds(30));
      }
    }

    Map<String, Integer> committed = readAllCommitted(expected);
    assertThat(committed.keySet()).isEqualTo(expected);
    assertThat(committed.values()).as("assessments per order").containsOnly(1);
  }

  private KafkaStreams start(RiskMetrics metrics) {
    RiskStreamsProperties shipped = RiskFixtures.shippedStreams();
    Properties config = new Properties();
    config.putAll(shipped.streamsSettings());
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
    config.put("schema.registry.url", infra.schemaRegistryUrl().toString());
    // A new directory per instance: the second one restores its state from the changelogs.
    config.put(
        StreamsConfig.STATE_DIR_CONFIG,
        TestInfrastructure.newTempDirectory("risk-eos-").toString());
    // The broker's minimum: the dropped instance's partitions move on sooner.
    config.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6_000);
    KafkaStreams streams =
        new KafkaStreams(
            RiskTopology.topology(
                new StreamsBuilder(),
                shipped.topologySettings(),
                new RiskRules(RiskFixtures.shippedRules()),
                serdes,
                metrics),
            config);
    streams.setUncaughtExceptionHandler(e -> StreamThreadExceptionResponse.REPLACE_THREAD);
    streams.start();
    return streams;
  }

  private String orderId(int i) {
    return "eos-" + run + "-" + i;
  }

  private List<OrderPlaced> orders(int from) {
    Instant base = Instant.now();
    List<OrderPlaced> orders = new ArrayList<>();
    for (int i = from; i < from + ORDERS_PER_PHASE; i++) {
      orders.add(
          RiskFixtures.order(
              orderId(i),
              "eos-" + run + "-customer-" + i % CUSTOMERS,
              1_000 + i,
              base.plusMillis(i)));
    }
    return orders;
  }

  private void produce(KafkaProducer<String, OrderPlaced> producer, List<OrderPlaced> orders) {
    for (OrderPlaced order : orders) {
      producer.send(new ProducerRecord<>(Topics.ORDERS.name(), RiskFixtures.key(order), order));
    }
    producer.flush();
  }

  private KafkaProducer<String, OrderPlaced> producer() {
    Map<String, Object> config = infra.clientConfig();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(
        config, new StringSerializer(), serdes.valueSerde(Topics.ORDERS).serializer());
  }

  private KafkaConsumer<String, RiskAssessed> readCommitted() {
    Map<String, Object> config = infra.clientConfig();
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    KafkaConsumer<String, RiskAssessed> consumer =
        new KafkaConsumer<>(
            config, new StringDeserializer(), serdes.valueSerde(Topics.ORDER_RISK).deserializer());
    List<TopicPartition> partitions =
        consumer.partitionsFor(Topics.ORDER_RISK.name()).stream()
            .map(info -> new TopicPartition(info.topic(), info.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return consumer;
  }

  /** Adds what one poll returns for this run's orders to the counts per order key. */
  private Map<String, Integer> collect(
      KafkaConsumer<String, RiskAssessed> consumer, Map<String, Integer> counts) {
    for (ConsumerRecord<String, RiskAssessed> record : consumer.poll(Duration.ofMillis(200))) {
      if (record.key().startsWith(RiskFixtures.key("eos-" + run + "-"))) {
        counts.merge(record.key(), 1, Integer::sum);
      }
    }
    return counts;
  }

  /** Everything committed to order-risk for this run, read to the end. */
  private Map<String, Integer> readAllCommitted(Set<String> expected) {
    try (KafkaConsumer<String, RiskAssessed> consumer = readCommitted()) {
      Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
      Map<String, Integer> counts = new HashMap<>();
      await("order-risk read to its last stable offset")
          .atMost(ARRIVAL)
          .until(
              () -> {
                collect(consumer, counts);
                return end.entrySet().stream()
                    .allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
              });
      return counts;
    }
  }
}
