package io.payrail.launcher.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The bench's figures as a table, a JSON report, an HTML chart and one JSON line. */
final class BenchReport {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Map<String, Object> figures = new LinkedHashMap<>();

  BenchReport(
      RawKafkaBaseline.Result baseline,
      PipelineBench.Throughput pipeline,
      PipelineBench.Latency latency,
      HttpBench.Result http) {
    figures.put("baseline_produce_rps", round(baseline.produceRps()));
    figures.put("baseline_consume_rps", round(baseline.consumeRps()));
    figures.put("pipeline_orders_per_s", round(pipeline.ordersPerSecond()));
    figures.put(
        "ratio", Math.round(pipeline.ordersPerSecond() / baseline.produceRps() * 1000) / 1000.0);
    figures.put("latency_rate", latency.rate());
    figures.put("latency_p50_ms", latency.histogram().getValueAtPercentile(50));
    figures.put("latency_p99_ms", latency.histogram().getValueAtPercentile(99));
    figures.put("latency_p999_ms", latency.histogram().getValueAtPercentile(99.9));
    figures.put("latency_max_ms", latency.histogram().getMaxValue());
    figures.put("http_orders_per_s", round(http.requestsPerSecond()));
    figures.put("http_p50_ms", http.micros().getValueAtPercentile(50) / 1000.0);
    figures.put("http_p99_ms", http.micros().getValueAtPercentile(99) / 1000.0);
    figures.put("http_clients", http.clients());
    figures.put("http_statuses", http.statuses());
    figures.put("orders", pipeline.orders());
    figures.put("pipeline_captured", pipeline.captured());
    figures.put("baseline_record_bytes", baseline.recordBytes());
    figures.put("cores", Runtime.getRuntime().availableProcessors());
    figures.put("java", System.getProperty("java.version"));
  }

  String table() {
    return String.format(
        Locale.ROOT,
        """

        Payrail bench (%d cores, Java %s), everything in one JVM on one broker
        %-44s %12s
        %-44s %12.0f records/s
        %-44s %12.0f records/s
        %-44s %12.0f orders/s  (%.1f %% of raw produce)
        %-44s %12s
        %-44s %12d ms
        %-44s %12d ms
        %-44s %12d ms
        %-44s %12.0f requests/s (%d clients)
        %-44s %12.1f ms / p99 %.1f ms
        """,
        figures.get("cores"),
        figures.get("java"),
        "figure",
        "value",
        "(a) raw Kafka produce, acks=all (baseline)",
        (double) figures.get("baseline_produce_rps"),
        "(a) raw Kafka consume (baseline)",
        (double) figures.get("baseline_consume_rps"),
        "(b) pipeline, orders in to payment + balance",
        (double) figures.get("pipeline_orders_per_s"),
        (double) figures.get("ratio") * 100,
        "(c) latency at " + figures.get("latency_rate") + " orders/s, placedAt→payment",
        "",
        "    p50",
        (long) figures.get("latency_p50_ms"),
        "    p99",
        (long) figures.get("latency_p99_ms"),
        "    p99.9",
        (long) figures.get("latency_p999_ms"),
        "(d) HTTP POST /v1/orders",
        (double) figures.get("http_orders_per_s"),
        (int) figures.get("http_clients"),
        "(d) HTTP latency p50",
        (double) figures.get("http_p50_ms"),
        (double) figures.get("http_p99_ms"));
  }

  /** Writes report.json and report.html into a new directory under {@code resultsDir}. */
  Path write(Path resultsDir, String runId) {
    Path dir = resultsDir.resolve(runId);
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("report.json"), JSON.writeValueAsString(figures));
      Files.writeString(dir.resolve("report.html"), html());
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the bench report to " + dir, e);
    }
  }

  /** The last line the bench prints: every figure as one JSON object. */
  String jsonLine() {
    try {
      return new ObjectMapper().writeValueAsString(figures);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String html() {
    double[] rates = {
      (double) figures.get("baseline_produce_rps"),
      (double) figures.get("baseline_consume_rps"),
      (double) figures.get("pipeline_orders_per_s"),
      (double) figures.get("http_orders_per_s")
    };
    String[] labels = {"raw produce", "raw consume", "pipeline", "HTTP facade"};
    double max = 1;
    for (double rate : rates) {
      max = Math.max(max, rate);
    }
    StringBuilder bars = new StringBuilder();
    for (int i = 0; i < rates.length; i++) {
      int width = (int) (rates[i] / max * 600);
      int y = 20 + i * 40;
      bars.append(
          String.format(
              Locale.ROOT,
              "<text x='0' y='%d'>%s</text><rect x='120' y='%d' width='%d' height='24'"
                  + " fill='#3b7dd8'/><text x='%d' y='%d'>%,.0f/s</text>%n",
              y + 17,
              labels[i],
              y,
              width,
              126 + width,
              y + 17,
              rates[i]));
    }
    String latency =
        String.format(
            Locale.ROOT,
            "p50 %d ms, p99 %d ms, p99.9 %d ms at %d orders/s",
            figures.get("latency_p50_ms"),
            figures.get("latency_p99_ms"),
            figures.get("latency_p999_ms"),
            figures.get("latency_rate"));
    return """
        <!doctype html><html><head><meta charset="utf-8"><title>Payrail bench</title></head>
        <body style="font-family:sans-serif">
        <h1>Payrail bench</h1>
        <h2>Throughput</h2>
        <svg width="820" height="180" font-size="14">%s</svg>
        <h2>Latency, placedAt → committed PaymentProcessed</h2><p>%s</p>
        <pre>%s</pre>
        </body></html>
        """
        .formatted(bars, latency, jsonLine());
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
