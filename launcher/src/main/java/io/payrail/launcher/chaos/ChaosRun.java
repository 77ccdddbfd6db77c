package io.payrail.launcher.chaos;

import io.payrail.audit.Audit;
import io.payrail.audit.AuditReport;
import io.payrail.audit.AuditSettings;
import io.payrail.launcher.PayrailLauncher;
import io.payrail.launcher.RunId;
import io.payrail.launcher.console.Progress;
import io.payrail.schemas.serde.AvroSerdeConfig;
import io.payrail.schemas.serde.TopicSerdes;
import io.payrail.schemas.topics.Topics;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;

/**
 * The chaos scenario: the broker, registry and database in this JVM, each processor in a JVM of its
 * own. A round streams orders and refunds while, one at a time and at random moments, each
 * processor is killed with SIGKILL and started again, the broker is restarted and the database is
 * taken away for a few seconds; then the load stops, the round waits until every order is paid and
 * every refund answered and the consumer groups have nothing left, and audits the round's orders.
 *
 * <p>Expected every time: nothing lost, nothing repeated, ledger equal to events, charges equal to
 * captures, loyalty equal to its recomputation.
 */
public final class ChaosRun implements AutoCloseable {

  /**
   * @param ordersPerSecond the steady order rate of the load
   * @param loadDuration how long orders stream at least; longer if the disruptions take longer
   * @param databaseOutage how long the database stays away
   * @param seed drives the traffic mix and the order and moments of the disruptions
   */
  public record Options(
      double ordersPerSecond, Duration loadDuration, Duration databaseOutage, long seed) {}

  /** A processor, the consumer group it commits under and the topics it consumes. */
  private record Processor(String module, String group, List<String> inputTopics) {}

  private static final List<Processor> PROCESSORS =
      List.of(
          new Processor("risk-streams", "payrail-risk", List.of(Topics.ORDERS.name())),
          new Processor(
              "payment-processor", "payment-processor", List.of(Topics.ORDER_RISK.name())),
          new Processor(
              "refund-processor", "refund-processor", List.of(Topics.REFUND_REQUESTS.name())),
          new Processor(
              "loyalty-streams",
              "payrail-loyalty",
              List.of(Topics.PAYMENTS.name(), Topics.REFUNDS.name())));

  private static final String BROKER_RESTART = "broker";
  private static final String DATABASE_OUTAGE = "database";

  private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration AUDIT_TIMEOUT = Duration.ofSeconds(60);

  private final Options options;
  private final PrintStream out;
  private final ChaosStack stack;
  private final Map<String, ServiceProcess> services;
  private final Admin admin;
  private final TopicSerdes serdes;
  private final String runId;
  private final Thread killChildren;

  /** The running round's progress line, which other output must go around. */
  private volatile ProgressTicker ticker;

  private ChaosRun(
      Options options,
      PrintStream out,
      ChaosStack stack,
      Map<String, ServiceProcess> services,
      Thread killChildren) {
    this.options = options;
    this.out = out;
    this.stack = stack;
    this.services = services;
    this.killChildren = killChildren;
    this.admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
    this.serdes =
        new TopicSerdes(
            Map.of(
                AvroSerdeConfig.SCHEMA_REGISTRY_URL,
                stack.endpoints().schemaRegistryUrl().toString()));
    this.runId = RunId.letters(System.nanoTime(), 8);
  }

  /**
   * Starts the stack in {@code dataDir} and the four processors, each in its own JVM, and waits
   * until they are ready.
   *
   * @param logDir where each processor's output goes ({@code <module>.log})
   * @param out where progress is printed
   */
  public static ChaosRun start(Options options, Path dataDir, Path logDir, PrintStream out) {
    long began = System.nanoTime();
    ChaosStack stack = ChaosStack.start(dataDir);
    Map<String, ServiceProcess> services = new LinkedHashMap<>();
    Thread killChildren =
        new Thread(() -> services.values().forEach(ServiceProcess::close), "chaos-kill-children");
    Runtime.getRuntime().addShutdownHook(killChildren);
    try {
      Map<String, String> environment = stack.endpoints().environment();
      for (Processor processor : PROCESSORS) {
        ServiceProcess service =
            new ServiceProcess(
                processor.module(),
                javaCommand(),
                dataDir,
                environment,
                properties(processor.module()),
                logDir.resolve(processor.module() + ".log"));
        services.put(processor.module(), service);
        service.start();
      }
      services.values().forEach(ServiceProcess::awaitReady);
      out.printf(
          "chaos: stack and %d processors up in %d s (data in %s, logs in %s)%n",
          services.size(),
          Duration.ofNanos(System.nanoTime() - began).toSeconds(),
          dataDir,
          logDir);
      return new ChaosRun(options, out, stack, services, killChildren);
    } catch (RuntimeException e) {
      services.values().forEach(ServiceProcess::close);
      stack.close();
      Runtime.getRuntime().removeShutdownHook(killChildren);
      throw e;
    }
  }

  /**
   * Stable per service across its incarnations: a restarted processor reuses the killed one's
   * transactional ids, which fences the killed one and aborts its open transaction at once instead
   * of after the transaction timeout. Streams applications get the same from their state directory
   * (the process id is kept there). The consumer session timeout is the Streams applications' 10 s
   * instead of Kafka's 45 s: a killed member holds its partitions until its session expires.
   */
  private static Map<String, String> properties(String module) {
    return switch (module) {
      case "payment-processor", "refund-processor" ->
          Map.of(
              "spring.kafka.producer.transaction-id-prefix",
              module + "-chaos-",
              "spring.kafka.consumer.properties.session.timeout.ms",
              "10000");
      default -> Map.of();
    };
  }

  /** This JVM's java and classpath, running the launcher. */
  private static List<String> javaCommand() {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return List.of(
        java.toString(),
        // Small and quick to start: four of these share two cores with the broker and MariaDB.
        "-Xmx512m",
        "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1",
        "-cp",
        System.getProperty("java.class.path"),
        PayrailLauncher.class.getName());
  }

  /** Runs one round and audits it. */
  public RoundResult round(int number) {
    long began = System.nanoTime();
    String prefix = "chaos-" + runId + "-r" + number + "-";
    Random random = new Random(options.seed() * 31 + number);
    int customers =
        (int) Math.max(20, options.ordersPerSecond() * options.loadDuration().toSeconds() / 4);
    List<String> actions = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    RoundResult result;
    out.printf(
        "chaos: round %d, orderId prefix %s, %.0f orders/s%n",
        number, prefix, options.ordersPerSecond());
    try (ChaosLoad load =
            new ChaosLoad(
                stack.bootstrapServers(),
                serdes,
                prefix,
                options.ordersPerSecond(),
                new ChaosOrders(prefix, customers, random));
        ProgressTicker progress = new ProgressTicker(load, began, number)) {
      load.start();
      progress.start();
      List<String> disruptions = new ArrayList<>();
      PROCESSORS.forEach(processor -> disruptions.add(processor.module()));
      disruptions.add(BROKER_RESTART);
      disruptions.add(DATABASE_OUTAGE);
      Collections.shuffle(disruptions, random);
      long gap = options.loadDuration().toNanos() / (disruptions.size() + 1);
      for (int i = 0; i < disruptions.size(); i++) {
        long jitter = (long) ((random.nextDouble() - 0.5) * gap * 0.6);
        parkUntil(began + gap * (i + 1) + jitter);
        actions.add(disrupt(disruptions.get(i), began));
      }
      parkUntil(began + options.loadDuration().toNanos());
      load.stopOrders();
      print(began, "orders stopped: " + load.progress());

      if (!waitFor(load::settled, SETTLE_TIMEOUT)) {
        problems.add("not settled within " + SETTLE_TIMEOUT.toSeconds() + " s: " + load.progress());
      }
      print(began, "settled: " + load.progress());
      problems.addAll(load.problems());
      problems.addAll(awaitNoLag());
      problems.addAll(deadServices());
      AuditReport audit = auditUntilClean(prefix, began);
      result =
          new RoundResult(
              number,
              prefix,
              load.progress(),
              actions,
              problems,
              audit,
              Duration.ofNanos(System.nanoTime() - began));
    }
    problems.forEach(problem -> out.println("chaos: PROBLEM " + problem));
    if (!result.audit().isClean()) {
      out.print(result.audit().render());
    }
    out.println("chaos: " + result.summary());
    return result;
  }

  private String disrupt(String disruption, long began) {
    long start = System.nanoTime();
    String done;
    switch (disruption) {
      case BROKER_RESTART -> {
        print(began, "restarting the Kafka broker");
        stack.restartBroker();
        done = "broker restarted";
      }
      case DATABASE_OUTAGE -> {
        print(began, "taking MariaDB away for " + options.databaseOutage().toSeconds() + " s");
        stack.takeDatabaseAway(options.databaseOutage());
        done = "MariaDB back";
      }
      default -> {
        ServiceProcess service = services.get(disruption);
        print(began, "kill -9 " + disruption + " (incarnation " + service.incarnation() + ")");
        service.kill();
        service.start();
        service.awaitReady();
        done = disruption + " incarnation " + service.incarnation() + " ready";
      }
    }
    String line =
        done
            + " after "
            + Duration.ofNanos(System.nanoTime() - start).toMillis() / 100 / 10.0
            + " s";
    print(began, line);
    return "t+" + seconds(began) + "s " + disruption + ": " + line;
  }

  /** Waits until no processor has records left; what is left at the deadline is a problem. */
  private List<String> awaitNoLag() {
    ConsumerGroupLag lag = new ConsumerGroupLag(admin, stack.bootstrapServers());
    Map<String, Map<TopicPartition, Long>> left = new LinkedHashMap<>();
    boolean none =
        waitFor(
            () -> {
              left.clear();
              for (Processor processor : PROCESSORS) {
                Map<TopicPartition, Long> pending =
                    lag.pending(processor.group(), processor.inputTopics());
                if (!pending.isEmpty()) {
                  left.put(processor.group(), pending);
                }
              }
              return left.isEmpty();
            },
            SETTLE_TIMEOUT);
    if (none) {
      return List.of();
    }
    List<String> problems = new ArrayList<>();
    left.forEach(
        (group, pending) -> problems.add("group " + group + " has records left: " + pending));
    return problems;
  }

  private List<String> deadServices() {
    List<String> problems = new ArrayList<>();
    services.forEach(
        (module, service) -> {
          if (!service.isAlive()) {
            problems.add(module + " died on its own; see " + service.logFile());
            service.start();
            service.awaitReady();
          }
        });
    return problems;
  }

  /**
   * Audits once nothing is in flight. A loyalty balance may still be catching up when the lag reads
   * zero between two polls, so an unclean audit is repeated for a while; a lost or repeated event
   * stays and fails the round.
   */
  private AuditReport auditUntilClean(String prefix, long began) {
    AuditSettings settings =
        AuditSettings.fromEnvironment(
                Map.of(
                    AuditSettings.BOOTSTRAP_SERVERS_VARIABLE,
                    stack.bootstrapServers(),
                    AuditSettings.SCHEMA_REGISTRY_URL_VARIABLE,
                    stack.endpoints().schemaRegistryUrl().toString(),
                    AuditSettings.DB_URL_VARIABLE,
                    stack.database().jdbcUrl(),
                    AuditSettings.DB_USER_VARIABLE,
                    stack.database().username(),
                    AuditSettings.DB_PASSWORD_VARIABLE,
                    stack.database().password()))
            .withOrderIdPrefix(prefix)
            // Nothing is in flight any more: compare everything written before the audit.
            .withSettle(Duration.ZERO);
    long deadline = System.nanoTime() + AUDIT_TIMEOUT.toNanos();
    AuditReport report = Audit.run(settings);
    int audits = 1;
    while (!report.isClean() && System.nanoTime() < deadline) {
      LockSupport.parkNanos(Duration.ofSeconds(2).toNanos());
      report = Audit.run(settings);
      audits++;
    }
    print(
        began,
        "audit "
            + (report.isClean() ? "clean" : report.discrepancies().size() + " discrepancies")
            + (audits > 1 ? " after " + audits + " audits" : "")
            + ": "
            + report.counts());
    return report;
  }

  private static boolean waitFor(BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        if (condition.getAsBoolean()) {
          return true;
        }
      } catch (RuntimeException e) {
        // The broker may be slow right after the disruptions: ask again.
      }
      if (System.nanoTime() >= deadline) {
        return false;
      }
      LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
    }
  }

  private static void parkUntil(long nanoTime) {
    long wait;
    while ((wait = nanoTime - System.nanoTime()) > 0) {
      LockSupport.parkNanos(wait);
    }
  }

  private void print(long began, String message) {
    String line = "chaos: t+" + seconds(began) + "s " + message;
    ProgressTicker progress = ticker;
    if (progress != null) {
      progress.progress.message(line);
    } else {
      out.println(line);
    }
  }

  private static String seconds(long began) {
    return String.format("%.1f", (System.nanoTime() - began) / 1e9);
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
    services.values().forEach(ServiceProcess::close);
    stack.close();
    try {
      Runtime.getRuntime().removeShutdownHook(killChildren);
    } catch (IllegalStateException e) {
      // Already shutting down: the hook runs anyway.
    }
  }

  /**
   * The load's counts while a round runs: redrawn every second on a terminal, a line every ten
   * seconds in a log; the round's other lines go through it.
   */
  private final class ProgressTicker implements AutoCloseable {

    private final ChaosLoad load;
    private final long began;
    private final Progress progress;
    private final Thread thread;
    private volatile boolean running = true;

    ProgressTicker(ChaosLoad load, long began, int round) {
      this.load = load;
      this.began = began;
      this.progress = Progress.on(out, "round " + round + ", second", 0);
      this.thread = new Thread(this::tick, "chaos-progress");
      thread.setDaemon(true);
    }

    void start() {
      ticker = this;
      thread.start();
    }

    private void tick() {
      while (running) {
        LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
        if (running) {
          progress.update(
              Duration.ofNanos(System.nanoTime() - began).toSeconds(), load.progress().toString());
        }
      }
    }

    @Override
    public void close() {
      running = false;
      thread.interrupt();
      ticker = null;
      progress.close();
    }
  }
}
