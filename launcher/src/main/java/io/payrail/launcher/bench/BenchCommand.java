package io.payrail.launcher.bench;

import io.payrail.launcher.OptionValues;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code ./payrail bench}: the options, checked before anything starts; {@link Bench} runs it.
 * Phase lengths come from the steady-state rule, not from counts: {@code --quick} shortens the caps
 * for a run of about ten minutes.
 */
@Command(
    name = "bench",
    sortOptions = false,
    description = {
      "Measure raw Kafka, the pipeline, its latency, the facade and each stage alone.",
      "On a fresh stack, each phase in steady state: (a) raw Kafka produce and consume, (b) the"
          + " pipeline's throughput with records, bytes, transactions and CPU per order, (c)"
          + " placedAt -> committed payment latency at a fixed rate, (d) POST /v1/orders, and the"
          + " stage ladder (each stage alone on a pre-filled input, and the facade alone), which"
          + " names the bottleneck. Prints a table, writes bench-results/<run>/report.json and"
          + " report.html, and ends with one JSON line.",
      ""
    })
public final class BenchCommand implements Callable<Integer> {

  /** What {@code --quick} shortens. */
  static final Duration QUICK_MAX_WARMUP = Duration.ofSeconds(45);

  static final Duration QUICK_MEASURE = Duration.ofSeconds(15);

  /**
   * (b)'s warm-up cap, also with {@code --quick}: the pipeline's windows kept rising for 80-100 s
   * in the per-service layout (five cold JITs on two cores), and CPU per order measured before that
   * was twice the steady figure (compiler threads count as the process's CPU).
   */
  static final Duration PIPELINE_MAX_WARMUP = Duration.ofSeconds(120);

  @Spec CommandSpec spec;

  @Option(
      names = "--layout",
      paramLabel = "LAYOUT",
      defaultValue = "single-jvm",
      converter = LayoutConverter.class,
      description =
          "single-jvm (broker and services in one JVM) or per-service (broker with"
              + " registry, each service and the load generator in JVMs of their own) (default:"
              + " ${DEFAULT-VALUE})")
  BenchOptions.Layout layout;

  @Option(
      names = "--instances",
      paramLabel = "N",
      defaultValue = "1",
      converter = OptionValues.Positive.class,
      description =
          "instances of each processor, per-service layout only (default: ${DEFAULT-VALUE})")
  int instances;

  @Option(
      names = "--quick",
      description =
          "short phase caps (warm-up at most 45 s, the pipeline's 120 s; measure 15 s): 10 to 15"
              + " minutes")
  boolean quick;

  @Option(
      names = "--window-seconds",
      paramLabel = "S",
      defaultValue = "5",
      converter = OptionValues.Positive.class,
      description = "length of one throughput window (default: ${DEFAULT-VALUE})")
  int windowSeconds;

  @Option(
      names = "--stable-windows",
      paramLabel = "N",
      defaultValue = "3",
      converter = OptionValues.Positive.class,
      description =
          "consecutive windows that must agree before measuring (default: ${DEFAULT-VALUE})")
  int stableWindows;

  @Option(
      names = "--tolerance",
      paramLabel = "PERCENT",
      defaultValue = "5",
      converter = OptionValues.PositiveDecimal.class,
      description = "how far from their mean those windows may be (default: ${DEFAULT-VALUE})")
  double tolerance;

  @Option(
      names = "--max-warmup-seconds",
      paramLabel = "S",
      converter = OptionValues.Positive.class,
      description =
          "longest warm-up of a phase, then it is measured anyway (default: 120; --quick 45,"
              + " but 120 for the pipeline's)")
  Integer maxWarmupSeconds;

  @Option(
      names = "--measure-seconds",
      paramLabel = "S",
      converter = OptionValues.Positive.class,
      description = "how long a steady phase is measured (default: 30, --quick 15)")
  Integer measureSeconds;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      converter = OptionValues.Positive.class,
      description =
          "orders through the pipeline before it may count as steady (default: 20000, --quick 5000)")
  Integer warmupOrders;

  @Option(
      names = "--in-flight",
      paramLabel = "N",
      defaultValue = "20000",
      converter = OptionValues.Positive.class,
      description = "orders in the pipeline at most during (b) (default: ${DEFAULT-VALUE})")
  int inFlight;

  @Option(
      names = "--rate",
      paramLabel = "R",
      defaultValue = "1000",
      converter = OptionValues.Positive.class,
      description = "orders per second offered in (c) (default: ${DEFAULT-VALUE})")
  int rate;

  @Option(
      names = "--latency-seconds",
      paramLabel = "S",
      defaultValue = "15",
      converter = OptionValues.Positive.class,
      description = "how long (c) offers that rate (default: ${DEFAULT-VALUE})")
  int latencySeconds;

  @Option(
      names = "--http-requests",
      paramLabel = "N",
      converter = OptionValues.Positive.class,
      description = "POSTs before the facade may count as steady (default: 5000, --quick 2000)")
  Integer httpRequests;

  @Option(
      names = "--http-clients",
      paramLabel = "C",
      defaultValue = "64",
      converter = OptionValues.Positive.class,
      description = "concurrent keep-alive HTTP clients (default: ${DEFAULT-VALUE})")
  int httpClients;

  @Option(
      names = "--orders",
      paramLabel = "N",
      defaultValue = "1000000",
      converter = OptionValues.Positive.class,
      description =
          "orders' worth of input each ladder stage finds waiting (default: ${DEFAULT-VALUE})")
  int orders;

  @Option(
      names = "--stages",
      paramLabel = "STAGE",
      split = ",",
      converter = StageConverter.class,
      description =
          "ladder stages to run: facade, risk, payment, loyalty, refund, status_view (default: all)")
  List<String> stages;

  @Option(
      names = "--ladder",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "run the stage ladder (--no-ladder skips it)")
  boolean ladder;

  @Option(
      names = "--profile",
      description = "record JFR in every JVM during each measurement; hot spots go in the report")
  boolean profile;

  @Option(
      names = "--jvm-options",
      paramLabel = "OPTIONS",
      defaultValue = "",
      description =
          "options of the JVMs the bench starts, e.g. \"-Xmx1g -XX:+UseParallelGC\""
              + " (this JVM takes PAYRAIL_JAVA_OPTS)")
  String jvmOptions;

  @Option(
      names = "--results",
      paramLabel = "DIR",
      defaultValue = "bench-results",
      description = "where report.json and report.html go (default: ${DEFAULT-VALUE})")
  Path results;

  @Override
  public Integer call() {
    new Bench(options(), System.out).run();
    return 0;
  }

  /** The options as the bench uses them; fails like a parse error when they contradict. */
  public BenchOptions options() {
    if (instances > 1 && layout != BenchOptions.Layout.PER_SERVICE) {
      throw new ParameterException(
          spec.commandLine(), "--instances " + instances + " needs --layout per-service");
    }
    if (stableWindows < 2) {
      throw new ParameterException(spec.commandLine(), "--stable-windows must be at least 2");
    }
    if (tolerance >= 100) {
      throw new ParameterException(spec.commandLine(), "--tolerance is a percentage below 100");
    }
    SteadyState steadyState =
        new SteadyState(
            Duration.ofSeconds(windowSeconds),
            stableWindows,
            tolerance / 100,
            or(maxWarmupSeconds, quick ? QUICK_MAX_WARMUP : Duration.ofSeconds(120)),
            or(measureSeconds, quick ? QUICK_MEASURE : Duration.ofSeconds(30)));
    Set<String> ladderStages =
        !ladder
            ? Set.of()
            : stages == null
                ? new LinkedHashSet<>(
                    StageLadder.ALL.stream().map(StageLadder.Stage::name).toList())
                : new LinkedHashSet<>(stages);
    return new BenchOptions(
        layout,
        instances,
        steadyState,
        maxWarmupSeconds != null ? Duration.ofSeconds(maxWarmupSeconds) : PIPELINE_MAX_WARMUP,
        warmupOrders != null ? warmupOrders : quick ? 5_000 : 20_000,
        inFlight,
        rate,
        Duration.ofSeconds(latencySeconds),
        httpRequests != null ? httpRequests : quick ? 2_000 : 5_000,
        httpClients,
        ladderStages,
        orders,
        profile,
        jvmOptions.isBlank() ? List.of() : Arrays.asList(jvmOptions.trim().split("\\s+")),
        results);
  }

  private static Duration or(Integer seconds, Duration otherwise) {
    return seconds != null ? Duration.ofSeconds(seconds) : otherwise;
  }

  /** {@code single-jvm} or {@code per-service}. */
  static final class LayoutConverter implements ITypeConverter<BenchOptions.Layout> {
    @Override
    public BenchOptions.Layout convert(String value) {
      return Arrays.stream(BenchOptions.Layout.values())
          .filter(layout -> layout.toString().equalsIgnoreCase(value))
          .findFirst()
          .orElseThrow(
              () -> new TypeConversionException("must be single-jvm or per-service, got " + value));
    }
  }

  /** A stage of the ladder by name. */
  static final class StageConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      return StageLadder.ALL.stream()
          .map(StageLadder.Stage::name)
          .filter(name -> name.equalsIgnoreCase(value))
          .findFirst()
          .orElseThrow(
              () ->
                  new TypeConversionException(
                      "must be one of facade, risk, payment, loyalty, refund, status_view, got "
                          + value));
    }
  }
}
