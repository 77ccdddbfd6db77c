package io.payrail.launcher.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What {@code ./payrail bench} measures and how much.
 *
 * @param orders records in the raw-Kafka baseline and orders in the pipeline throughput run
 * @param warmupOrders orders through the pipeline before anything is measured (JIT warm-up)
 * @param rate orders per second offered during the latency run
 * @param latencyDuration how long the latency run offers orders at that rate
 * @param httpRequests POSTs in the HTTP run (after a tenth of that as warm-up)
 * @param httpClients concurrent keep-alive HTTP clients
 * @param resultsDir where the JSON report and the chart are written
 */
public record BenchOptions(
    int orders,
    int warmupOrders,
    int rate,
    Duration latencyDuration,
    int httpRequests,
    int httpClients,
    Path resultsDir) {

  static BenchOptions parse(List<String> args) {
    int orders = 100_000;
    Integer warmup = null;
    int rate = 1_000;
    int latencySeconds = 15;
    int httpRequests = 20_000;
    int httpClients = 64;
    Path results = Path.of("bench-results");
    for (int i = 0; i < args.size(); i++) {
      String option = args.get(i);
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      String value = args.get(++i);
      switch (option) {
        case "--orders" -> orders = positive(option, value);
        case "--warmup" -> warmup = positive(option, value);
        case "--rate" -> rate = positive(option, value);
        case "--latency-seconds" -> latencySeconds = positive(option, value);
        case "--http-requests" -> httpRequests = positive(option, value);
        case "--http-clients" -> httpClients = positive(option, value);
        case "--results" -> results = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
    return new BenchOptions(
        orders,
        warmup != null ? warmup : Math.max(1_000, orders / 5),
        rate,
        Duration.ofSeconds(latencySeconds),
        httpRequests,
        httpClients,
        results);
  }

  private static int positive(String option, String value) {
    try {
      int number = Integer.parseInt(value.replace("_", ""));
      if (number > 0) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(option + " needs a positive number, got " + value);
  }
}
