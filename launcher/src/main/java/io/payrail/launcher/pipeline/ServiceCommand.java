package io.payrail.launcher.pipeline;

import io.payrail.launcher.PayrailLauncher;
import io.payrail.launcher.process.ParentWatch;
import io.payrail.localstack.database.DatabaseSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./payrail service <module> [--data-dir DIR] [--port P] [--property key=value]...}: one
 * service alone in this JVM, on the infrastructure the {@code PAYRAIL_*} variables name, through
 * the same code as {@code ./payrail run}. The chaos run and the bench start services this way, in
 * processes of their own, so that they can kill one like a crash would or measure it alone.
 *
 * <p>The process ends when its standard input closes (see {@link ParentWatch}).
 */
@Command(
    name = "service",
    hidden = true,
    description = "Run one service alone in this JVM (used by chaos and bench).")
public final class ServiceCommand implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(ServiceCommand.class);

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODULE", description = "one of ${COMPLETION-CANDIDATES}")
  String module;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "parent of the Streams state directories")
  Path dataDir = Path.of(".");

  @Option(names = "--port", paramLabel = "PORT", description = "HTTP port, 0 for a free one")
  int port;

  @Option(
      names = "--property",
      paramLabel = "KEY=VALUE",
      description = "a Spring property over the service's own")
  Map<String, String> properties = new LinkedHashMap<>();

  @Override
  public Integer call() throws InterruptedException {
    if (!PipelineServices.MODULES.contains(module)) {
      throw new ParameterException(
          spec.commandLine(),
          "no service " + module + "; one of " + String.join(", ", PipelineServices.MODULES));
    }
    PipelineServices.Endpoints endpoints = endpoints(System.getenv());
    ParentWatch.exitWhenStdinCloses();
    PayrailLauncher.configureServiceLogging();
    PipelineServices service =
        PipelineServices.startOne(
            module, endpoints, dataDir.toAbsolutePath().normalize(), port, properties);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  service.close();
                  stopped.countDown();
                },
                "payrail-service-stop"));
    log.info("{} running on port {}", module, service.port(module));
    stopped.await();
    return 0;
  }

  private PipelineServices.Endpoints endpoints(Map<String, String> environment) {
    String bootstrap = environment.get("PAYRAIL_KAFKA_BOOTSTRAP_SERVERS");
    String registry = environment.get("PAYRAIL_SCHEMA_REGISTRY_URL");
    if (bootstrap == null || registry == null) {
      throw new ParameterException(
          spec.commandLine(),
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
}
