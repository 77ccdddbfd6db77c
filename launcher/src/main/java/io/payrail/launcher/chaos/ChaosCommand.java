package io.payrail.launcher.chaos;

import io.payrail.launcher.OptionValues;
import io.payrail.launcher.PayrailLauncher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./payrail chaos}: chaos rounds on one fresh stack in a temporary directory, each audited;
 * exit status 1 if any round was not clean. The directory (with each processor's log) is kept when
 * a round was not clean.
 */
@Command(
    name = "chaos",
    description = {
      "Crash processors, the broker, the database, the schema registry and the acquirer under load;"
          + " audit each round.",
      "On a fresh stack in a temporary directory, stream orders and refunds (orders risk holds"
          + " for review are decided at once, most approved, some rejected) while, round by round:"
          + " crash: each processor (in a JVM of its own) is killed with SIGKILL and restarted, the"
          + " broker restarted and MariaDB taken away; registry: the schema registry is away while"
          + " every processor restarts; acquirer: the acquirer answers charges with timeouts for a"
          + " while; failover: a second instance of each processor is killed and not restarted,"
          + " and the time until its work moves again is measured. Exit 1 if any round lost,"
          + " repeated or dead-lettered anything, left a payment UNKNOWN or an order held, ended a"
          + " held order otherwise than its decision said, or failed over too slowly"
          + " (the directory and the processors' logs are then kept)."
    })
public final class ChaosCommand implements Callable<Integer> {

  @Option(
      names = "--kinds",
      paramLabel = "K,K",
      split = ",",
      converter = ChaosKind.Converter.class,
      description =
          "kinds of round, taken in turn: crash, registry, acquirer, failover (default: all)")
  List<ChaosKind> kinds;

  @Option(
      names = "--together",
      description = "every round has all the kinds' disruptions at once, in random order")
  boolean together;

  @Option(
      names = "--rounds",
      paramLabel = "N",
      converter = OptionValues.Positive.class,
      description = "rounds on the same stack (default: one per kind; 1 with --together)")
  Integer rounds;

  @Option(
      names = "--rate",
      paramLabel = "R",
      defaultValue = "50",
      converter = OptionValues.PositiveDecimal.class,
      description = "orders per second during a round (default: ${DEFAULT-VALUE})")
  double rate;

  @Option(
      names = "--seconds",
      paramLabel = "S",
      defaultValue = "60",
      converter = OptionValues.Positive.class,
      description = "seconds of load per round at least (default: ${DEFAULT-VALUE})")
  int seconds;

  @Option(
      names = "--outage",
      paramLabel = "S",
      defaultValue = "5",
      converter = OptionValues.Positive.class,
      description = "seconds the database stays away, crash (default: ${DEFAULT-VALUE})")
  int outage;

  @Option(
      names = "--registry-outage",
      paramLabel = "S",
      defaultValue = "20",
      converter = OptionValues.Positive.class,
      description =
          "seconds the schema registry stays away once the processors restarted without it are"
              + " ready, registry (default: ${DEFAULT-VALUE})")
  int registryOutage;

  @Option(
      names = "--acquirer-faults",
      paramLabel = "S",
      defaultValue = "20",
      converter = OptionValues.Positive.class,
      description =
          "seconds the acquirer answers charges with timeouts, acquirer (default:"
              + " ${DEFAULT-VALUE})")
  int acquirerFaults;

  @Option(
      names = "--fault-fraction",
      paramLabel = "F",
      defaultValue = "0.5",
      converter = OptionValues.Fraction.class,
      description = "share of charges that time out then, acquirer (default: ${DEFAULT-VALUE})")
  double faultFraction;

  @Option(
      names = "--failover-limit",
      paramLabel = "S",
      defaultValue = "15",
      converter = OptionValues.Positive.class,
      description =
          "seconds a killed instance's work may stand still, failover (default: ${DEFAULT-VALUE})")
  int failoverLimit;

  @Option(
      names = "--seed",
      paramLabel = "X",
      description = "repeats a run's traffic and schedule (default: the current time, printed)")
  Long seed;

  /** The run's settings, as the options say. */
  public ChaosRun.Options options() {
    return new ChaosRun.Options(
        rate,
        Duration.ofSeconds(seconds),
        Duration.ofSeconds(outage),
        Duration.ofSeconds(registryOutage),
        Duration.ofSeconds(acquirerFaults),
        faultFraction,
        ChaosRun.PROCESSOR_MODULES,
        Duration.ofSeconds(failoverLimit),
        seed != null ? seed : System.currentTimeMillis());
  }

  /** The kinds of each round, in order. */
  public List<Set<ChaosKind>> plan() {
    Set<ChaosKind> chosen =
        kinds == null ? EnumSet.allOf(ChaosKind.class) : new LinkedHashSet<>(kinds);
    List<ChaosKind> turns = List.copyOf(chosen);
    int count = rounds != null ? rounds : together ? 1 : turns.size();
    List<Set<ChaosKind>> plan = new ArrayList<>();
    for (int round = 0; round < count; round++) {
      plan.add(together ? chosen : Set.of(turns.get(round % turns.size())));
    }
    return plan;
  }

  @Override
  public Integer call() {
    ChaosRun.Options options = options();
    List<Set<ChaosKind>> plan = plan();
    Path dataDir;
    try {
      dataDir = Files.createTempDirectory("payrail-chaos");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a data directory", e);
    }
    System.out.printf(
        "chaos: %d round(s) (%s), %.0f orders/s for %d s each, database away %d s, registry away %d"
            + " s after restarts, acquirer timing out %.0f %% of charges for %d s, failover limit"
            + " %d s, seed %d%n",
        plan.size(),
        plan.stream()
            .map(kinds -> kinds.stream().map(ChaosKind::label).collect(Collectors.joining("+")))
            .collect(Collectors.joining(", ")),
        options.ordersPerSecond(),
        options.loadDuration().toSeconds(),
        options.databaseOutage().toSeconds(),
        options.registryOutage().toSeconds(),
        options.faultFraction() * 100,
        options.faultWindow().toSeconds(),
        options.failoverLimit().toSeconds(),
        options.seed());
    List<RoundResult> results = new ArrayList<>();
    try (ChaosRun run = ChaosRun.start(options, dataDir, dataDir.resolve("logs"), System.out)) {
      for (int round = 1; round <= plan.size(); round++) {
        results.add(run.round(round, plan.get(round - 1)));
      }
    }
    long clean = results.stream().filter(RoundResult::isClean).count();
    for (RoundResult result : results) {
      System.out.println("chaos: " + result.summary());
      result.figures().forEach(figure -> System.out.println("chaos:   " + figure));
    }
    System.out.printf("chaos: %d/%d rounds clean%n", clean, results.size());
    if (clean == results.size()) {
      try {
        PayrailLauncher.deleteRecursively(dataDir);
      } catch (UncheckedIOException e) {
        System.out.println("chaos: could not delete " + dataDir + ": " + e.getMessage());
      }
      return 0;
    }
    System.out.println("chaos: data and processor logs kept in " + dataDir);
    return 1;
  }
}
