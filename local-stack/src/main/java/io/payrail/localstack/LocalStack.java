package io.payrail.localstack;

import io.payrail.localstack.database.DatabaseSettings;
import io.payrail.localstack.database.EmbeddedDatabase;
import io.payrail.localstack.kafka.EmbeddedKafkaBroker;
import io.payrail.localstack.kafka.TopicProvisioner;
import io.payrail.localstack.registry.LocalSchemaRegistry;
import io.payrail.schemas.compatibility.CompatibilityLevel;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
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

  private final EmbeddedKafkaBroker broker;
  private final LocalSchemaRegistry registry;
  private final EmbeddedDatabase embeddedDatabase;
  private final DatabaseSettings database;

  private LocalStack(
      EmbeddedKafkaBroker broker,
      LocalSchemaRegistry registry,
      EmbeddedDatabase embeddedDatabase,
      DatabaseSettings database) {
    this.broker = broker;
    this.registry = registry;
    this.embeddedDatabase = embeddedDatabase;
    this.database = database;
  }

  /** Starts broker, registry and database, and creates the contract topics that are missing. */
  public static LocalStack start(Settings settings) {
    EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.start(settings.dataDir().resolve("kafka"), settings.kafkaPort());
    LocalSchemaRegistry registry = null;
    try {
      try (Admin admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
        TopicProvisioner.createAll(admin, settings.partitions(), (short) 1);
      }
      registry =
          LocalSchemaRegistry.start(
              broker.bootstrapServers(),
              LocalSchemaRegistry.DEFAULT_TOPIC,
              settings.registryPort(),
              CompatibilityLevel.BACKWARD);
      if (settings.externalDatabase().isPresent()) {
        return new LocalStack(broker, registry, null, settings.externalDatabase().get());
      }
      EmbeddedDatabase database =
          EmbeddedDatabase.start(
              settings.dataDir().resolve("mariadb"), settings.databasePort(), DATABASE_SCHEMA);
      return new LocalStack(broker, registry, database, database.settings());
    } catch (RuntimeException e) {
      if (registry != null) {
        registry.close();
      }
      broker.close();
      throw e;
    }
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  public URI schemaRegistryUrl() {
    return registry.url();
  }

  public LocalSchemaRegistry registry() {
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
  public void close() {
    registry.close();
    if (embeddedDatabase != null) {
      embeddedDatabase.close();
    }
    broker.close();
  }
}
