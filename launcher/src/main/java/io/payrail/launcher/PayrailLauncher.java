package io.payrail.launcher;

import io.payrail.launcher.bench.BenchCommand;
import io.payrail.launcher.pipeline.PipelineServices;
import io.payrail.launcher.pipeline.ServicePorts;
import io.payrail.localstack.LocalStack;
import io.payrail.localstack.database.DatabaseSettings;
import io.payrail.localstack.kafka.FreePort;
import io.payrail.schemas.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** {@code ./payrail <command>}: the one entry point for running Payrail on one machine. */
public final class PayrailLauncher {

  static final int KAFKA_PORT = 9092;
  static final int REGISTRY_PORT = 8081;
  static final int DATABASE_PORT = 3307;

  /**
   * The development merchant's API key; its SHA-256 hash is order-ingest's default merchant
   * configuration. Only for local runs: deployments configure their own key hashes.
   */
  public static final String DEVELOPMENT_API_KEY = "pk_dev_payrail_local_only";

  private PayrailLauncher() {}

  public static void main(String[] args) throws Exception {
    // One logging set-up for all five services: the launcher's logback.xml.
    System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
    // Tomcat logs through java.util.logging; send it to the same place.
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    List<String> arguments = List.of(args);
    String command = arguments.isEmpty() ? "help" : arguments.get(0);
    List<String> options = arguments.isEmpty() ? List.of() : arguments.subList(1, arguments.size());
    try {
      switch (command) {
        case "run" -> run(LaunchOptions.parse(options, System.getenv()));
        case "bench" -> bench(options);
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
    Pipeline pipeline =
        Pipeline.start(
            options.dataDir(), KAFKA_PORT, REGISTRY_PORT, DATABASE_PORT, ServicePorts.defaults());
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
    System.out.printf(
        """

        Payrail is up (data in %s)
          Order API (order-ingest)  %s/v1/orders   OpenAPI: %s/v3/api-docs
          Loyalty queries           http://127.0.0.1:%d/v1/customers/{customerId}/loyalty
          Kafka bootstrap servers   %s
          Schema registry           %s
          Ledger database           %s (user %s)
          Development API key       %s   (Authorization: Bearer <key>, merchant dev-merchant)
        Press Ctrl-C to stop.
        %n""",
        options.dataDir(),
        pipeline.facadeUrl(),
        pipeline.facadeUrl(),
        pipeline.services().port("loyalty-streams"),
        pipeline.stack().bootstrapServers(),
        pipeline.stack().schemaRegistryUrl(),
        pipeline.stack().database().jdbcUrl(),
        pipeline.stack().database().username(),
        DEVELOPMENT_API_KEY);
    stopped.await();
  }

  private static void bench(List<String> options) throws IOException {
    Path dataDir = Files.createTempDirectory("payrail-bench");
    ServicePorts ports =
        new ServicePorts(
            FreePort.orEphemeral(0),
            FreePort.orEphemeral(0),
            FreePort.orEphemeral(0),
            FreePort.orEphemeral(0),
            FreePort.orEphemeral(0));
    System.out.println("bench: starting a fresh pipeline in " + dataDir);
    try (Pipeline pipeline = Pipeline.start(dataDir, 0, 0, 0, ports)) {
      BenchCommand.run(
          options,
          new BenchCommand.Target(
              pipeline.stack().bootstrapServers(),
              pipeline.stack().schemaRegistryUrl(),
              pipeline.facadeUrl(),
              DEVELOPMENT_API_KEY));
    } finally {
      deleteRecursively(dataDir);
    }
    // Kafka Streams and Tomcat leave non-daemon threads behind on some JDKs.
    System.exit(0);
  }

  /** The local stack and the five services on it. */
  record Pipeline(LocalStack stack, PipelineServices services) implements AutoCloseable {

    static Pipeline start(
        Path dataDir, int kafkaPort, int registryPort, int databasePort, ServicePorts ports) {
      LocalStack stack =
          LocalStack.start(
              new LocalStack.Settings(
                  dataDir,
                  kafkaPort,
                  registryPort,
                  databasePort,
                  Topics.DEFAULT_PARTITIONS,
                  DatabaseSettings.fromEnvironment(System.getenv())));
      try {
        return new Pipeline(stack, PipelineServices.start(stack, dataDir, ports));
      } catch (RuntimeException e) {
        stack.close();
        throw e;
      }
    }

    URI facadeUrl() {
      return URI.create("http://127.0.0.1:" + services.port("order-ingest"));
    }

    @Override
    public void close() {
      services.close();
      stack.close();
    }
  }

  private static void usage() {
    System.out.println(
        """
        usage: ./payrail <command> [options]

          run [--fresh] [--data-dir DIR]   start Kafka (9092, controller 9093), the schema registry
                                           (8081), MariaDB (3307) and the five services (order API
                                           on 8080) until Ctrl-C; data persists in DIR
          bench [--orders N] [--rate R] [--latency-seconds S] [--http-requests N]
                [--http-clients C] [--warmup N] [--results DIR]
                                           measure raw Kafka, the pipeline and the HTTP facade on a
                                           fresh pipeline; the last line is one JSON object
        """);
  }

  static void deleteRecursively(Path dir) {
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
