package io.payrail.launcher.pipeline;

import io.payrail.localstack.database.DatabaseSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./payrail service <module> [--data-dir DIR] [--port P] [--property key=value]...}: one
 * service alone in this JVM, on the infrastructure the {@code PAYRAIL_*} variables name, through
 * the same code as {@code ./payrail run}. The chaos run starts each processor this way so that it
 * can kill it like a crash would.
 *
 * <p>The process ends when its standard input closes: a parent that dies (even by SIGKILL) takes
 * its services with it instead of leaving them running against a stack that is gone.
 */
public final class ServiceCommand {

  private static final Logger log = LoggerFactory.getLogger(ServiceCommand.class);

  /** Exit status when the parent went away. */
  private static final int ORPHANED = 3;

  private ServiceCommand() {}

  /**
   * What to start.
   *
   * @param module one of {@link PipelineServices#MODULES}
   * @param dataDir parent of the Streams state directories
   * @param port HTTP port, 0 for a free one
   * @param properties Spring properties over the service's own
   */
  record Options(String module, Path dataDir, int port, Map<String, String> properties) {

    static Options parse(List<String> args) {
      if (args.isEmpty() || !PipelineServices.MODULES.contains(args.get(0))) {
        throw new IllegalArgumentException(
            "usage: service <" + String.join("|", PipelineServices.MODULES) + "> [options]");
      }
      Path dataDir = Path.of(".");
      int port = 0;
      Map<String, String> properties = new LinkedHashMap<>();
      for (int i = 1; i < args.size(); i++) {
        String option = args.get(i);
        if (i + 1 >= args.size()) {
          throw new IllegalArgumentException(option + " needs a value");
        }
        String value = args.get(++i);
        switch (option) {
          case "--data-dir" -> dataDir = Path.of(value);
          case "--port" -> port = Integer.parseInt(value);
          case "--property" -> {
            int equals = value.indexOf('=');
            if (equals < 1) {
              throw new IllegalArgumentException("--property needs key=value, got " + value);
            }
            properties.put(value.substring(0, equals), value.substring(equals + 1));
          }
          default -> throw new IllegalArgumentException("unknown option " + option);
        }
      }
      return new Options(args.get(0), dataDir.toAbsolutePath().normalize(), port, properties);
    }
  }

  /** Starts the service and blocks until the JVM stops. */
  public static void run(List<String> args, Map<String, String> environment)
      throws InterruptedException {
    Options options = Options.parse(args);
    PipelineServices.Endpoints endpoints = endpoints(environment);
    exitWhenStdinCloses();
    PipelineServices service =
        PipelineServices.startOne(
            options.module(), endpoints, options.dataDir(), options.port(), options.properties());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  service.close();
                  stopped.countDown();
                },
                "payrail-service-stop"));
    log.info("{} running on port {}", options.module(), service.port(options.module()));
    stopped.await();
  }

  private static PipelineServices.Endpoints endpoints(Map<String, String> environment) {
    String bootstrap = environment.get("PAYRAIL_KAFKA_BOOTSTRAP_SERVERS");
    String registry = environment.get("PAYRAIL_SCHEMA_REGISTRY_URL");
    if (bootstrap == null || registry == null) {
      throw new IllegalArgumentException(
          "service needs PAYRAIL_KAFKA_BOOTSTRAP_SERVERS and PAYRAIL_SCHEMA_REGISTRY_URL");
    }
    DatabaseSettings database =
        DatabaseSettings.fromEnvironment(environment)
            .orElseGet(
                () ->
                    new DatabaseSettings(
                        "jdbc:mysql://127.0.0.1:3307/payrail?useSSL=false", "root", ""));
    return new PipelineServices.Endpoints(bootstrap, URI.create(registry), database);
  }

  private static void exitWhenStdinCloses() {
    Thread watcher =
        new Thread(
            () -> {
              try {
                InputStream in = System.in;
                byte[] buffer = new byte[256];
                while (in.read(buffer) >= 0) {
                  // The parent never writes; anything it does is ignored.
                }
              } catch (IOException e) {
                // A broken pipe means the same as end of input.
              }
              log.warn("standard input closed: the parent process is gone, halting");
              Runtime.getRuntime().halt(ORPHANED);
            },
            "payrail-service-parent-watch");
    watcher.setDaemon(true);
    watcher.start();
  }
}
