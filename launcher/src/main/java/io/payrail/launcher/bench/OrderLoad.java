package io.payrail.launcher.bench;

import io.payrail.events.OrderPlaced;
import io.payrail.schemas.topics.Topics;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * (b)'s load: orders onto {@code orders} with at most {@code inFlight} of them between the producer
 * and the last committed balance; enough that no stage waits for work, bounded so that no backlog
 * grows without end. Its counter is orders through the whole pipeline.
 */
final class OrderLoad implements AutoCloseable {

  private static final String PHASE = "tp";

  private final ResultWatcher watcher;
  private final KafkaProducer<String, OrderPlaced> producer;
  private final AtomicBoolean producing = new AtomicBoolean(true);
  private final AtomicLong sent = new AtomicLong();
  private final Thread thread;

  OrderLoad(PipelineBench pipeline, String runId, int inFlight) {
    this.watcher = pipeline.watcher(PHASE, ResultWatcher.Arrivals.NONE);
    this.producer = pipeline.producer(20);
    this.thread =
        new Thread(
            () -> {
              while (producing.get()) {
                if (sent.get() - watcher.completed() >= inFlight) {
                  LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                  continue;
                }
                OrderPlaced order = BenchOrders.order(runId, PHASE, sent.getAndIncrement());
                producer.send(
                    new ProducerRecord<>(Topics.ORDERS.name(), BenchOrders.key(order), order));
              }
            },
            "bench-orders");
    thread.setDaemon(true);
    thread.start();
  }

  /** Orders through the pipeline: paid, and with their loyalty balance if captured. */
  long completed() {
    return watcher.completed();
  }

  /** Payments captured so far. */
  long captured() {
    return watcher.captured.get();
  }

  /** Stops sending and waits until every order sent is through the pipeline. */
  void drain() {
    producing.set(false);
    try {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.flush();
    PipelineBench.awaitCompleted(watcher, sent.get());
  }

  @Override
  public void close() {
    producing.set(false);
    producer.close();
    watcher.close();
  }
}
