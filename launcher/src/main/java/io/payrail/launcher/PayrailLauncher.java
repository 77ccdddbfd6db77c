package io.payrail.launcher;

import io.payrail.localstack.LocalStack;
import io.payrail.localstack.database.DatabaseSettings;
import io.payrail.schemas.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/** {@code ./payrail <command>}: the one entry point for running Payrail on one machine. */
public final class PayrailLauncher {

  static final int KAFKA_PORT = 9092;
  static final int REGISTRY_PORT = 8081;
  static final int DATABASE_PORT = 3307;

  private PayrailLauncher() {}

  public static void main(String[] args) throws InterruptedException {
    List<String> arguments = List.of(args);
    String command = arguments.isEmpty() ? "help" : arguments.get(0);
    List<String> options = arguments.isEmpty() ? List.of() : arguments.subList(1, arguments.size());
    try {
      switch (command) {
        case "run" -> run(LaunchOptions.parse(options, System.getenv()));
        case "help", "--help", "-h" -> usage();
        default -> {
          System.err.println("unknown command: " + command);
          usage();
          System.exit(2);
        }
      }
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      usage();
      System.exit(2);
    }
  }

  private static void run(LaunchOptions options) throws InterruptedException {
    if (options.fresh()) {
      deleteRecursively(options.dataDir());
    }
    LocalStack stack =
        LocalStack.start(
            new LocalStack.Settings(
                options.dataDir(),
                KAFKA_PORT,
                REGISTRY_PORT,
                DATABASE_PORT,
                Topics.DEFAULT_PARTITIONS,
                DatabaseSettings.fromEnvironment(System.getenv())));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("Stopping Payrail...");
                  stack.close();
                  stopped.countDown();
                },
                "payrail-stop"));
    System.out.printf(
        """

        Payrail local stack is up (data in %s)
          Kafka bootstrap servers  %s
          Schema registry          %s
          Ledger database          %s (user %s)
        Press Ctrl-C to stop.
        %n""",
        options.dataDir(),
        stack.bootstrapServers(),
        stack.schemaRegistryUrl(),
        stack.database().jdbcUrl(),
        stack.database().username());
    stopped.await();
  }

  private static void usage() {
    System.out.println(
        """
        usage: ./payrail <command> [options]

          run [--fresh] [--data-dir DIR]   start the broker (9092, controller 9093), the schema
                                           registry (8081)
                                           and the database (3307) until Ctrl-C
        """);
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
