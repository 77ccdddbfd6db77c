package io.payrail.launcher.pipeline;

import io.payrail.ingest.OrderIngestApplication;
import io.payrail.localstack.LocalStack;
import io.payrail.localstack.database.DatabaseSettings;
import io.payrail.loyalty.LoyaltyStreamsApplication;
import io.payrail.payment.PaymentProcessorApplication;
import io.payrail.refund.RefundProcessorApplication;
import io.payrail.risk.RiskStreamsApplication;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

/**
 * The five services in this JVM, each with its own Spring context, configuration and port, pointed
 * at one local stack. One JVM with one stream thread per application is what performed best on a
 * small machine (README, "Performance").
 */
public final class PipelineServices implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PipelineServices.class);

  /** One service: its module (to find its configuration) and its Spring Boot application. */
  private record Service(
      String module,
      Class<?> application,
      ToIntFunction<ServicePorts> port,
      boolean usesDatabase) {}

  private static final List<Service> SERVICES =
      List.of(
          new Service(
              "risk-streams", RiskStreamsApplication.class, ServicePorts::riskStreams, false),
          new Service(
              "payment-processor",
              PaymentProcessorApplication.class,
              ServicePorts::paymentProcessor,
              true),
          new Service(
              "refund-processor",
              RefundProcessorApplication.class,
              ServicePorts::refundProcessor,
              true),
          new Service(
              "loyalty-streams",
              LoyaltyStreamsApplication.class,
              ServicePorts::loyaltyStreams,
              false),
          new Service(
              "order-ingest", OrderIngestApplication.class, ServicePorts::orderIngest, false));

  private static final List<String> NO_DATABASE =
      List.of(
          "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
          "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration");

  private final List<ConfigurableApplicationContext> contexts;
  private final Map<String, Integer> ports;

  private PipelineServices(
      List<ConfigurableApplicationContext> contexts, Map<String, Integer> ports) {
    this.contexts = contexts;
    this.ports = ports;
  }

  /**
   * Where the services find their infrastructure.
   *
   * @param bootstrapServers Kafka bootstrap servers
   * @param schemaRegistryUrl the Confluent-API schema registry
   * @param database the ledger database of the payment and refund processors
   */
  public record Endpoints(
      String bootstrapServers, URI schemaRegistryUrl, DatabaseSettings database) {

    public static Endpoints of(LocalStack stack) {
      return new Endpoints(stack.bootstrapServers(), stack.schemaRegistryUrl(), stack.database());
    }

    /** As {@code key=value} pairs for a ready file; without the password, which stays in env. */
    public Map<String, String> describe() {
      return Map.of(
          "kafka.bootstrap-servers", bootstrapServers,
          "schema-registry.url", schemaRegistryUrl.toString(),
          "database.url", database.jdbcUrl(),
          "database.user", database.username());
    }

    /**
     * Reads what {@link #describe()} wrote.
     *
     * @param password the database password, which the description leaves out
     */
    public static Endpoints fromDescription(Map<?, ?> values, String password) {
      return new Endpoints(
          String.valueOf(values.get("kafka.bootstrap-servers")),
          URI.create(String.valueOf(values.get("schema-registry.url"))),
          new DatabaseSettings(
              String.valueOf(values.get("database.url")),
              String.valueOf(values.get("database.user")),
              password));
    }

    /** The {@code PAYRAIL_*} variables that point a service or the audit at these endpoints. */
    public Map<String, String> environment() {
      return Map.of(
          "PAYRAIL_KAFKA_BOOTSTRAP_SERVERS",
          bootstrapServers,
          "PAYRAIL_SCHEMA_REGISTRY_URL",
          schemaRegistryUrl.toString(),
          DatabaseSettings.URL_VARIABLE,
          database.jdbcUrl(),
          DatabaseSettings.USER_VARIABLE,
          database.username(),
          DatabaseSettings.PASSWORD_VARIABLE,
          database.password());
    }
  }

  /** The modules {@link #startOne} knows, in the order data flows through them. */
  public static final List<String> MODULES = SERVICES.stream().map(Service::module).toList();

  /**
   * Starts the services in the order data flows, so each finds its input topics' producers ready.
   *
   * @param stack the broker, registry and database to use
   * @param dataDir where the Streams applications keep their state between runs
   * @param servicePorts HTTP ports; 0 picks free ones
   */
  public static PipelineServices start(LocalStack stack, Path dataDir, ServicePorts servicePorts) {
    List<ConfigurableApplicationContext> started = new ArrayList<>();
    Map<String, Integer> ports = new HashMap<>();
    try {
      for (Service service : SERVICES) {
        int port = service.port().applyAsInt(servicePorts);
        started.add(start(service, Endpoints.of(stack), dataDir, port, Map.of(), ports));
      }
    } catch (RuntimeException e) {
      new PipelineServices(started, ports).close();
      throw e;
    }
    return new PipelineServices(started, ports);
  }

  /**
   * Starts one service on its own, as {@code ./payrail service} does in a process of its own.
   *
   * @param module one of {@link #MODULES}
   * @param endpoints the broker, registry and database to use
   * @param dataDir where a Streams application keeps its state between runs
   * @param port HTTP port, 0 picks a free one
   * @param properties Spring properties that override the service's own configuration
   */
  public static PipelineServices startOne(
      String module, Endpoints endpoints, Path dataDir, int port, Map<String, String> properties) {
    Service service =
        SERVICES.stream()
            .filter(candidate -> candidate.module().equals(module))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no service " + module));
    Map<String, Integer> ports = new HashMap<>();
    ConfigurableApplicationContext context =
        start(service, endpoints, dataDir, port, properties, ports);
    return new PipelineServices(List.of(context), ports);
  }

  /** The HTTP port a service listens on. */
  public int port(String module) {
    Integer port = ports.get(module);
    if (port == null) {
      throw new IllegalArgumentException("no service " + module);
    }
    return port;
  }

  private static ConfigurableApplicationContext start(
      Service service,
      Endpoints endpoints,
      Path dataDir,
      int port,
      Map<String, String> properties,
      Map<String, Integer> ports) {
    Map<String, Object> overrides =
        new HashMap<>(
            LocalStack.kafkaSpringProperties(
                endpoints.bootstrapServers(), endpoints.schemaRegistryUrl()));
    if (service.usesDatabase()) {
      overrides.putAll(endpoints.database().springProperties());
    } else {
      // The launcher's classpath has JDBC and Flyway for the two ledger services; the others must
      // not pick them up (Flyway would find both ledgers' migrations).
      overrides.put("spring.autoconfigure.exclude", String.join(",", NO_DATABASE));
    }
    overrides.put("server.port", String.valueOf(port));
    // Several contexts in one JVM: no JMX name clashes, no second logging set-up.
    overrides.put("spring.jmx.enabled", "false");
    overrides.putAll(ServiceOverrides.forModule(service.module(), dataDir, port));
    overrides.putAll(properties);
    ClassLoader classLoader = PipelineServices.class.getClassLoader();
    var yaml = ServiceConfig.load(service.module(), classLoader);
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(service.application())
            .bannerMode(Banner.Mode.OFF)
            .logStartupInfo(false)
            // The classpath's application.yml may belong to another service: load none by name.
            .properties("spring.config.name=payrail-launcher-service")
            .initializers(
                initializing -> {
                  MutablePropertySources sources =
                      initializing.getEnvironment().getPropertySources();
                  yaml.forEach(sources::addLast);
                  sources.addFirst(new MapPropertySource("payrail-launcher", overrides));
                })
            .run();
    int actualPort =
        context instanceof WebServerApplicationContext web ? web.getWebServer().getPort() : port;
    ports.put(service.module(), actualPort);
    log.info("{} started on port {}", service.module(), actualPort);
    return context;
  }

  @Override
  public void close() {
    // Stop in reverse: the facade first, the risk scorer last.
    for (int i = contexts.size() - 1; i >= 0; i--) {
      try {
        contexts.get(i).close();
      } catch (RuntimeException e) {
        log.warn("service did not stop cleanly", e);
      }
    }
  }
}
