package io.payrail.launcher.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./payrail chaos [--rounds N] [--rate R] [--seconds S] [--outage S] [--seed X]}: chaos
 * rounds on one fresh stack in a temporary directory, each audited; exit status 1 if any round was
 * not clean. The directory (with each processor's log) is kept when a round was not clean.
 */
public final class ChaosCommand {

  private ChaosCommand() {}

  /**
   * What {@code ./payrail chaos} was asked for.
   *
   * @param rounds how many rounds to run on the same stack
   * @param run the scenario's settings
   */
  record Arguments(int rounds, ChaosRun.Options run) {

    static Arguments parse(List<String> args) {
      int rounds = 3;
      double rate = 50;
      int seconds = 60;
      int outage = 5;
      long seed = System.currentTimeMillis();
      for (int i = 0; i < args.size(); i++) {
        String option = args.get(i);
        if (i + 1 >= args.size()) {
          throw new IllegalArgumentException(option + " needs a value");
        }
        String value = args.get(++i);
        switch (option) {
          case "--rounds" -> rounds = positive(option, Integer.parseInt(value));
          case "--rate" -> rate = positive(option, Double.parseDouble(value));
          case "--seconds" -> seconds = positive(option, Integer.parseInt(value));
          case "--outage" -> outage = positive(option, Integer.parseInt(value));
          case "--seed" -> seed = Long.parseLong(value);
          default -> throw new IllegalArgumentException("unknown option " + option);
        }
      }
      return new Arguments(
          rounds,
          new ChaosRun.Options(
              rate, Duration.ofSeconds(seconds), Duration.ofSeconds(outage), seed));
    }

    private static <N extends Number> N positive(String option, N value) {
      if (value.doubleValue() <= 0) {
        throw new IllegalArgumentException(option + " must be positive");
      }
      return value;
    }
  }

  /** Runs the rounds and returns whether all were clean. */
  public static boolean run(List<String> args) {
    Arguments arguments = Arguments.parse(args);
    Path dataDir;
    try {
      dataDir = Files.createTempDirectory("payrail-chaos");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a data directory", e);
    }
    System.out.printf(
        "chaos: %d round(s), %.0f orders/s for %d s each, database outage %d s, seed %d%n",
        arguments.rounds(),
        arguments.run().ordersPerSecond(),
        arguments.run().loadDuration().toSeconds(),
        arguments.run().databaseOutage().toSeconds(),
        arguments.run().seed());
    List<RoundResult> results = new ArrayList<>();
    try (ChaosRun run =
        ChaosRun.start(arguments.run(), dataDir, dataDir.resolve("logs"), System.out)) {
      for (int round = 1; round <= arguments.rounds(); round++) {
        results.add(run.round(round));
      }
    }
    long clean = results.stream().filter(RoundResult::isClean).count();
    results.forEach(result -> System.out.println("chaos: " + result.summary()));
    System.out.printf("chaos: %d/%d rounds clean%n", clean, arguments.rounds());
    if (clean == arguments.rounds()) {
      deleteRecursively(dataDir);
      return true;
    }
    System.out.println("chaos: data and processor logs kept in " + dataDir);
    return false;
  }

  private static void deleteRecursively(Path dir) {
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      System.out.println("chaos: could not delete " + dir + ": " + e.getMessage());
    }
  }
}
