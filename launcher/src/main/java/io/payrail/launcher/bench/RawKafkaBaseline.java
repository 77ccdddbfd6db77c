package io.payrail.launcher.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The physical limit of this machine and broker: records of an {@code OrderPlaced}'s size produced
 * with {@code acks=all} as fast as the broker takes them, then consumed, with no Avro, no
 * processing and no database. Both in steady state.
 */
final class RawKafkaBaseline {

  /** What the baseline measured. */
  record Result(int recordBytes, PhaseResult produce, PhaseResult consume) {

    double produceRps() {
      return produce.rate();
    }

    double consumeRps() {
      return consume.rate();
    }
  }

  /** Consuming is several times faster than producing what it reads: shorter windows. */
  private static final Duration CONSUME_WINDOW = Duration.ofSeconds(1);

  private RawKafkaBaseline() {}

  /** The topic the baseline writes, left out of the pipeline's costs. */
  static String topic(String runId) {
    return "bench-raw-" + runId;
  }

  static Result run(
      Admin admin,
      String bootstrapServers,
      String runId,
      int recordBytes,
      PhaseRunner runner,
      PhaseRunner.Listener produceListener,
      PhaseRunner.Listener consumeListener) {
    String topic = topic(runId);
    try {
      admin
          .createTopics(List.of(new NewTopic(topic, 12, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
      PhaseResult produce = produce(bootstrapServers, topic, recordBytes, runner, produceListener);
      PhaseResult consume =
          consume(
              bootstrapServers,
              topic,
              new PhaseRunner(runner.rule().withWindow(CONSUME_WINDOW), PhaseRunner.Ticker.SYSTEM),
              consumeListener);
      admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
      return new Result(recordBytes, produce, consume);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted in the raw Kafka baseline", e);
    } catch (Exception e) {
      throw new IllegalStateException("raw Kafka baseline failed", e);
    }
  }

  private static PhaseResult produce(
      String bootstrapServers,
      String topic,
      int size,
      PhaseRunner runner,
      PhaseRunner.Listener listener)
      throws Exception {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 65_536);
    byte[] value = new byte[size];
    AtomicLong acked = new AtomicLong();
    AtomicBoolean producing = new AtomicBoolean(true);
    try (var producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      // One acknowledged record per partition first: a leader the controller announced may not yet
      // accept writes, and Kafka 4.1's idempotent producer can then loop on out-of-order
      // sequence errors. Not counted.
      for (var partition : producer.partitionsFor(topic)) {
        producer
            .send(new ProducerRecord<>(topic, partition.partition(), "warm-up", value))
            .get(30, TimeUnit.SECONDS);
      }
      Thread load =
          new Thread(
              () -> {
                // send() blocks when the producer's buffer is full: the broker sets the pace.
                for (long i = 0; producing.get(); i++) {
                  producer.send(
                      new ProducerRecord<>(topic, "order-" + i, value),
                      (metadata, exception) -> {
                        if (exception == null) {
                          acked.incrementAndGet();
                        }
                      });
                }
              },
              "bench-raw-produce");
      load.setDaemon(true);
      load.start();
      PhaseResult result =
          runner.run("raw produce", "records", acked::get, 0, () -> false, listener);
      producing.set(false);
      load.join(TimeUnit.SECONDS.toMillis(30));
      producer.flush();
      return result;
    }
  }

  private static PhaseResult consume(
      String bootstrapServers, String topic, PhaseRunner runner, PhaseRunner.Listener listener)
      throws InterruptedException {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
    AtomicLong seen = new AtomicLong();
    AtomicBoolean consuming = new AtomicBoolean(true);
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long available = consumer.endOffsets(partitions).values().stream().mapToLong(l -> l).sum();
      Thread load =
          new Thread(
              () -> {
                while (consuming.get()) {
                  seen.addAndGet(consumer.poll(Duration.ofMillis(100)).count());
                }
              },
              "bench-raw-consume");
      load.setDaemon(true);
      load.start();
      PhaseResult result =
          runner.run(
              "raw consume", "records", seen::get, 0, () -> seen.get() >= available, listener);
      consuming.set(false);
      load.join(TimeUnit.SECONDS.toMillis(30));
      return result;
    }
  }
}
