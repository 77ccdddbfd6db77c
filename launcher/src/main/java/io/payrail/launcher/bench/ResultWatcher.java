package io.payrail.launcher.bench;

import io.payrail.events.PaymentProcessed;
import io.payrail.events.PaymentStatus;
import io.payrail.schemas.serde.TopicSerdes;
import io.payrail.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Watches the committed results of the pipeline ({@code read_committed}) from the end of the topics
 * as they were when it started: payments (by orderId prefix) and loyalty balances (by customerId
 * prefix). A record counts when its transaction is committed, which is when a downstream consumer
 * could see it.
 */
final class ResultWatcher implements AutoCloseable {

  private final String orderPrefix;
  private final String customerPrefix;
  private final Map<String, Long> sentAtMillis;
  private final BiConsumer<String, Long> latencyListener;
  private final TopicSerdes serdes;

  final AtomicLong payments = new AtomicLong();
  final AtomicLong captured = new AtomicLong();
  final AtomicLong balances = new AtomicLong();
  final Map<PaymentStatus, AtomicInteger> byStatus = new ConcurrentHashMap<>();

  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;

  /**
   * @param orderKeyPrefix the start of the keys ({@code merchantId/orderId}) of the orders counted
   * @param customerKeyPrefix the start of the keys ({@code merchantId/customerId}) of their
   *     customers' balances
   * @param sentAtMillis when each order was placed, by its key, for latency; may be empty
   * @param latencyListener called with (order key, latency millis) for each payment of a sent order
   */
  ResultWatcher(
      String bootstrapServers,
      TopicSerdes serdes,
      String orderKeyPrefix,
      String customerKeyPrefix,
      Map<String, Long> sentAtMillis,
      BiConsumer<String, Long> latencyListener) {
    this.serdes = serdes;
    this.orderPrefix = orderKeyPrefix;
    this.customerPrefix = customerKeyPrefix;
    this.sentAtMillis = sentAtMillis;
    this.latencyListener = latencyListener;
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : List.of(Topics.PAYMENTS.name(), Topics.LOYALTY_BALANCES.name())) {
      consumer
          .partitionsFor(topic)
          .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    // position() resolves the end offsets now, before the bench produces anything.
    partitions.forEach(consumer::position);
    this.thread = new Thread(() -> poll(consumer), "bench-result-watcher");
    thread.setDaemon(true);
    thread.start();
  }

  private void poll(KafkaConsumer<String, byte[]> consumer) {
    var paymentDeserializer = serdes.valueSerde(Topics.PAYMENTS).deserializer();
    try (consumer) {
      while (running.get()) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
          long receivedAt = System.currentTimeMillis();
          String key = record.key();
          if (key == null) {
            continue;
          }
          if (record.topic().equals(Topics.PAYMENTS.name())) {
            if (!key.startsWith(orderPrefix)) {
              continue;
            }
            PaymentProcessed payment =
                paymentDeserializer.deserialize(record.topic(), record.value());
            payments.incrementAndGet();
            byStatus
                .computeIfAbsent(payment.getStatus(), s -> new AtomicInteger())
                .incrementAndGet();
            if (payment.getStatus() == PaymentStatus.CAPTURED) {
              captured.incrementAndGet();
            }
            Long sentAt = sentAtMillis.get(key);
            if (sentAt != null) {
              latencyListener.accept(key, receivedAt - sentAt);
            }
          } else if (key.startsWith(customerPrefix)) {
            balances.incrementAndGet();
          }
        }
      }
    }
  }

  /**
   * Orders through the whole pipeline: a captured payment once its loyalty balance is committed
   * too, any other payment outcome at once (it earns no points).
   */
  long completed() {
    return balances.get() + payments.get() - captured.get();
  }

  @Override
  public void close() {
    running.set(false);
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
