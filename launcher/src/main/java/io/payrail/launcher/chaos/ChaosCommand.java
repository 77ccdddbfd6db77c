package io.payrail.launcher.chaos;

import io.payrail.launcher.OptionValues;
import io.payrail.launcher.PayrailLauncher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
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
      "Crash every processor, the broker and the database under load; audit each round.",
      "On a fresh stack in a temporary directory, stream orders and refunds while each processor"
          + " (in a JVM of its own) is killed with SIGKILL and restarted, the broker is restarted"
          + " and MariaDB is taken away. Exit 1 if any round lost or repeated anything (the"
          + " directory and the processors' logs are then kept)."
    })
public final class ChaosCommand implements Callable<Integer> {

  @Option(
      names = "--rounds",
      paramLabel = "N",
      defaultValue = "3",
      converter = OptionValues.Positive.class,
      description = "rounds on the same stack (default: ${DEFAULT-VALUE})")
  int rounds;

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
      description = "seconds the database stays away (default: ${DEFAULT-VALUE})")
  int outage;

  @Option(
      names = "--seed",
      paramLabel = "X",
      description = "repeats a run's traffic and schedule (default: the current time, printed)")
  Long seed;

  @Override
  public Integer call() {
    ChaosRun.Options options =
        new ChaosRun.Options(
            rate,
            Duration.ofSeconds(seconds),
            Duration.ofSeconds(outage),
            seed != null ? seed : System.currentTimeMillis());
    Path dataDir;
    try {
      dataDir = Files.createTempDirectory("payrail-chaos");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a data directory", e);
    }
    System.out.printf(
        "chaos: %d round(s), %.0f orders/s for %d s each, database outage %d s, seed %d%n",
        rounds,
        options.ordersPerSecond(),
        options.loadDuration().toSeconds(),
        options.databaseOutage().toSeconds(),
        options.seed());
    List<RoundResult> results = new ArrayList<>();
    try (ChaosRun run = ChaosRun.start(options, dataDir, dataDir.resolve("logs"), System.out)) {
      for (int round = 1; round <= rounds; round++) {
        results.add(run.round(round));
      }
    }
    long clean = results.stream().filter(RoundResult::isClean).count();
    results.forEach(result -> System.out.println("chaos: " + result.summary()));
    System.out.printf("chaos: %d/%d rounds clean%n", clean, rounds);
    if (clean == rounds) {
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
