package io.payrail.launcher;

import io.payrail.launcher.process.ParentWatch;
import io.payrail.launcher.process.ReadyFile;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./payrail run}: the local stack and the five services in this JVM until Ctrl-C. */
@Command(
    name = "run",
    description = {
      "Run Kafka, the schema registry, MariaDB and the five services in one JVM until Ctrl-C.",
      "The order API listens on the facade port; data persists between runs in the data"
          + " directory."
    })
final class RunCommand implements Callable<Integer> {

  @Option(names = "--fresh", description = "delete the data directory first")
  boolean fresh;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "where the broker, registry and database keep their files (default: $${XDG_DATA_HOME:-~/.local/share}/payrail)")
  Path dataDir;

  @Mixin PortOptions ports;

  /** Written once the pipeline is up, for a parent launcher (the bench) that started this one. */
  @Option(names = "--ready-file", paramLabel = "FILE", hidden = true)
  Path readyFile;

  /** Ends this JVM when standard input closes: set by a parent launcher that started this one. */
  @Option(names = "--exit-with-parent", hidden = true)
  boolean exitWithParent;

  @Override
  public Integer call() throws InterruptedException {
    Path dir = dataDir(dataDir, System.getenv());
    if (exitWithParent) {
      ParentWatch.exitWhenStdinCloses();
    }
    if (fresh) {
      PayrailLauncher.deleteRecursively(dir);
    }
    PayrailLauncher.Pipeline pipeline =
        PayrailLauncher.Pipeline.start(
            dir, ports.kafka(), ports.registry(), ports.database(), ports.services());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("Stopping Payrail...");
                  pipeline.close();
                  stopped.countDown();
                },
                "payrail-stop"));
    if (readyFile != null) {
      ReadyFile.write(readyFile, pipeline.describe());
    }
    System.out.printf(
        """

        Payrail is up (data in %s)
          Order API (order-ingest)  %s/v1/orders   OpenAPI: %s/v3/api-docs
          Loyalty balances          %s/v1/customers/{customerId}/loyalty   (a member's, API key)
          Kafka bootstrap servers   %s
          Schema registry           %s
          Ledger database           %s (user %s)
          Development API key       %s   (Authorization: Bearer <key>, merchant dev-merchant)
        Press Ctrl-C to stop.
        %n""",
        dir,
        pipeline.facadeUrl(),
        pipeline.facadeUrl(),
        pipeline.facadeUrl(),
        pipeline.stack().bootstrapServers(),
        pipeline.stack().schemaRegistryUrl(),
        pipeline.stack().database().jdbcUrl(),
        pipeline.stack().database().username(),
        PayrailLauncher.DEVELOPMENT_API_KEY);
    stopped.await();
    return 0;
  }

  /** The given directory, or the user's data directory as XDG defines it. */
  static Path dataDir(Path given, Map<String, String> environment) {
    if (given != null) {
      return given.toAbsolutePath().normalize();
    }
    String xdg = environment.get("XDG_DATA_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(environment.getOrDefault("HOME", "."), ".local", "share");
    return base.resolve("payrail").toAbsolutePath().normalize();
  }
}
