package io.payrail.launcher.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * {@code POST /v1/orders} from concurrent keep-alive clients, each waiting for its answer (the
 * facade answers after Kafka's ack), every request a new order, until stopped. Latencies and
 * statuses are recorded only while {@link #recording} is on (the measured windows). The clients run
 * in the bench's JVM, never in the facade's.
 */
final class HttpLoad implements AutoCloseable {

  /**
   * What the recorded requests saw.
   *
   * @param clients concurrent clients
   * @param micros latency of each recorded request, microseconds
   * @param statuses recorded answers by HTTP status, -1 for an I/O error
   */
  record Result(int clients, Histogram micros, Map<Integer, Long> statuses) {}

  /** How long stopping waits for a client's request in flight. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(60);

  private final URI orders;
  private final String headers;
  private final String runId;
  private final AtomicLong next = new AtomicLong();
  private final AtomicLong answered = new AtomicLong();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicBoolean recording = new AtomicBoolean();
  private final Map<Integer, Long> statuses = new ConcurrentHashMap<>();
  private final List<Histogram> histograms = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();

  /**
   * Starts {@code clients} clients.
   *
   * @param runId distinguishes this run's orders (letters only)
   */
  HttpLoad(URI baseUrl, String apiKey, String runId, int clients) {
    this.orders = baseUrl.resolve("/v1/orders");
    this.headers = "Authorization: Bearer " + apiKey + "\r\nContent-Type: application/json\r\n";
    this.runId = runId;
    for (int c = 0; c < clients; c++) {
      Histogram histogram = new Histogram(HIGHEST_MICROS, 3);
      histograms.add(histogram);
      Thread thread = new Thread(() -> client(histogram), "bench-http-" + c);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
  }

  /** Requests answered so far, whatever the answer. */
  long answered() {
    return answered.get();
  }

  /** Turns recording of latencies and statuses on or off. */
  void recording(boolean on) {
    recording.set(on);
  }

  /** Stops the clients and returns what was recorded. */
  Result stop() {
    close();
    Histogram total = new Histogram(HIGHEST_MICROS, 3);
    for (Histogram histogram : histograms) {
      synchronized (histogram) {
        total.add(histogram);
      }
    }
    return new Result(threads.size(), total, new TreeMap<>(statuses));
  }

  private void client(Histogram histogram) {
    try (PostConnection connection = new PostConnection(orders, headers)) {
      while (running.get()) {
        long i = next.getAndIncrement();
        byte[] body =
            BenchOrders.json(
                    "bench-" + runId + "-" + i,
                    "bench-" + runId + "-c" + (i / BenchOrders.ORDERS_PER_CUSTOMER))
                .getBytes(StandardCharsets.UTF_8);
        long sent = System.nanoTime();
        int status;
        try {
          status = connection.post(body);
        } catch (IOException e) {
          status = -1;
        }
        answered.incrementAndGet();
        if (recording.get()) {
          synchronized (histogram) {
            histogram.recordValue(Math.min(HIGHEST_MICROS, (System.nanoTime() - sent) / 1_000));
          }
          statuses.merge(status, 1L, Long::sum);
        }
      }
    }
  }

  @Override
  public void close() {
    running.set(false);
    for (Thread thread : threads) {
      try {
        thread.join(REQUEST_TIMEOUT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
