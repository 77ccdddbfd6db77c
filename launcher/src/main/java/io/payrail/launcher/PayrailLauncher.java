package io.payrail.launcher;

import io.payrail.launcher.pipeline.PipelineServices;
import io.payrail.launcher.pipeline.ServicePorts;
import io.payrail.localstack.LocalStack;
import io.payrail.localstack.database.DatabaseSettings;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;

/** {@code ./payrail <command>}: the one entry point for running Payrail on one machine. */
public final class PayrailLauncher {

  /**
   * The development merchant's API key; its SHA-256 hash is order-ingest's default merchant
   * configuration. Only for local runs: deployments configure their own key hashes.
   */
  public static final String DEVELOPMENT_API_KEY = "pk_dev_payrail_local_only";

  private PayrailLauncher() {}

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with every command; {@link #main} only executes it. */
  public static CommandLine commandLine() {
    return new CommandLine(new PayrailCommand())
        .setParameterExceptionHandler(PayrailLauncher::badCommandLine);
  }

  /**
   * A bad command line: the problem and where to find the command's options, not the whole usage
   * (which would push the message off the screen).
   */
  private static int badCommandLine(CommandLine.ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    command.getErr().println("payrail: " + e.getMessage());
    command.getErr().println("Try './" + command.getCommandSpec().qualifiedName(" ") + " --help'.");
    return command.getCommandSpec().exitCodeOnInvalidInput();
  }

  /**
   * One logging set-up for all services in a JVM: the launcher's logback.xml, with Tomcat's
   * java.util.logging sent to the same place. Called by the commands that start services, not
   * before parsing: {@code --help} and a typo answer without loading any of it.
   */
  public static void configureServiceLogging() {
    System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
  }

  /** Whether something answers a service's health endpoint. */
  public static boolean reachable(URI base) {
    return probe(base.resolve("/actuator/health"));
  }

  /** Whether a service's readiness probe answers 200. */
  public static boolean ready(URI base) {
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
  public record Pipeline(LocalStack stack, PipelineServices services) implements AutoCloseable {

    public static Pipeline start(
        Path dataDir, int kafkaPort, int registryPort, int databasePort, ServicePorts ports) {
      configureServiceLogging();
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

    public URI facadeUrl() {
      return URI.create("http://127.0.0.1:" + services.port("order-ingest"));
    }

    /** Where everything listens, for a parent launcher's {@code --ready-file}. */
    public Map<String, String> describe() {
      Map<String, String> values =
          new LinkedHashMap<>(PipelineServices.Endpoints.of(stack).describe());
      PipelineServices.MODULES.forEach(
          module -> values.put("port." + module, String.valueOf(services.port(module))));
      return values;
    }

    @Override
    public void close() {
      services.close();
      stack.close();
    }
  }

  /** Deletes a directory and everything in it; nothing when it does not exist. */
  public static void deleteRecursively(Path dir) {
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
