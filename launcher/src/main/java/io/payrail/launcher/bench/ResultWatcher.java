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
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Watches the committed results of the pipeline ({@code read_committed}) from the end of the topics
 * as they were when it started: payments (by orderId prefix) and loyalty balances (by customerId
 * prefix), and for the latency run the risk assessments too. A record counts when its transaction
 * is committed, which is when a downstream consumer could see it.
 */
final class ResultWatcher implements AutoCloseable {

  /**
   * When an order's results became visible, for the latency run's hops. Times are this machine's
   * wall clock in milliseconds, as the services' record timestamps are.
   */
  interface Arrivals {

    /** Counts only: the watcher does not read the risk assessments at all. */
    Arrivals NONE =
        new Arrivals() {
          @Override
          public void risk(String orderKey, long visibleAt) {}

          @Override
          public void payment(String orderKey, long sentAt, long visibleAt) {}
        };

    /** The order's risk assessment was committed on {@code order-risk}. */
    void risk(String orderKey, long visibleAt);

    /**
     * The order's payment was committed on {@code payments}; {@code sentAt} is its record's
     * timestamp, set by the payment-processor's producer when it sent the record, inside its
     * transaction.
     */
    void payment(String orderKey, long sentAt, long visibleAt);
  }

  private final String orderPrefix;
  private final String customerPrefix;
  private final Arrivals arrivals;
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
   * @param arrivals told of each risk assessment and payment of the counted orders; {@link
   *     Arrivals#NONE} to count only
   */
  ResultWatcher(
      String bootstrapServers,
      TopicSerdes serdes,
      String orderKeyPrefix,
      String customerKeyPrefix,
      Arrivals arrivals) {
    this.serdes = serdes;
    this.orderPrefix = orderKeyPrefix;
    this.customerPrefix = customerKeyPrefix;
    this.arrivals = arrivals;
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    List<String> topics =
        new ArrayList<>(List.of(Topics.PAYMENTS.name(), Topics.LOYALTY_BALANCES.name()));
    if (arrivals != Arrivals.NONE) {
      topics.add(Topics.ORDER_RISK.name());
    }
    for (String topic : topics) {
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
            arrivals.payment(key, record.timestamp(), receivedAt);
          } else if (record.topic().equals(Topics.ORDER_RISK.name())) {
            if (key.startsWith(orderPrefix)) {
              arrivals.risk(key, receivedAt);
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
