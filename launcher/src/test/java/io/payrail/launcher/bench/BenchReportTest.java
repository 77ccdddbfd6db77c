package io.payrail.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's figures from synthetic phases: the JSON line, the ladder's verdict, the files. */
class BenchReportTest {

  private static final long SECOND = 1_000_000_000L;

  /** A steady phase: two warm-up windows, three measured ones, all at {@code rate}. */
  private static PhaseResult steady(String phase, String unit, double rate) {
    List<Window> windows = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      windows.add(new Window(i * 5.0, 5, Math.round(rate * 5), rate, i >= 2));
    }
    return new PhaseResult(
        phase, unit, windows, true, false, false, rate, Math.round(rate * 15), 15);
  }

  /** The cost of {@code units} units with {@code records} records and one process's CPU. */
  private static Cost cost(long units, long records, long cpuNanos) {
    return Cost.between(
        new CostSnapshot(0, 0, Map.of("orders", 0L), null, Map.of("stack JVM", 0L)),
        new CostSnapshot(
            10 * SECOND, units, Map.of("orders", records), null, Map.of("stack JVM", cpuNanos)),
        Set.of());
  }

  private static StageLadder.StageResult stage(StageLadder.Stage stage, double ordersPerSecond) {
    PhaseResult phase =
        steady("stage " + stage.name(), "orders", ordersPerSecond * stage.unitsPerOrder());
    return new StageLadder.StageResult(
        stage, new Measured(phase, cost(1_000, 5_000, SECOND), Map.of()), ordersPerSecond);
  }

  private static BenchReport report() {
    BenchOptions options =
        new BenchOptions(
            BenchOptions.Layout.PER_SERVICE,
            1,
            new SteadyState(
                Duration.ofSeconds(5), 3, 0.05, Duration.ofSeconds(30), Duration.ofSeconds(15)),
            Duration.ofSeconds(120),
            5_000,
            20_000,
            1_000,
            Duration.ofSeconds(10),
            2_000,
            64,
            Set.of("facade", "risk", "payment", "loyalty", "status_view"),
            500_000,
            false,
            List.of(),
            Path.of("bench-results"));
    BenchReport.Builder builder = new BenchReport.Builder(options);
    builder.baseline(
        new RawKafkaBaseline.Result(
            134,
            steady("raw produce", "records", 200_000),
            steady("raw consume", "records", 700_000)));
    // 2,500 orders/s writing 20 records each: the broker's 200,000 records/s allow 10,000.
    builder.pipeline(
        new Measured(
            steady("pipeline", "orders", 2_500), cost(25_000, 500_000, 20 * SECOND), Map.of()));
    builder.captured(40_000);
    Histogram latency = new Histogram(60_000, 3);
    latency.recordValue(150);
    latency.recordValue(290);
    PipelineBench.Hops hops = PipelineBench.Hops.empty();
    hops.risk().recordValue(60);
    hops.risk().recordValue(90);
    hops.payment().recordValue(40);
    hops.payment().recordValue(150);
    hops.commit().recordValue(50);
    hops.commit().recordValue(50);
    builder.latency(new PipelineBench.Latency(1_000, 10_000, latency, hops));
    Histogram micros = new Histogram(60_000_000, 3);
    micros.recordValue(32_000);
    builder.http(
        new BenchReport.Http(
            new Measured(steady("http", "requests", 1_800), null, Map.of()),
            new HttpLoad.Result(64, micros, Map.of(202, 27_000L))));
    builder.ladder(
        List.of(
            stage(StageLadder.FACADE, 1_900),
            stage(StageLadder.RISK, 6_000),
            stage(StageLadder.PAYMENT, 3_100),
            stage(StageLadder.LOYALTY, 7_000),
            stage(StageLadder.STATUS_VIEW, 4_000)));
    return builder.build();
  }

  @Test
  void theJsonLineKeepsItsKeysAndAddsTheLadderAndTheCosts() throws Exception {
    JsonNode line = new ObjectMapper().readTree(report().jsonLine());

    assertThat(line.fieldNames())
        .toIterable()
        .contains(
            "baseline_produce_rps",
            "baseline_consume_rps",
            "pipeline_orders_per_s",
            "ratio",
            "latency_rate",
            "latency_p50_ms",
            "latency_p99_ms",
            "latency_p999_ms",
            "latency_max_ms",
            "http_orders_per_s",
            "http_p50_ms",
            "http_p99_ms",
            "http_clients",
            "http_statuses",
            "orders",
            "pipeline_captured",
            "baseline_record_bytes",
            "cores",
            "java",
            "stage_orders_per_s",
            "records_per_order",
            "cpu_ms_per_order",
            "layout");
    assertThat(line.get("layout").asText()).isEqualTo("per-service");
    assertThat(line.get("pipeline_orders_per_s").asDouble()).isEqualTo(2_500);
    assertThat(line.get("ratio").asDouble()).isEqualTo(0.013);
    assertThat(line.get("records_per_order").asDouble()).isEqualTo(20);
    assertThat(line.get("write_bound_ceiling_orders_per_s").asDouble()).isEqualTo(10_000);
    assertThat(line.get("ceiling_ratio").asDouble()).isEqualTo(0.25);
    assertThat(line.get("cpu_ms_per_order").asDouble()).isCloseTo(0.8, within(1e-9));
    assertThat(line.get("stage_orders_per_s").get("payment").asDouble()).isEqualTo(3_100);
    assertThat(line.get("stage_orders_per_s").get("status_view").asDouble()).isEqualTo(4_000);
    assertThat(line.get("steady").get("pipeline").asText()).isEqualTo("steady");
  }

  @Test
  void theLatencyIsSplitIntoItsHopsSoTheReportSaysWhereAnOrderWaits() throws Exception {
    BenchReport report = report();

    JsonNode hops = new ObjectMapper().readTree(report.jsonLine()).get("latency_hops_ms");
    assertThat(hops.get("risk").get("p99").asLong()).isEqualTo(90);
    assertThat(hops.get("payment").get("p50").asLong()).isEqualTo(40);
    assertThat(hops.get("payment").get("p99").asLong()).isEqualTo(150);
    assertThat(hops.get("commit").get("samples").asLong()).isEqualTo(2);
    assertThat(report.table())
        .contains(
            "placedAt -> risk committed 60 / 90 ms; -> payment sent 40 / 150 ms;"
                + " -> payment committed 50 / 50 ms");
  }

  @Test
  void theBottleneckIsTheSlowestStageOnTheOrdersPathNotTheFacade() throws Exception {
    BenchReport report = report();

    assertThat(report.bottleneck()).get().extracting(r -> r.stage().name()).isEqualTo("payment");
    assertThat(new ObjectMapper().readTree(report.jsonLine()).get("bottleneck").asText())
        .isEqualTo("payment");
    assertThat(report.table())
        .contains("bottleneck: payment at 3,100 orders/s alone; the pipeline reached 2,500 (81 %");
  }

  @Test
  void theStatusViewsEventsAreCountedAsOrdersOfThreeEvents() throws Exception {
    JsonNode line = new ObjectMapper().readTree(report().jsonLine());

    // 5,000 records per 1,000 events is 15 per order of three events.
    assertThat(line.get("stage_records_per_order").get("status_view").asDouble()).isEqualTo(15);
    assertThat(line.get("stage_records_per_order").get("risk").asDouble()).isEqualTo(5);
  }

  @Test
  void theReportFilesCarryEveryWindowAndChartsThatNeedNoNetwork(@TempDir Path dir)
      throws Exception {
    Path written = report().write(dir.resolve("run"));

    JsonNode json = new ObjectMapper().readTree(written.resolve("report.json").toFile());
    assertThat(json.get("windows").get("pipeline")).hasSize(5);
    assertThat(json.get("windows").get("stage payment").get(2).get("measured").asBoolean())
        .isTrue();
    String html = Files.readString(written.resolve("report.html"));
    assertThat(html).contains("<svg", "stage ladder", "pipeline 2,500/s");
    assertThat(html).doesNotContain("<script", "src=", "http://", "https://");
  }
}
