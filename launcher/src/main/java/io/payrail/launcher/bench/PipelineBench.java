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
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Orders through the whole pipeline: throughput at full speed, latency at a fixed rate. */
final class PipelineBench {

  /** Orders per second from the first send until the last payment and balance are committed. */
  record Throughput(int orders, double seconds, double ordersPerSecond, int captured) {}

  /** placedAt → committed PaymentProcessed at a fixed offered rate. */
  record Latency(int rate, int orders, Histogram histogram) {}

  private final String bootstrapServers;
  private final TopicSerdes serdes;
  private final String runId;

  PipelineBench(String bootstrapServers, TopicSerdes serdes, String runId) {
    this.bootstrapServers = bootstrapServers;
    this.serdes = serdes;
    this.runId = runId;
  }

  Throughput throughput(String phase, int orders) {
    try (var watcher = watcher(phase, Map.of(), (id, ms) -> {});
        var producer = producer(20)) {
      long start = System.nanoTime();
      for (int i = 0; i < orders; i++) {
        OrderPlaced order = BenchOrders.order(runId, phase, i);
        producer.send(new ProducerRecord<>(Topics.ORDERS.name(), order.getOrderId(), order));
      }
      producer.flush();
      awaitResults(watcher, orders, Duration.ofSeconds(Math.max(120, orders / 500)));
      double seconds = RawKafkaBaseline.seconds(start);
      return new Throughput(orders, seconds, orders / seconds, watcher.captured.get());
    }
  }

  Latency latency(int rate, Duration duration) {
    String phase = "latency";
    int orders = (int) (rate * duration.toSeconds());
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    Histogram histogram = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
    try (var watcher =
            watcher(
                phase,
                sentAt,
                (id, ms) -> {
                  synchronized (histogram) {
                    histogram.recordValue(Math.max(0, ms));
                  }
                });
        var producer = producer(5)) {
      long start = System.nanoTime();
      long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
      for (int i = 0; i < orders; i++) {
        // Open-loop pacing: each order goes out at its scheduled time, however slow the last was.
        long due = start + i * intervalNanos;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        OrderPlaced order = BenchOrders.order(runId, phase, i);
        sentAt.put(order.getOrderId(), order.getPlacedAt().toEpochMilli());
        producer.send(new ProducerRecord<>(Topics.ORDERS.name(), order.getOrderId(), order));
      }
      producer.flush();
      awaitResults(watcher, orders, Duration.ofSeconds(120));
      synchronized (histogram) {
        return new Latency(rate, orders, histogram.copy());
      }
    }
  }

  private ResultWatcher watcher(
      String phase, Map<String, Long> sentAt, java.util.function.BiConsumer<String, Long> latency) {
    return new ResultWatcher(
        bootstrapServers,
        serdes,
        "bench-" + runId + "-" + phase + "-",
        BenchOrders.customerPrefix(runId, phase),
        sentAt,
        latency);
  }

  private KafkaProducer<String, OrderPlaced> producer(int lingerMs) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
    return new KafkaProducer<>(
        config, new StringSerializer(), serdes.valueSerde(Topics.ORDERS).serializer());
  }

  /** Waits for one payment per order and one balance per captured payment, or gives up. */
  private static void awaitResults(ResultWatcher watcher, int orders, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (watcher.payments.get() >= orders && watcher.balances.get() >= watcher.captured.get()) {
        return;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
    throw new IllegalStateException(
        "pipeline did not finish within "
            + timeout
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
