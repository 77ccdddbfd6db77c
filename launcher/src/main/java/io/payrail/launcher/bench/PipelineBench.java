package io.payrail.launcher.bench;

import io.payrail.events.OrderPlaced;
import io.payrail.schemas.serde.TopicSerdes;
import io.payrail.schemas.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * (c) of the bench: latency at a fixed rate, with orders straight onto {@code orders} as upstream
 * systems send them; and the pieces (b)'s {@link OrderLoad} shares.
 */
final class PipelineBench {

  /** placedAt → committed PaymentProcessed at a fixed offered rate. */
  record Latency(int rate, long orders, Histogram histogram) {}

  private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(3);

  private final String bootstrapServers;
  private final TopicSerdes serdes;
  private final String runId;

  PipelineBench(String bootstrapServers, TopicSerdes serdes, String runId) {
    this.bootstrapServers = bootstrapServers;
    this.serdes = serdes;
    this.runId = runId;
  }

  /**
   * Offers {@code rate} orders per second for {@code duration}, each at its scheduled time however
   * slow the last was (open loop), and records placedAt → committed payment.
   */
  Latency latency(int rate, Duration duration) {
    String phase = "lat";
    long orders = rate * duration.toSeconds();
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    Histogram histogram = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
    try (ResultWatcher watcher =
            watcher(
                phase,
                sentAt,
                (id, ms) -> {
                  synchronized (histogram) {
                    histogram.recordValue(Math.min(histogram.getHighestTrackableValue(), ms));
                  }
                });
        KafkaProducer<String, OrderPlaced> producer = producer(5)) {
      long start = System.nanoTime();
      long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
      for (long i = 0; i < orders; i++) {
        long wait = start + i * intervalNanos - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        OrderPlaced order = BenchOrders.order(runId, phase, i);
        String key = BenchOrders.key(order);
        sentAt.put(key, order.getPlacedAt().toEpochMilli());
        producer.send(new ProducerRecord<>(Topics.ORDERS.name(), key, order));
      }
      producer.flush();
      awaitCompleted(watcher, orders);
      synchronized (histogram) {
        return new Latency(rate, orders, histogram.copy());
      }
    }
  }

  ResultWatcher watcher(String phase, Map<String, Long> sentAt, BiConsumer<String, Long> latency) {
    return new ResultWatcher(
        bootstrapServers,
        serdes,
        BenchOrders.orderKeyPrefix(runId, phase),
        BenchOrders.customerKeyPrefix(runId, phase),
        sentAt,
        latency);
  }

  KafkaProducer<String, OrderPlaced> producer(int lingerMs) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
    return new KafkaProducer<>(
        config, new StringSerializer(), serdes.valueSerde(Topics.ORDERS).serializer());
  }

  /** Waits until every order sent is through the pipeline, or fails saying how far it got. */
  static void awaitCompleted(ResultWatcher watcher, long orders) {
    long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (watcher.completed() >= orders) {
        return;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
    throw new IllegalStateException(
        "pipeline did not finish within "
            + DRAIN_TIMEOUT
            + ": "
            + watcher.payments.get()
            + " of "
            + orders
            + " payments, "
            + watcher.balances.get()
            + " of "
            + watcher.captured.get()
            + " balances; statuses "
            + watcher.byStatus);
  }
}
