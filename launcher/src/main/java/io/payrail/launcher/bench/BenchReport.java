package io.payrail.launcher.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * The bench's figures: a table for the terminal, {@code report.json} (everything, with every
 * window), {@code report.html} (the windows and the ladder as charts, self-contained) and one JSON
 * line of the headline figures, the bench's last output.
 */
final class BenchReport {

  /** The facade's phase and what its clients saw. */
  record Http(Measured measured, HttpLoad.Result load) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final BenchOptions options;
  private final RawKafkaBaseline.Result baseline;
  private final Measured pipeline;
  private final long captured;
  private final PipelineBench.Latency latency;
  private final Http http;
  private final List<StageLadder.StageResult> ladder;

  private BenchReport(Builder builder) {
    this.options = builder.options;
    this.baseline = builder.baseline;
    this.pipeline = builder.pipeline;
    this.captured = builder.captured;
    this.latency = builder.latency;
    this.http = builder.http;
    this.ladder = List.copyOf(builder.ladder);
  }

  /** Collects the phases' results as the bench runs them. */
  static final class Builder {
    private final BenchOptions options;
    private RawKafkaBaseline.Result baseline;
    private Measured pipeline;
    private long captured;
    private PipelineBench.Latency latency;
    private Http http;
    private List<StageLadder.StageResult> ladder = List.of();

    Builder(BenchOptions options) {
      this.options = options;
    }

    void baseline(RawKafkaBaseline.Result result) {
      this.baseline = result;
    }

    void pipeline(Measured result) {
      this.pipeline = result;
    }

    void captured(long count) {
      this.captured = count;
    }

    void latency(PipelineBench.Latency result) {
      this.latency = result;
    }

    void http(Http result) {
      this.http = result;
    }

    void ladder(List<StageLadder.StageResult> results) {
      this.ladder = results;
    }

    BenchReport build() {
      return new BenchReport(this);
    }
  }

  /** One line about a measured phase for the progress output. */
  static String summary(Measured measured) {
    PhaseResult phase = measured.phase();
    String text =
        String.format(
            Locale.ROOT,
            "%,.0f %s/s (%s after %.0f s of warm-up)",
            phase.rate(),
            phase.unit(),
            phase.quality(),
            phase.warmupSeconds());
    Cost cost = measured.cost();
    if (cost != null) {
      text +=
          String.format(
              Locale.ROOT,
              ", %.1f records and %.2f CPU ms per %s",
              cost.recordsPerUnit(),
              cost.cpuMsPerUnit(),
              singular(phase.unit()));
    }
    return text;
  }

  private static Map<String, Object> hops(PipelineBench.Hops hops) {
    Map<String, Object> byHop = new LinkedHashMap<>();
    byHop.put("risk", percentiles(hops.risk()));
    byHop.put("payment", percentiles(hops.payment()));
    byHop.put("commit", percentiles(hops.commit()));
    return byHop;
  }

  private static Map<String, Object> percentiles(Histogram histogram) {
    Map<String, Object> percentiles = new LinkedHashMap<>();
    percentiles.put("p50", histogram.getValueAtPercentile(50));
    percentiles.put("p99", histogram.getValueAtPercentile(99));
    percentiles.put("samples", histogram.getTotalCount());
    return percentiles;
  }

  /** The headline figures; the JSON line and the top of report.json. */
  Map<String, Object> figures() {
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("layout", options.layout().toString());
    figures.put("instances", options.instances());
    figures.put("baseline_produce_rps", round(baseline.produceRps()));
    figures.put("baseline_consume_rps", round(baseline.consumeRps()));
    double pipelineRate = pipeline.phase().rate();
    figures.put("pipeline_orders_per_s", round(pipelineRate));
    figures.put("ratio", ratio(pipelineRate, baseline.produceRps()));
    figures.put("latency_rate", latency.rate());
    figures.put("latency_p50_ms", latency.histogram().getValueAtPercentile(50));
    figures.put("latency_p99_ms", latency.histogram().getValueAtPercentile(99));
    figures.put("latency_p999_ms", latency.histogram().getValueAtPercentile(99.9));
    figures.put("latency_max_ms", latency.histogram().getMaxValue());
    figures.put("latency_hops_ms", hops(latency.hops()));
    figures.put("http_orders_per_s", round(http.measured().phase().rate()));
    figures.put("http_p50_ms", http.load().micros().getValueAtPercentile(50) / 1000.0);
    figures.put("http_p99_ms", http.load().micros().getValueAtPercentile(99) / 1000.0);
    figures.put("http_clients", http.load().clients());
    figures.put("http_statuses", http.load().statuses());
    figures.put("orders", pipeline.phase().measuredCount());
    figures.put("pipeline_captured", captured);
    figures.put("baseline_record_bytes", baseline.recordBytes());
    Cost cost = pipeline.cost();
    if (cost != null) {
      figures.put("records_per_order", round2(cost.recordsPerUnit()));
      figures.put(
          "bytes_per_order", cost.bytesPerUnit() == null ? null : round(cost.bytesPerUnit()));
      figures.put(
          "transactions_per_s",
          cost.transactionsPerSecond() == null ? null : round(cost.transactionsPerSecond()));
      double ceiling = cost.writeBoundCeiling(baseline.produceRps());
      figures.put("write_bound_ceiling_orders_per_s", round(ceiling));
      figures.put("ceiling_ratio", ratio(pipelineRate, ceiling));
      figures.put("cpu_ms_per_order", round3(cost.cpuMsPerUnit()));
      figures.put("cpu_ms_per_order_by_process", rounded3(cost.cpuMsPerUnitByProcess()));
      figures.put("cores_busy", round2(cost.coresUsed()));
    }
    Cost httpCost = http.measured().cost();
    if (httpCost != null) {
      figures.put("http_cpu_ms_per_request", round3(httpCost.cpuMsPerUnit()));
    }
    if (!ladder.isEmpty()) {
      Map<String, Object> stages = new LinkedHashMap<>();
      Map<String, Object> stageCpu = new LinkedHashMap<>();
      Map<String, Object> stageRecords = new LinkedHashMap<>();
      for (StageLadder.StageResult stage : ladder) {
        stages.put(stage.stage().name(), round(stage.ordersPerSecond()));
        Cost stageCost = stage.measured().cost();
        if (stageCost != null) {
          int perOrder = stage.stage().unitsPerOrder();
          stageCpu.put(stage.stage().name(), round3(stageCost.cpuMsPerUnit() * perOrder));
          stageRecords.put(stage.stage().name(), round2(stageCost.recordsPerUnit() * perOrder));
        }
      }
      figures.put("stage_orders_per_s", stages);
      figures.put("stage_cpu_ms_per_order", stageCpu);
      figures.put("stage_records_per_order", stageRecords);
      bottleneck().ifPresent(stage -> figures.put("bottleneck", stage.stage().name()));
    }
    Map<String, String> quality = new LinkedHashMap<>();
    phases().forEach(phase -> quality.put(phase.phase(), phase.quality()));
    figures.put("steady", quality);
    figures.put("cores", Runtime.getRuntime().availableProcessors());
    figures.put("java", System.getProperty("java.version"));
    return figures;
  }

  /** The slowest stage on the orders' path, which bounds the pipeline. */
  Optional<StageLadder.StageResult> bottleneck() {
    return ladder.stream()
        .filter(stage -> StageLadder.ORDER_PATH.contains(stage.stage().name()))
        .min(Comparator.comparingDouble(StageLadder.StageResult::ordersPerSecond));
  }

  /** Every phase with windows, in the order they ran. */
  List<PhaseResult> phases() {
    List<PhaseResult> phases = new ArrayList<>();
    phases.add(baseline.produce());
    phases.add(baseline.consume());
    phases.add(pipeline.phase());
    phases.add(http.measured().phase());
    ladder.forEach(stage -> phases.add(stage.measured().phase()));
    return phases;
  }

  String table() {
    StringBuilder table = new StringBuilder();
    SteadyState rule = options.steadyState();
    table.append(
        String.format(
            Locale.ROOT,
            "%nPayrail bench: %s layout%s, %d cores, Java %s%n"
                + "steady state: %d windows of %d s within %.0f %%, warm-up at most %d s,"
                + " then measured for %d s%n%n",
            options.layout(),
            options.instances() > 1 ? ", " + options.instances() + " instances per processor" : "",
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.version"),
            rule.stableWindows(),
            rule.window().toSeconds(),
            rule.tolerance() * 100,
            rule.maxWarmup().toSeconds(),
            rule.measure().toSeconds()));
    row(table, "(a) raw Kafka produce, acks=all", rate(baseline.produce()));
    row(table, "(a) raw Kafka consume", rate(baseline.consume()));
    row(
        table,
        "(b) pipeline, order in -> payment + balance",
        rate(pipeline.phase())
            + String.format(
                Locale.ROOT,
                " (%.1f %% of raw produce)",
                ratio(pipeline.phase().rate(), baseline.produceRps()) * 100));
    Cost cost = pipeline.cost();
    if (cost != null) {
      double ceiling = cost.writeBoundCeiling(baseline.produceRps());
      row(
          table,
          "    records written per order",
          String.format(
              Locale.ROOT,
              "%.1f%s%s",
              cost.recordsPerUnit(),
              cost.bytesPerUnit() == null
                  ? ""
                  : String.format(Locale.ROOT, ", %,.0f bytes produced", cost.bytesPerUnit()),
              cost.transactionsPerSecond() == null
                  ? ""
                  : String.format(
                      Locale.ROOT, ", %,.0f transactions/s", cost.transactionsPerSecond())));
      row(
          table,
          "    write-bound ceiling (raw produce / records)",
          String.format(
              Locale.ROOT,
              "%,.0f orders/s; the pipeline reached %.0f %% of it",
              ceiling,
              ratio(pipeline.phase().rate(), ceiling) * 100));
      row(
          table,
          "    CPU per order",
          String.format(
              Locale.ROOT,
              "%.3f ms (%.2f cores busy): %s",
              cost.cpuMsPerUnit(),
              cost.coresUsed(),
              byProcess(cost.cpuMsPerUnitByProcess())));
      row(table, "    records per order by topic", topTopics(cost.recordsPerUnitByTopic(), 6));
    }
    row(
        table,
        "(c) latency at " + latency.rate() + " orders/s, placedAt -> payment",
        String.format(
            Locale.ROOT,
            "p50 %d ms, p99 %d ms, p99.9 %d ms, max %d ms",
            latency.histogram().getValueAtPercentile(50),
            latency.histogram().getValueAtPercentile(99),
            latency.histogram().getValueAtPercentile(99.9),
            latency.histogram().getMaxValue()));
    PipelineBench.Hops hops = latency.hops();
    row(
        table,
        "    by hop, p50 / p99",
        String.format(
            Locale.ROOT,
            "placedAt -> risk committed %d / %d ms; -> payment sent %d / %d ms;"
                + " -> payment committed %d / %d ms",
            hops.risk().getValueAtPercentile(50),
            hops.risk().getValueAtPercentile(99),
            hops.payment().getValueAtPercentile(50),
            hops.payment().getValueAtPercentile(99),
            hops.commit().getValueAtPercentile(50),
            hops.commit().getValueAtPercentile(99)));
    row(
        table,
        "(d) POST /v1/orders, " + http.load().clients() + " clients",
        rate(http.measured().phase())
            + String.format(
                Locale.ROOT,
                ", p50 %.1f ms, p99 %.1f ms, statuses %s",
                http.load().micros().getValueAtPercentile(50) / 1000.0,
                http.load().micros().getValueAtPercentile(99) / 1000.0,
                http.load().statuses()));
    Cost httpCost = http.measured().cost();
    if (httpCost != null) {
      row(
          table,
          "    CPU per request",
          String.format(
              Locale.ROOT,
              "%.3f ms: %s",
              httpCost.cpuMsPerUnit(),
              byProcess(httpCost.cpuMsPerUnitByProcess())));
    }
    if (!ladder.isEmpty()) {
      table.append(
          String.format(
              Locale.ROOT,
              "%nstage ladder: each stage alone, input waiting%n  %-12s %12s %14s %14s  %s%n",
              "stage",
              "orders/s",
              "CPU ms/order",
              "records/order",
              "windows"));
      for (StageLadder.StageResult stage : ladder) {
        Cost stageCost = stage.measured().cost();
        int perOrder = stage.stage().unitsPerOrder();
        table.append(
            String.format(
                Locale.ROOT,
                "  %-12s %12s %14s %14s  %s%n",
                stage.stage().name(),
                String.format(Locale.ROOT, "%,.0f", stage.ordersPerSecond()),
                stageCost == null
                    ? "-"
                    : String.format(Locale.ROOT, "%.3f", stageCost.cpuMsPerUnit() * perOrder),
                stageCost == null
                    ? "-"
                    : String.format(Locale.ROOT, "%.1f", stageCost.recordsPerUnit() * perOrder),
                stage.measured().phase().quality()));
      }
      bottleneck()
          .ifPresent(
              stage ->
                  table.append(
                      String.format(
                          Locale.ROOT,
                          "  bottleneck: %s at %,.0f orders/s alone; the pipeline reached %,.0f"
                              + " (%.0f %% of it)%n",
                          stage.stage().name(),
                          stage.ordersPerSecond(),
                          pipeline.phase().rate(),
                          ratio(pipeline.phase().rate(), stage.ordersPerSecond()) * 100)));
    }
    hotSpotsTable(table);
    return table.toString();
  }

  private void hotSpotsTable(StringBuilder table) {
    Map<String, Map<String, Profiler.HotSpots>> profiles = profiles();
    if (profiles.isEmpty()) {
      return;
    }
    table.append(
        String.format(
            "%nhot spots (JFR, measured windows only): by the first frame outside the JDK%n"));
    profiles.forEach(
        (phase, processes) ->
            processes.forEach(
                (process, spots) ->
                    table.append(
                        String.format(
                            Locale.ROOT,
                            "  %s / %s (%,d samples, JIT compilers %.0f %% of its thread CPU)%n"
                                + "    packages: %s%n    callers:  %s%n",
                            phase,
                            process,
                            spots.samples(),
                            100 * spots.jitShare(),
                            topTopics(spots.packages(), 5),
                            topTopics(spots.callers(), 3)))));
  }

  private Map<String, Map<String, Profiler.HotSpots>> profiles() {
    Map<String, Map<String, Profiler.HotSpots>> profiles = new LinkedHashMap<>();
    if (!pipeline.hotSpots().isEmpty()) {
      profiles.put("pipeline", pipeline.hotSpots());
    }
    if (!http.measured().hotSpots().isEmpty()) {
      profiles.put("http", http.measured().hotSpots());
    }
    ladder.stream()
        .filter(stage -> !stage.measured().hotSpots().isEmpty())
        .forEach(
            stage -> profiles.put("stage " + stage.stage().name(), stage.measured().hotSpots()));
    return profiles;
  }

  /** Writes report.json and report.html into {@code dir}. */
  Path write(Path dir) {
    Map<String, Object> report = new LinkedHashMap<>(figures());
    Map<String, Object> windows = new LinkedHashMap<>();
    phases().forEach(phase -> windows.put(phase.phase(), phase.windows()));
    report.put("windows", windows);
    if (pipeline.cost() != null) {
      report.put("records_per_order_by_topic", rounded3(pipeline.cost().recordsPerUnitByTopic()));
    }
    Map<String, Object> stageTopics = new LinkedHashMap<>();
    ladder.stream()
        .filter(stage -> stage.measured().cost() != null)
        .forEach(
            stage ->
                stageTopics.put(
                    stage.stage().name(),
                    rounded3(stage.measured().cost().recordsPerUnitByTopic())));
    report.put("stage_records_per_unit_by_topic", stageTopics);
    report.put("hot_spots", profiles());
    try {
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve("report.json"),
          JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
      Files.writeString(dir.resolve("report.html"), BenchCharts.html(this, jsonLine()));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the bench report to " + dir, e);
    }
  }

  /** The last line the bench prints: the headline figures as one JSON object. */
  String jsonLine() {
    try {
      return JSON.writeValueAsString(figures());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  BenchOptions options() {
    return options;
  }

  List<StageLadder.StageResult> ladder() {
    return ladder;
  }

  double pipelineRate() {
    return pipeline.phase().rate();
  }

  private static void row(StringBuilder table, String figure, String value) {
    table.append(String.format(Locale.ROOT, "%-46s %s%n", figure, value));
  }

  private static String rate(PhaseResult phase) {
    return String.format(
        Locale.ROOT,
        "%,.0f %s/s [%s, %.0f s warm-up]",
        phase.rate(),
        phase.unit(),
        phase.quality(),
        phase.warmupSeconds());
  }

  private static String byProcess(Map<String, Double> cpu) {
    return cpu.entrySet().stream()
        .map(entry -> String.format(Locale.ROOT, "%s %.3f", entry.getKey(), entry.getValue()))
        .collect(Collectors.joining(", "));
  }

  private static String topTopics(Map<String, Double> values, int limit) {
    return values.entrySet().stream()
        .limit(limit)
        .map(entry -> String.format(Locale.ROOT, "%s %.2f", entry.getKey(), entry.getValue()))
        .collect(Collectors.joining(", "));
  }

  private static String singular(String unit) {
    return unit.endsWith("s") ? unit.substring(0, unit.length() - 1) : unit;
  }

  /** {@code part / whole} to three decimals; 0 when there is no whole. */
  static double ratio(double part, double whole) {
    return whole > 0 ? Math.round(part / whole * 1000) / 1000.0 : 0;
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }

  private static double round2(double value) {
    return Math.round(value * 100) / 100.0;
  }

  private static double round3(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  private static Map<String, Double> rounded3(Map<String, Double> values) {
    Map<String, Double> rounded = new LinkedHashMap<>();
    values.forEach((key, value) -> rounded.put(key, round3(value)));
    return rounded;
  }
}
