package io.payrail.launcher.pipeline;

import io.payrail.ingest.OrderIngestApplication;
import io.payrail.localstack.LocalStack;
import io.payrail.loyalty.LoyaltyStreamsApplication;
import io.payrail.payment.PaymentProcessorApplication;
import io.payrail.refund.RefundProcessorApplication;
import io.payrail.risk.RiskStreamsApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * small machine (PERFORMANCE.md).
 */
public final class PipelineServices implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PipelineServices.class);

  /** One service: its module (to find its configuration) and its Spring Boot application. */
  private record Service(String module, Class<?> application, int port, boolean usesDatabase) {}

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
   * Starts the services in the order data flows, so each finds its input topics' producers ready.
   *
   * @param stack the broker, registry and database to use
   * @param dataDir where the Streams applications keep their state between runs
   * @param servicePorts HTTP ports; 0 picks free ones
   */
  public static PipelineServices start(LocalStack stack, Path dataDir, ServicePorts servicePorts) {
    List<Service> services =
        List.of(
            new Service(
                "risk-streams", RiskStreamsApplication.class, servicePorts.riskStreams(), false),
            new Service(
                "payment-processor",
                PaymentProcessorApplication.class,
                servicePorts.paymentProcessor(),
                true),
            new Service(
                "refund-processor",
                RefundProcessorApplication.class,
                servicePorts.refundProcessor(),
                true),
            new Service(
                "loyalty-streams",
                LoyaltyStreamsApplication.class,
                servicePorts.loyaltyStreams(),
                false),
            new Service(
                "order-ingest", OrderIngestApplication.class, servicePorts.orderIngest(), false));
    List<ConfigurableApplicationContext> started = new ArrayList<>();
    Map<String, Integer> ports = new HashMap<>();
    try {
      for (Service service : services) {
        ConfigurableApplicationContext context = start(service, stack, dataDir);
        started.add(context);
        int port =
            context instanceof WebServerApplicationContext web
                ? web.getWebServer().getPort()
                : service.port();
        ports.put(service.module(), port);
        log.info("{} started on port {}", service.module(), port);
      }
    } catch (RuntimeException e) {
      new PipelineServices(started, ports).close();
      throw e;
    }
    return new PipelineServices(started, ports);
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
      Service service, LocalStack stack, Path dataDir) {
    Map<String, Object> overrides =
        new HashMap<>(
            LocalStack.kafkaSpringProperties(stack.bootstrapServers(), stack.schemaRegistryUrl()));
    if (service.usesDatabase()) {
      overrides.putAll(stack.database().springProperties());
    } else {
      // The launcher's classpath has JDBC and Flyway for the two ledger services; the others must
      // not pick them up (Flyway would find both ledgers' migrations).
      overrides.put("spring.autoconfigure.exclude", String.join(",", NO_DATABASE));
    }
    overrides.put("server.port", String.valueOf(service.port()));
    // Several contexts in one JVM: no JMX name clashes, no second logging set-up.
    overrides.put("spring.jmx.enabled", "false");
    overrides.putAll(ServiceOverrides.forModule(service.module(), dataDir, service.port()));
    ClassLoader classLoader = PipelineServices.class.getClassLoader();
    var yaml = ServiceConfig.load(service.module(), classLoader);
    return new SpringApplicationBuilder(service.application())
        .bannerMode(Banner.Mode.OFF)
        .logStartupInfo(false)
        // The classpath's application.yml may belong to another service: load none by name.
        .properties("spring.config.name=payrail-launcher-service")
        .initializers(
            context -> {
              MutablePropertySources sources = context.getEnvironment().getPropertySources();
              yaml.forEach(sources::addLast);
              sources.addFirst(new MapPropertySource("payrail-launcher", overrides));
            })
        .run();
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
