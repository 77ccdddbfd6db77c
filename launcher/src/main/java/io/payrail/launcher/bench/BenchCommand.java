package io.payrail.launcher.bench;

import io.payrail.events.OrderPlaced;
import io.payrail.schemas.serde.TopicSerdes;
import io.payrail.schemas.topics.Topics;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * {@code ./payrail bench}: in one run on one broker, (a) the raw-Kafka baseline, (b) pipeline
 * throughput, (c) latency at a fixed rate, (d) the HTTP facade, then a table, a report and one JSON
 * line.
 */
public final class BenchCommand {

  /** Where the bench finds the pipeline it measures. */
  public record Target(
      String bootstrapServers, URI schemaRegistryUrl, URI facadeUrl, String apiKey) {}

  private BenchCommand() {}

  public static void run(List<String> args, Target target) {
    BenchOptions options = BenchOptions.parse(args);
    // The T keeps date and time apart: 14 digits joined by a hyphen could pass as a card number,
    // which the contract refuses in an orderId.
    String runId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss"));
    TopicSerdes serdes =
        new TopicSerdes(Map.of("schema.registry.url", target.schemaRegistryUrl().toString()));
    OrderPlaced sample = BenchOrders.order(runId, "sample", 0);
    int recordBytes =
        serdes
            .valueSerde(Topics.ORDERS)
            .serializer()
            .serialize(Topics.ORDERS.name(), sample)
            .length;

    progress("(a) raw Kafka baseline: %,d records of %d bytes", options.orders(), recordBytes);
    RawKafkaBaseline.Result baseline =
        RawKafkaBaseline.run(target.bootstrapServers(), runId, options.orders(), recordBytes);

    PipelineBench pipeline = new PipelineBench(target.bootstrapServers(), serdes, runId);
    progress("warm-up: %,d orders through the pipeline", options.warmupOrders());
    pipeline.throughput("warmup", options.warmupOrders());
    progress("(b) pipeline throughput: %,d orders", options.orders());
    PipelineBench.Throughput throughput = pipeline.throughput("pipeline", options.orders());
    progress(
        "(c) latency: %,d orders/s for %d s",
        options.rate(), options.latencyDuration().toSeconds());
    PipelineBench.Latency latency = pipeline.latency(options.rate(), options.latencyDuration());
    progress("(d) HTTP: %,d POSTs from %d clients", options.httpRequests(), options.httpClients());
    HttpBench.Result http =
        HttpBench.run(
            target.facadeUrl(),
            target.apiKey(),
            runId,
            options.httpRequests(),
            options.httpClients());

    BenchReport report = new BenchReport(baseline, throughput, latency, http);
    System.out.println(report.table());
    Path written = report.write(options.resultsDir(), runId);
    System.out.println("Report: " + written.resolve("report.json") + " and report.html");
    System.out.println(report.jsonLine());
  }

  private static void progress(String format, Object... args) {
    System.out.println("bench: " + String.format(format, args));
  }
}
