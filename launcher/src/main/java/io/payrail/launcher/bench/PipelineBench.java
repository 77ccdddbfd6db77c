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

/**
 * (c) of the bench: latency at a fixed rate, with orders straight onto {@code orders} as upstream
 * systems send them; and the pieces (b)'s {@link OrderLoad} shares.
 */
final class PipelineBench {

  /**
   * placedAt → committed PaymentProcessed at a fixed offered rate, and the same orders' time split
   * into hops: where an order waits, not only how long.
   *
   * @param histogram placedAt → payment committed, milliseconds
   * @param hops the same orders by hop, milliseconds
   */
  record Latency(int rate, long orders, Histogram histogram, Hops hops) {}

  /**
   * The hops of (c), each from the wall clock of this one machine: {@code risk} placedAt → the risk
   * assessment committed on {@code order-risk} (risk-streams, its repartition and two exactly-once
   * commits); {@code payment} that commit → the payment record sent by the payment-processor (its
   * fetch, the ledger and the acquirer); {@code commit} sent → committed (the rest of its batch and
   * the transaction's commit). Together about the total; an order whose risk assessment the watcher
   * did not see has no {@code risk} and {@code payment} sample.
   */
  record Hops(Histogram risk, Histogram payment, Histogram commit) {

    static Hops empty() {
      return new Hops(histogram(), histogram(), histogram());
    }

    Hops copy() {
      return new Hops(copyOf(risk), copyOf(payment), copyOf(commit));
    }
  }

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
   * slow the last was (open loop), and records placedAt → committed payment, by hop.
   */
  Latency latency(int rate, Duration duration) {
    String phase = "lat";
    long orders = rate * duration.toSeconds();
    Map<String, Long> placedAt = new ConcurrentHashMap<>();
    Map<String, Long> riskAt = new ConcurrentHashMap<>();
    Histogram total = histogram();
    Hops hops = Hops.empty();
    ResultWatcher.Arrivals arrivals =
        new ResultWatcher.Arrivals() {
          @Override
          public void risk(String orderKey, long visibleAt) {
            Long placed = placedAt.get(orderKey);
            if (placed != null) {
              riskAt.put(orderKey, visibleAt);
              record(hops.risk(), visibleAt - placed);
            }
          }

          @Override
          public void payment(String orderKey, long sentAt, long visibleAt) {
            Long placed = placedAt.get(orderKey);
            if (placed == null) {
              return;
            }
            record(total, visibleAt - placed);
            Long risk = riskAt.remove(orderKey);
            if (risk != null) {
              record(hops.payment(), sentAt - risk);
            }
            record(hops.commit(), visibleAt - sentAt);
          }
        };
    try (ResultWatcher watcher = watcher(phase, arrivals);
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
        placedAt.put(key, order.getPlacedAt().toEpochMilli());
        producer.send(new ProducerRecord<>(Topics.ORDERS.name(), key, order));
      }
      producer.flush();
      awaitCompleted(watcher, orders);
      return new Latency(rate, orders, copyOf(total), hops.copy());
    }
  }

  private static Histogram histogram() {
    return new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
  }

  private static Histogram copyOf(Histogram histogram) {
    synchronized (histogram) {
      return histogram.copy();
    }
  }

  // Clocks of one machine, but a record's timestamp and a visibility seen by another process can
  // still be a millisecond apart in either direction: a negative hop counts as 0.
  private static void record(Histogram histogram, long millis) {
    synchronized (histogram) {
      histogram.recordValue(Math.max(0, Math.min(histogram.getHighestTrackableValue(), millis)));
    }
  }

  ResultWatcher watcher(String phase, ResultWatcher.Arrivals arrivals) {
    return new ResultWatcher(
        bootstrapServers,
        serdes,
        BenchOrders.orderKeyPrefix(runId, phase),
        BenchOrders.customerKeyPrefix(runId, phase),
        arrivals);
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
