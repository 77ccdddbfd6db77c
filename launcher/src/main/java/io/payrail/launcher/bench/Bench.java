package io.payrail.launcher.bench;

import io.payrail.events.OrderPlaced;
import io.payrail.launcher.PayrailLauncher;
import io.payrail.launcher.RunId;
import io.payrail.launcher.pipeline.ConsumerGroupLag;
import io.payrail.schemas.serde.AvroSerdeConfig;
import io.payrail.schemas.serde.TopicSerdes;
import io.payrail.schemas.topics.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * One {@code ./payrail bench} run: deploys the pipeline in the chosen layout (in JVMs other than
 * this one, which generates the load), runs the phases by the steady-state rule, the stage ladder,
 * and writes the report.
 */
final class Bench {

  /** The status view's Kafka Streams application id, order-ingest's default. */
  private static final String STATUS_VIEW_GROUP = "payrail-order-status";

  private static final List<String> STATUS_VIEW_INPUTS =
      List.of(
          Topics.ORDERS.name(),
          Topics.ORDER_RISK.name(),
          Topics.PAYMENTS.name(),
          Topics.REFUNDS.name());

  /** Far more than a view behind by one (b) needs; a stuck view must not hang the bench. */
  private static final Duration STATUS_VIEW_CATCH_UP = Duration.ofMinutes(5);

  private final BenchOptions options;
  private final PrintStream out;
  private final String runId = RunId.letters(System.currentTimeMillis(), 7);
  private final String runName =
      LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
  private final PhaseRunner runner;
  private final PhaseRunner pipelineRunner;
  private final Profiler profiler;
  private final long began = System.nanoTime();

  Bench(BenchOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
    this.runner = new PhaseRunner(options.steadyState(), PhaseRunner.Ticker.SYSTEM);
    this.pipelineRunner =
        new PhaseRunner(
            options.steadyState().withMaxWarmup(options.pipelineMaxWarmup()),
            PhaseRunner.Ticker.SYSTEM);
    this.profiler =
        options.profile()
            ? Profiler.in(options.resultsDir().resolve(runName).resolve("jfr"))
            : null;
  }

  void run() {
    Path work;
    try {
      work = Files.createTempDirectory("payrail-bench");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a working directory", e);
    }
    try {
      BenchReport report = measure(work);
      out.println(report.table());
      Path written = report.write(runDir());
      say("report: %s and report.html", written.resolve("report.json"));
      out.println(report.jsonLine());
    } finally {
      PayrailLauncher.deleteRecursively(work);
    }
  }

  private BenchReport measure(Path work) {
    say(
        "%s layout%s, data in %s, logs in %s",
        options.layout(),
        options.instances() > 1 ? ", " + options.instances() + " instances per processor" : "",
        work,
        runDir().resolve("logs"));
    BenchReport.Builder report = new BenchReport.Builder(options);
    BenchDeployment deployment = deploy(work.resolve("pipeline"));
    try {
      TopicSerdes serdes = serdes(deployment);
      report.baseline(baseline(deployment, serdes));
      if (options.layout() == BenchOptions.Layout.PER_SERVICE) {
        say("starting the services, each in its own JVM");
        deployment.startServices(options.instances());
      }
      pipeline(deployment, serdes, report);
      if (!options.stages().isEmpty()) {
        if (options.layout() == BenchOptions.Layout.SINGLE_JVM) {
          // Each stage runs alone: a stack without services.
          deployment.close();
          deployment =
              BenchDeployment.stack(
                  work.resolve("ladder"), runDir().resolve("logs"), options.jvmOptions());
        } else {
          deployment.stopServices();
        }
        report.ladder(ladder(deployment));
      }
      return report.build();
    } finally {
      deployment.close();
    }
  }

  /** (a): raw produce and consume of records the size of an OrderPlaced. */
  private RawKafkaBaseline.Result baseline(BenchDeployment deployment, TopicSerdes serdes) {
    OrderPlaced sample = BenchOrders.order(runId, "sample", 0);
    int recordBytes =
        serdes
            .valueSerde(Topics.ORDERS)
            .serializer()
            .serialize(Topics.ORDERS.name(), sample)
            .length;
    say(
        "(a) raw Kafka: records of %d bytes, acks=all, as fast as the broker takes them",
        recordBytes);
    try (MeasuredPhase produce = unmetered("raw produce", "records");
        MeasuredPhase consume = unmetered("raw consume", "records")) {
      return RawKafkaBaseline.run(
          deployment.admin(),
          deployment.endpoints().bootstrapServers(),
          runId,
          recordBytes,
          runner,
          produce,
          consume);
    }
  }

  /** (b), (c) and (d), on the whole pipeline. */
  private void pipeline(
      BenchDeployment deployment, TopicSerdes serdes, BenchReport.Builder report) {
    PipelineBench pipeline =
        new PipelineBench(deployment.endpoints().bootstrapServers(), serdes, runId);
    say(
        "(b) pipeline: orders in, payment and balance committed, %,d in flight at most",
        options.inFlight());
    try (OrderLoad load = new OrderLoad(pipeline, runId, options.inFlight())) {
      report.pipeline(
          measure(
              deployment,
              pipelineRunner,
              "pipeline",
              "orders",
              load::completed,
              options.warmupOrders(),
              () -> {},
              () -> {}));
      load.drain();
      report.captured(load.captured());
    }
    awaitStatusView(deployment);

    say(
        "(c) latency: %,d orders/s for %d s, placedAt -> committed payment",
        options.rate(), options.latencyDuration().toSeconds());
    // Recorded, not summarised: the report's hot spots are CPU samples, and (c) is about waits.
    // Socket reads, parks and monitor waits from 1 ms (profile's 10 ms hides a database round
    // trip), so jfr/latency-*.jfr accounts for where each thread's wall-clock time went.
    if (profiler != null) {
      profiler.start(
          "latency", jvms(deployment), List.of("socket-threshold=1ms", "locking-threshold=1ms"));
    }
    try {
      report.latency(pipeline.latency(options.rate(), options.latencyDuration()));
    } finally {
      if (profiler != null) {
        profiler.stop("latency", null, null);
      }
    }

    say("(d) HTTP: POST /v1/orders from %d clients, the pipeline running", options.httpClients());
    report.http(http(deployment, "http", "h"));
  }

  /**
   * Waits until the status view has read everything (b) wrote, and says how long that took. (b)
   * ends when payments and balances are committed; the view reads four topics on its own, and while
   * it catches up it competes with (c) for the CPU and puts its backlog into (c)'s latency.
   */
  private void awaitStatusView(BenchDeployment deployment) {
    ConsumerGroupLag lag =
        new ConsumerGroupLag(deployment.admin(), deployment.endpoints().bootstrapServers());
    long start = System.nanoTime();
    long deadline = start + STATUS_VIEW_CATCH_UP.toNanos();
    long pending = Long.MAX_VALUE;
    while (System.nanoTime() < deadline) {
      pending =
          lag.pending(STATUS_VIEW_GROUP, STATUS_VIEW_INPUTS).values().stream()
              .mapToLong(Long::longValue)
              .sum();
      if (pending == 0) {
        break;
      }
      LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
    }
    long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
    if (pending == 0) {
      say("    status view caught up %d s after (b)'s last payment and balance", seconds);
    } else {
      say(
          "    status view still %,d records behind after %d s; (c) starts anyway",
          pending, seconds);
    }
  }

  /** Each stage alone on a deployment without services. */
  private List<StageLadder.StageResult> ladder(BenchDeployment deployment) {
    say(
        "stage ladder: each stage alone on %,d orders' worth of waiting input",
        options.ladderBacklog());
    StageLadder.Measurer measurer =
        new StageLadder.Measurer() {
          @Override
          public Measured measure(String phase, String unit, LongSupplier units) {
            return Bench.this.measure(deployment, phase, unit, units, 0);
          }

          @Override
          public Measured http(String phase) {
            return Bench.this.http(deployment, phase, "f").measured();
          }
        };
    return new StageLadder(deployment, serdes(deployment), runId, options.ladderBacklog(), measurer)
        .run(options.stages(), out);
  }

  /** Serdes on the deployment's own registry (a new stack has new schema ids). */
  private static TopicSerdes serdes(BenchDeployment deployment) {
    return new TopicSerdes(
        Map.of(
            AvroSerdeConfig.SCHEMA_REGISTRY_URL,
            deployment.endpoints().schemaRegistryUrl().toString()));
  }

  private BenchDeployment deploy(Path dir) {
    say(
        "starting %s",
        options.layout() == BenchOptions.Layout.SINGLE_JVM
            ? "the pipeline in one JVM"
            : "the broker and registry in one JVM");
    Path logs = runDir().resolve("logs");
    return options.layout() == BenchOptions.Layout.SINGLE_JVM
        ? BenchDeployment.singleJvm(dir, logs, options.jvmOptions())
        : BenchDeployment.stack(dir, logs, options.jvmOptions());
  }

  /** Where this run's report, the processes' logs and the profiles go. */
  private Path runDir() {
    return options.resultsDir().resolve(runName);
  }

  /** The facade under the HTTP load, with costs per request. */
  private BenchReport.Http http(BenchDeployment deployment, String phase, String tag) {
    try (HttpLoad load =
        new HttpLoad(
            deployment.facadeUrl(),
            PayrailLauncher.DEVELOPMENT_API_KEY,
            runId + "-" + tag,
            options.httpClients())) {
      Measured measured =
          measure(
              deployment,
              runner,
              phase,
              "requests",
              load::answered,
              options.httpWarmupRequests(),
              () -> load.recording(true),
              () -> load.recording(false));
      return new BenchReport.Http(measured, load.stop());
    }
  }

  private Measured measure(
      BenchDeployment deployment, String phase, String unit, LongSupplier units, long floor) {
    return measure(deployment, runner, phase, unit, units, floor, () -> {}, () -> {});
  }

  private Measured measure(
      BenchDeployment deployment,
      PhaseRunner phaseRunner,
      String phase,
      String unit,
      LongSupplier units,
      long floor,
      Runnable onStart,
      Runnable onEnd) {
    CostMeter meter =
        new CostMeter(
            deployment.admin(),
            deployment.brokerMetrics(),
            deployment::processes,
            Set.of(RawKafkaBaseline.topic(runId)));
    try (MeasuredPhase watched =
        new MeasuredPhase(phase, unit, meter, units, profiler, () -> jvms(deployment), out)
            .around(onStart, onEnd)) {
      Measured measured =
          watched.measured(phaseRunner.run(phase, unit, units, floor, () -> false, watched));
      say("%s: %s", phase, BenchReport.summary(measured));
      return measured;
    }
  }

  /** Progress without costs: the raw baseline's records are not orders. */
  private MeasuredPhase unmetered(String phase, String unit) {
    return new MeasuredPhase(phase, unit, null, () -> 0, null, Map::of, out);
  }

  private static Map<String, Long> jvms(BenchDeployment deployment) {
    Map<String, Long> jvms = new LinkedHashMap<>(deployment.processes());
    jvms.remove("mariadb");
    return jvms;
  }

  private void say(String format, Object... args) {
    out.printf(
        Locale.ROOT,
        "bench: [%s] %s%n",
        clock(Duration.ofNanos(System.nanoTime() - began)),
        String.format(Locale.ROOT, format, args));
  }

  private static String clock(Duration elapsed) {
    return String.format(Locale.ROOT, "%d:%02d", elapsed.toMinutes(), elapsed.toSecondsPart());
  }
}
