package io.payrail.launcher.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * {@code POST /v1/orders} from concurrent keep-alive clients, each waiting for its answer (the
 * facade answers after Kafka's ack). Runs in the same JVM as the pipeline, so it takes CPU from it:
 * the figure is what the box sustains with everything on it.
 */
final class HttpBench {

  /** What the HTTP run measured. */
  record Result(
      int requests,
      int clients,
      double requestsPerSecond,
      Histogram micros,
      Map<Integer, Integer> statuses) {}

  private HttpBench() {}

  static Result run(URI baseUrl, String apiKey, String runId, int requests, int clients) {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    // Warm-up: a tenth of the requests, not measured.
    fire(http, baseUrl, apiKey, runId + "-hw", Math.max(100, requests / 10), clients);
    return fire(http, baseUrl, apiKey, runId + "-h", requests, clients);
  }

  private static Result fire(
      HttpClient http, URI baseUrl, String apiKey, String runId, int requests, int clients) {
    AtomicInteger next = new AtomicInteger();
    Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<Histogram>> workers = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      workers.add(
          pool.submit(
              () -> {
                Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
                for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                  String orderId = "bench-" + runId + "-" + i;
                  String customerId =
                      "bench-" + runId + "-c" + (i / BenchOrders.ORDERS_PER_CUSTOMER);
                  HttpRequest request =
                      HttpRequest.newBuilder(baseUrl.resolve("/v1/orders"))
                          .timeout(Duration.ofSeconds(30))
                          .header("Authorization", "Bearer " + apiKey)
                          .header("Content-Type", "application/json")
                          .POST(
                              HttpRequest.BodyPublishers.ofString(
                                  BenchOrders.json(orderId, customerId)))
                          .build();
                  long sent = System.nanoTime();
                  int status;
                  try {
                    status =
                        http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                  } catch (java.io.IOException e) {
                    status = -1;
                  }
                  histogram.recordValue(
                      Math.min(
                          histogram.getHighestTrackableValue(),
                          (System.nanoTime() - sent) / 1_000));
                  statuses.merge(status, 1, Integer::sum);
                }
                return histogram;
              }));
    }
    Histogram total = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    try {
      for (Future<Histogram> worker : workers) {
        total.add(worker.get());
      }
    } catch (Exception e) {
      throw new IllegalStateException("HTTP bench failed", e);
    } finally {
      pool.shutdownNow();
    }
    double seconds = RawKafkaBaseline.seconds(start);
    return new Result(requests, clients, requests / seconds, total, Map.copyOf(statuses));
  }
}
