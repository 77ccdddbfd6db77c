package io.payrail.launcher.bench;

import io.payrail.launcher.PayrailLauncher;
import io.payrail.launcher.pipeline.PipelineServices;
import io.payrail.launcher.process.LauncherProcess;
import io.payrail.launcher.process.ReadyFile;
import io.payrail.localstack.database.DatabaseSettings;
import io.payrail.localstack.kafka.FreePort;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The processes a bench runs against, each a {@code ./payrail} command in a JVM of its own, so that
 * the load generator (this JVM) never shares one with what it measures:
 *
 * <ul>
 *   <li>single JVM: {@code ./payrail run}, the broker, registry and five services together, as a
 *       local run has them;
 *   <li>per service: {@code ./payrail stack} (broker and registry) and one {@code ./payrail
 *       service} per service instance, as they are deployed.
 * </ul>
 *
 * MariaDB is a process of its own in both (the embedded server's child of the broker's JVM).
 */
final class BenchDeployment implements AutoCloseable {

  /** The processors that {@code --instances} multiplies; the facade stays one. */
  static final List<String> PROCESSORS =
      List.of("risk-streams", "payment-processor", "refund-processor", "loyalty-streams");

  static final String FACADE = "order-ingest";

  /** What the report calls this JVM, which runs the load. */
  static final String LOAD_GENERATOR = "load generator";

  private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

  private final Path dir;
  private final Path logs;
  private final List<String> jvmOptions;
  private final LauncherProcess brokerProcess;
  private final PipelineServices.Endpoints endpoints;
  private final BrokerMetrics brokerMetrics;
  private final Map<String, Integer> singleJvmPorts;
  private final Map<String, LauncherProcess> services = new LinkedHashMap<>();
  private final Map<String, Integer> servicePorts = new LinkedHashMap<>();
  private final Admin admin;

  private BenchDeployment(
      Path dir,
      Path logs,
      List<String> jvmOptions,
      LauncherProcess brokerProcess,
      PipelineServices.Endpoints endpoints,
      BrokerMetrics brokerMetrics,
      Map<String, Integer> singleJvmPorts) {
    this.dir = dir;
    this.logs = logs;
    this.jvmOptions = jvmOptions;
    this.brokerProcess = brokerProcess;
    this.endpoints = endpoints;
    this.brokerMetrics = brokerMetrics;
    this.singleJvmPorts = singleJvmPorts;
    this.admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.bootstrapServers()));
  }

  /**
   * The broker, registry and database alone; services come with {@link #startService}.
   *
   * @param dir where the processes keep their data
   * @param logs where each process's output goes, one file each
   */
  static BenchDeployment stack(Path dir, Path logs, List<String> jvmOptions) {
    Path ready = dir.resolve("stack.ready");
    return start(
        dir,
        logs,
        jvmOptions,
        "stack JVM",
        List.of(
            "stack",
            "--data-dir",
            dir.resolve("stack").toString(),
            "--ready-file",
            ready.toString()),
        ready,
        false);
  }

  /** The whole pipeline in one JVM, as {@code ./payrail run} runs it, on free ports. */
  static BenchDeployment singleJvm(Path dir, Path logs, List<String> jvmOptions) {
    Path ready = dir.resolve("pipeline.ready");
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "run",
                "--fresh",
                "--exit-with-parent",
                "--data-dir",
                dir.resolve("pipeline").toString(),
                "--ready-file",
                ready.toString()));
    for (String port :
        List.of(
            "--kafka-port",
            "--registry-port",
            "--database-port",
            "--facade-port",
            "--risk-port",
            "--payment-port",
            "--refund-port",
            "--loyalty-port")) {
      arguments.addAll(List.of(port, "0"));
    }
    return start(dir, logs, jvmOptions, "pipeline JVM", arguments, ready, true);
  }

  private static BenchDeployment start(
      Path dir,
      Path logs,
      List<String> jvmOptions,
      String name,
      List<String> arguments,
      Path readyFile,
      boolean withServices) {
    int jmxPort = BrokerMetrics.freePort();
    List<String> options = new ArrayList<>(jvmOptions);
    options.addAll(BrokerMetrics.jvmOptions(jmxPort));
    LauncherProcess process =
        LauncherProcess.start(name, options, arguments, Map.of(), logs.resolve(fileName(name)));
    try {
      process.awaitReady(() -> ReadyFile.read(readyFile).isPresent(), START_TIMEOUT);
      Properties ready = ReadyFile.read(readyFile).orElseThrow();
      String password =
          DatabaseSettings.fromEnvironment(System.getenv())
              .map(DatabaseSettings::password)
              .orElse("");
      Map<String, Integer> ports = new LinkedHashMap<>();
      if (withServices) {
        for (String module : PipelineServices.MODULES) {
          ports.put(module, Integer.parseInt(ready.getProperty("port." + module)));
        }
      }
      return new BenchDeployment(
          dir,
          logs,
          jvmOptions,
          process,
          PipelineServices.Endpoints.fromDescription(ready, password),
          BrokerMetrics.connect(jmxPort),
          ports);
    } catch (RuntimeException e) {
      process.close();
      throw e;
    }
  }

  /**
   * Starts {@code instances} of each processor and one facade, each in its own JVM, and waits until
   * all are ready.
   */
  void startServices(int instances) {
    List<String> started = new ArrayList<>();
    for (String module : PROCESSORS) {
      for (int instance = 1; instance <= instances; instance++) {
        started.add(launch(module, instance));
      }
    }
    started.add(launch(FACADE, 1));
    started.forEach(this::awaitReady);
  }

  /** Starts one instance of one service in its own JVM and waits until it is ready. */
  String startService(String module) {
    String name = launch(module, 1);
    awaitReady(name);
    return name;
  }

  private String launch(String module, int instance) {
    String name = module + "#" + instance;
    int port = FreePort.orEphemeral(0);
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "service",
                module,
                "--data-dir",
                dir.resolve("services").resolve(module + "-" + instance).toString(),
                "--port",
                String.valueOf(port)));
    if (module.equals("payment-processor") || module.equals("refund-processor")) {
      // Instances on one host would share the hostname-derived transactional ids and fence
      // each other; every instance needs its own.
      arguments.addAll(
          List.of(
              "--property",
              "spring.kafka.producer.transaction-id-prefix="
                  + module
                  + "-bench-"
                  + instance
                  + "-"));
    }
    services.put(
        name,
        LauncherProcess.start(
            name, jvmOptions, arguments, endpoints.environment(), logs.resolve(fileName(name))));
    servicePorts.put(name, port);
    return name;
  }

  private void awaitReady(String name) {
    URI service = URI.create("http://127.0.0.1:" + servicePorts.get(name));
    services.get(name).awaitReady(() -> PayrailLauncher.ready(service), START_TIMEOUT);
  }

  /** Stops every service started here (cleanly: Streams close, transactions end). */
  void stopServices() {
    services.values().parallelStream().forEach(LauncherProcess::stop);
    services.clear();
    servicePorts.clear();
  }

  PipelineServices.Endpoints endpoints() {
    return endpoints;
  }

  /** An admin client on the deployment's broker, closed with it. */
  Admin admin() {
    return admin;
  }

  /** The broker's counters, or null when they could not be read. */
  BrokerMetrics brokerMetrics() {
    return brokerMetrics;
  }

  /** Where the facade listens: the pipeline JVM's, or the first facade service's. */
  URI facadeUrl() {
    Integer port = singleJvmPorts.get(FACADE);
    if (port == null) {
      port = servicePorts.get(FACADE + "#1");
    }
    if (port == null) {
      throw new IllegalStateException("no facade running");
    }
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Every process that works for the bench, by name, with this JVM as the load generator. */
  Map<String, Long> processes() {
    Map<String, Long> pids = new LinkedHashMap<>();
    pids.put(brokerProcess.name(), brokerProcess.pid());
    ProcessCpu.mariaDb(brokerProcess.pid()).ifPresent(pid -> pids.put("mariadb", pid));
    services.forEach((name, process) -> pids.put(name, process.pid()));
    pids.put(LOAD_GENERATOR, ProcessHandle.current().pid());
    return pids;
  }

  private static String fileName(String name) {
    return name.replaceAll("[^A-Za-z0-9.-]+", "-") + ".log";
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(10));
    stopServices();
    if (brokerMetrics != null) {
      brokerMetrics.close();
    }
    brokerProcess.close();
  }
}
