package io.payrail.localstack.registry;

import com.sun.net.httpserver.HttpServer;
import io.payrail.localstack.kafka.FreePort;
import io.payrail.schemas.compatibility.CompatibilityLevel;
import io.payrail.schemas.registry.ContractSchemaRegistration;
import io.payrail.schemas.registry.ContractSchemaRegistration.Registered;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry for local runs and tests that speaks Confluent Schema Registry's REST API and
 * keeps its schemas in a compacted Kafka topic. Deployments use Confluent's registry; Payrail's
 * serde works against either.
 */
public final class LocalSchemaRegistry implements AutoCloseable {

  /** Confluent's default topic name for the registry's log. */
  public static final String DEFAULT_TOPIC = "_schemas";

  private static final Logger log = LoggerFactory.getLogger(LocalSchemaRegistry.class);

  private final HttpServer server;
  private final ExecutorService executor;
  private final SchemaStore store;
  private final RegistryHttpHandler handler;
  private final URI url;

  private LocalSchemaRegistry(
      HttpServer server, ExecutorService executor, SchemaStore store, RegistryHttpHandler handler) {
    this.server = server;
    this.executor = executor;
    this.store = store;
    this.handler = handler;
    this.url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /**
   * Replays the registry's topic and starts serving on the loopback interface.
   *
   * @param bootstrapServers the Kafka cluster holding the topic
   * @param topic the registry's log topic, {@link #DEFAULT_TOPIC} unless tests need their own
   * @param port the HTTP port, or 0 for a free ephemeral one
   * @param defaultLevel the global compatibility level until someone sets another
   */
  public static LocalSchemaRegistry start(
      String bootstrapServers, String topic, int port, CompatibilityLevel defaultLevel) {
    Map<String, Object> kafka = new HashMap<>();
    kafka.put("bootstrap.servers", bootstrapServers);
    SchemaStore store = new SchemaStore(kafka, topic, defaultLevel);
    try {
      HttpServer server =
          HttpServer.create(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), FreePort.orEphemeral(port)),
              64);
      ExecutorService executor =
          Executors.newFixedThreadPool(
              4,
              runnable -> {
                Thread thread = new Thread(runnable, "schema-registry-http");
                thread.setDaemon(true);
                return thread;
              });
      RegistryHttpHandler handler = new RegistryHttpHandler(store);
      server.createContext("/", handler);
      server.setExecutor(executor);
      server.start();
      LocalSchemaRegistry registry = new LocalSchemaRegistry(server, executor, store, handler);
      log.info("Schema registry listening on {} (log topic {})", registry.url(), topic);
      return registry;
    } catch (IOException e) {
      store.close();
      throw new UncheckedIOException("cannot start the schema registry on port " + port, e);
    }
  }

  /** The base URL for {@code schema.registry.url}. */
  public URI url() {
    return url;
  }

  /**
   * Registers every subject of the contract with its level, over this registry's own REST API (the
   * path every other registry takes), so that nothing waits for a service's first write.
   *
   * @throws ContractSchemaRegistration.RegistrationFailedException when a subject refuses the
   *     contract's schema (an incompatible change on an existing data directory)
   */
  public List<Registered> registerContract() {
    return ContractSchemaRegistration.registerAll(
        ContractSchemaRegistration.client(url.toString(), null));
  }

  /** How many HTTP requests the registry has answered: tests use it to prove serde caching. */
  public long requestCount() {
    return handler.requestCount();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    store.close();
  }
}
