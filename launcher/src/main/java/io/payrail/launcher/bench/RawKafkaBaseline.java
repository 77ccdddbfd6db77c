package io.payrail.launcher.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
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
 * with {@code acks=all} and then consumed, with no Avro, no processing and no database.
 */
final class RawKafkaBaseline {

  /** What the baseline measured. */
  record Result(int records, int recordBytes, double produceRps, double consumeRps) {}

  private RawKafkaBaseline() {}

  static Result run(String bootstrapServers, String runId, int records, int recordBytes) {
    String topic = "bench-raw-" + runId;
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
      admin
          .createTopics(List.of(new NewTopic(topic, 12, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
      double produceRps = produce(bootstrapServers, topic, records, recordBytes);
      double consumeRps = consume(bootstrapServers, topic, records);
      admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
      return new Result(records, recordBytes, produceRps, consumeRps);
    } catch (Exception e) {
      throw new IllegalStateException("raw Kafka baseline failed", e);
    }
  }

  private static double produce(String bootstrapServers, String topic, int records, int size)
      throws Exception {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 65_536);
    byte[] value = new byte[size];
    List<String> keys = IntStream.range(0, records).mapToObj(i -> "order-" + i).toList();
    try (var producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      // One acknowledged record per partition first: a leader the controller announced may not yet
      // accept writes, and Kafka 4.1's idempotent producer can then loop on out-of-order
      // sequence errors. Not timed, not counted.
      for (var partition : producer.partitionsFor(topic)) {
        producer
            .send(new ProducerRecord<>(topic, partition.partition(), "warm-up", value))
            .get(30, TimeUnit.SECONDS);
      }
      long start = System.nanoTime();
      for (String key : keys) {
        producer.send(new ProducerRecord<>(topic, key, value));
      }
      producer.flush();
      return records / seconds(start);
    }
  }

  private static double consume(String bootstrapServers, String topic, int records) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long start = System.nanoTime();
      long deadline = start + TimeUnit.MINUTES.toNanos(5);
      // The warm-up records, one per partition, are not part of the measurement.
      int seen = -partitions.size();
      while (seen < records && System.nanoTime() < deadline) {
        seen += consumer.poll(Duration.ofMillis(100)).count();
      }
      return seen / seconds(start);
    }
  }

  /**
   * A producer that writes to a topic before every partition's leader reached the broker's metadata
   * gets NOT_LEADER answers, and its idempotent retries can then loop on out-of-order sequence
   * errors (seen with Kafka 4.1.2 here); so wait for the leaders first.
   */
  private static void awaitLeaders(Admin admin, String topic) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      try {
        var partitions =
            admin
                .describeTopics(List.of(topic))
                .allTopicNames()
                .get(5, TimeUnit.SECONDS)
                .get(topic)
                .partitions();
        if (partitions.stream().allMatch(p -> p.leader() != null)) {
          return;
        }
      } catch (java.util.concurrent.ExecutionException e) {
        // not in the broker's metadata yet
      }
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
    throw new IllegalStateException("no leaders for " + topic);
  }

  static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
