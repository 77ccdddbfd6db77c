package io.payrail.launcher;

import io.payrail.audit.Audit;
import io.payrail.audit.AuditReport;
import io.payrail.audit.AuditSettings;
import io.payrail.audit.deadletter.DeadLetter;
import io.payrail.audit.deadletter.DeadLetters;
import io.payrail.launcher.bench.BenchCommand;
import io.payrail.launcher.chaos.ChaosCommand;
import io.payrail.launcher.demo.DemoCommand;
import io.payrail.launcher.pipeline.PipelineServices;
import io.payrail.launcher.pipeline.ServiceCommand;
import io.payrail.launcher.pipeline.ServicePorts;
import io.payrail.localstack.LocalStack;
import io.payrail.localstack.database.DatabaseSettings;
import io.payrail.localstack.kafka.FreePort;
import io.payrail.schemas.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
        case "demo" -> demo(options);
        case "audit" -> audit(options);
        case "dlt" -> deadLetters(options);
        case "chaos" -> System.exit(ChaosCommand.run(options) ? 0 : 1);
        // Not in the usage: how the chaos run starts each processor in a process of its own.
        case "service" -> ServiceCommand.run(options, System.getenv());
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

  private static void demo(List<String> options) throws IOException {
    URI facade = URI.create("http://127.0.0.1:" + ServicePorts.defaults().orderIngest());
    URI loyalty = URI.create("http://127.0.0.1:" + ServicePorts.defaults().loyaltyStreams());
    DemoCommand.Target target = new DemoCommand.Target(facade, loyalty, DEVELOPMENT_API_KEY);
    boolean settled;
    if (reachable(facade)) {
      System.out.println("demo: using the pipeline running on " + facade);
      settled = DemoCommand.run(options, target);
    } else {
      Path dataDir = Files.createTempDirectory("payrail-demo");
      System.out.println("demo: no pipeline on " + facade + ", starting one in " + dataDir);
      try (Pipeline pipeline =
          Pipeline.start(
              dataDir, KAFKA_PORT, REGISTRY_PORT, DATABASE_PORT, ServicePorts.defaults())) {
        settled = DemoCommand.run(options, target);
      } finally {
        deleteRecursively(dataDir);
      }
    }
    System.exit(settled ? 0 : 1);
  }

  private static void audit(List<String> options) {
    AuditSettings settings = AuditSettings.fromEnvironment(System.getenv());
    if (options.size() == 2 && options.get(0).equals("--order-prefix")) {
      settings = settings.withOrderIdPrefix(options.get(1));
    } else if (!options.isEmpty()) {
      throw new IllegalArgumentException("usage: audit [--order-prefix PREFIX]");
    }
    AuditReport report = Audit.run(settings);
    System.out.println(report.render());
    System.exit(report.isClean() ? 0 : 1);
  }

  private static void deadLetters(List<String> options) {
    if (options.size() != 2 || !List.of("list", "replay").contains(options.get(0))) {
      throw new IllegalArgumentException("usage: dlt list|replay <topic>");
    }
    DeadLetters deadLetters =
        new DeadLetters(AuditSettings.fromEnvironment(System.getenv()).deadLetterSettings());
    if (options.get(0).equals("list")) {
      List<DeadLetter> letters = deadLetters.list(options.get(1));
      letters.forEach(letter -> System.out.println(letter.render()));
      System.out.println(letters.size() + " dead letter(s)");
    } else {
      System.out.println(deadLetters.replay(options.get(1)));
    }
  }

  private static boolean reachable(URI base) {
    return probe(base.resolve("/actuator/health"));
  }

  private static boolean ready(URI base) {
    return probe(base.resolve("/actuator/health/readiness"));
  }

  private static boolean probe(URI url) {
    try {
      HttpResponse<Void> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).build(),
                  HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
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
        Pipeline pipeline = new Pipeline(stack, PipelineServices.start(stack, dataDir, ports));
        // Started is not ready: the status view and the loyalty store answer once Streams run.
        for (String module : List.of("order-ingest", "loyalty-streams")) {
          awaitReady(URI.create("http://127.0.0.1:" + pipeline.services().port(module)));
        }
        return pipeline;
      } catch (RuntimeException e) {
        stack.close();
        throw e;
      }
    }

    private static void awaitReady(URI service) {
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (System.nanoTime() < deadline) {
        if (ready(service)) {
          return;
        }
        java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
      }
      throw new IllegalStateException(service + " did not become ready within 120 s");
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
          demo [--orders N]                drive a mix of orders and refunds over HTTP against the
                                           running pipeline (or a fresh one) and summarise
          audit [--order-prefix P]         reconcile result topics, ledger, acquirer and loyalty;
                                           exit 1 on any discrepancy (PAYRAIL_* variables point it
                                           at another cluster and database)
          dlt list|replay <topic>          show a topic's dead letters, or re-publish them once
          bench [--orders N] [--rate R] [--latency-seconds S] [--http-requests N]
                [--http-clients C] [--warmup N] [--results DIR]
                                           measure raw Kafka, the pipeline and the HTTP facade on a
                                           fresh pipeline; the last line is one JSON object
          chaos [--rounds N] [--rate R] [--seconds S] [--outage S] [--seed X]
                                           on a fresh stack, stream orders and refunds while each
                                           processor is killed (SIGKILL) and restarted, the broker
                                           restarted and the database taken away; audit each round;
                                           exit 1 if any round lost or repeated anything
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
