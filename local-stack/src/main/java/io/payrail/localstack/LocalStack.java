package io.payrail.localstack;

import io.payrail.localstack.database.DatabaseSettings;
import io.payrail.localstack.database.EmbeddedDatabase;
import io.payrail.localstack.kafka.EmbeddedKafkaBroker;
import io.payrail.localstack.kafka.TopicProvisioner;
import io.payrail.localstack.registry.LocalSchemaRegistry;
import io.payrail.schemas.compatibility.SchemaEvolutionGuard;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Payrail's infrastructure in one process: a KRaft broker, the local schema registry on it, the
 * ledger database (embedded MariaDB unless an external server is given) and every contract topic.
 */
public final class LocalStack implements AutoCloseable {

  /** The schema (database) the payment and refund ledgers live in. */
  public static final String DATABASE_SCHEMA = "payrail";

  /**
   * @param dataDir parent of the broker's, registry's and database's files
   * @param kafkaPort broker port, 0 for ephemeral
   * @param registryPort registry HTTP port, 0 for ephemeral
   * @param databasePort embedded MariaDB port, 0 for ephemeral
   * @param partitions partitions of every contract topic
   * @param externalDatabase a MySQL 8 / MariaDB server to use instead of the embedded one
   */
  public record Settings(
      Path dataDir,
      int kafkaPort,
      int registryPort,
      int databasePort,
      int partitions,
      Optional<DatabaseSettings> externalDatabase) {}

  private final Settings settings;
  private EmbeddedKafkaBroker broker;
  private LocalSchemaRegistry registry;
  private final URI registryUrl;
  private EmbeddedDatabase embeddedDatabase;
  private final DatabaseSettings database;

  private LocalStack(
      Settings settings,
      EmbeddedKafkaBroker broker,
      LocalSchemaRegistry registry,
      EmbeddedDatabase embeddedDatabase,
      DatabaseSettings database) {
    this.settings = settings;
    this.broker = broker;
    this.registry = registry;
    this.registryUrl = registry.url();
    this.embeddedDatabase = embeddedDatabase;
    this.database = database;
  }

  /**
   * Starts broker, registry and database, creates the contract topics that are missing and
   * registers the contract's schemas (BACKWARD_TRANSITIVE per subject) before any service runs.
   */
  public static LocalStack start(Settings settings) {
    EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.start(kafkaDir(settings), settings.kafkaPort());
    LocalSchemaRegistry registry = null;
    try {
      try (Admin admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
        TopicProvisioner.createAll(admin, settings.partitions(), (short) 1);
      }
      registry = startRegistry(broker.bootstrapServers(), settings.registryPort());
      registry.registerContract();
      if (settings.externalDatabase().isPresent()) {
        return new LocalStack(settings, broker, registry, null, settings.externalDatabase().get());
      }
      EmbeddedDatabase database = startDatabase(settings);
      return new LocalStack(settings, broker, registry, database, database.settings());
    } catch (RuntimeException e) {
      if (registry != null) {
        registry.close();
      }
      broker.close();
      throw e;
    }
  }

  /**
   * Stops the broker (a clean shutdown) and starts it again on the same data; clients find it where
   * it was only when {@link Settings#kafkaPort()} was fixed (0 would pick new ports).
   */
  public synchronized void restartBroker() {
    requireFixedPort(settings.kafkaPort(), "broker");
    broker.close();
    broker = EmbeddedKafkaBroker.start(kafkaDir(settings), settings.kafkaPort());
  }

  /**
   * Stops the embedded database, keeps it away for {@code outage}, and starts it again on the same
   * data and port, as an outage of the ledger's server would look to its clients.
   */
  public synchronized void takeDatabaseAway(Duration outage) {
    if (embeddedDatabase == null) {
      throw new IllegalStateException("the database is external, not this stack's to stop");
    }
    requireFixedPort(settings.databasePort(), "database");
    embeddedDatabase.close();
    embeddedDatabase = null;
    LockSupport.parkNanos(outage.toNanos());
    embeddedDatabase = startDatabase(settings);
  }

  /**
   * Stops the schema registry: every request to it is refused until {@link #startRegistry()}, as an
   * outage of the registry would look to its clients.
   */
  public synchronized void stopRegistry() {
    requireFixedPort(settings.registryPort(), "schema registry");
    if (registry != null) {
      registry.close();
      registry = null;
    }
  }

  /** Starts the registry again on its port, with every schema it had (they live in Kafka). */
  public synchronized void startRegistry() {
    if (registry == null) {
      registry = startRegistry(broker.bootstrapServers(), settings.registryPort());
    }
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /** Where the registry answers, also while it is stopped. */
  public URI schemaRegistryUrl() {
    return registryUrl;
  }

  /** The running registry; fails while it is stopped. */
  public synchronized LocalSchemaRegistry registry() {
    if (registry == null) {
      throw new IllegalStateException("the schema registry is stopped");
    }
    return registry;
  }

  public DatabaseSettings database() {
    return database;
  }

  /** Spring Boot properties that point a Payrail service at this stack. */
  public Map<String, String> springProperties() {
    Map<String, String> properties = new HashMap<>(database.springProperties());
    properties.putAll(kafkaSpringProperties(bootstrapServers(), schemaRegistryUrl()));
    return properties;
  }

  /** Spring Boot properties for a broker and a schema registry. */
  public static Map<String, String> kafkaSpringProperties(
      String bootstrapServers, URI schemaRegistryUrl) {
    return Map.of(
        "spring.kafka.bootstrap-servers",
        bootstrapServers,
        // Boot hands spring.kafka.properties.* to every client and serde Spring creates.
        "spring.kafka.properties.schema.registry.url",
        schemaRegistryUrl.toString());
  }

  @Override
  public synchronized void close() {
    if (registry != null) {
      registry.close();
    }
    if (embeddedDatabase != null) {
      embeddedDatabase.close();
    }
    broker.close();
  }

  private static LocalSchemaRegistry startRegistry(String bootstrapServers, int port) {
    return LocalSchemaRegistry.start(
        bootstrapServers,
        LocalSchemaRegistry.DEFAULT_TOPIC,
        port,
        SchemaEvolutionGuard.CONTRACT_LEVEL);
  }

  private static EmbeddedDatabase startDatabase(Settings settings) {
    return EmbeddedDatabase.start(
        settings.dataDir().resolve("mariadb"), settings.databasePort(), DATABASE_SCHEMA);
  }

  private static Path kafkaDir(Settings settings) {
    return settings.dataDir().resolve("kafka");
  }

  private static void requireFixedPort(int port, String what) {
    if (port == 0) {
      throw new IllegalStateException(
          "a restarted "
              + what
              + " keeps its clients only on a fixed port; this one was ephemeral");
    }
  }
}
