package io.payrail.localstack.testing;

import io.payrail.localstack.LocalStack;
import io.payrail.localstack.database.DatabaseSettings;
import io.payrail.localstack.database.EmbeddedDatabase;
import io.payrail.localstack.kafka.EmbeddedKafkaBroker;
import io.payrail.localstack.kafka.TopicProvisioner;
import io.payrail.localstack.registry.LocalSchemaRegistry;
import io.payrail.schemas.compatibility.SchemaEvolutionGuard;
import io.payrail.schemas.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * One broker, schema registry and database per test JVM, shared by every test class of a module and
 * stopped when the JVM exits.
 *
 * <p>By default everything is in-process: a KRaft broker, the local registry and embedded MariaDB
 * (or the server named by {@code PAYRAIL_DB_URL}). With {@code
 * -Dpayrail.test.infrastructure=testcontainers} (or {@code ./mvnw verify -Ptestcontainers}) the
 * same tests run against Kafka and MySQL 8 containers, with the local registry on that Kafka.
 */
public final class TestInfrastructure {

  public static final String MODE_PROPERTY = "payrail.test.infrastructure";
  public static final String MODE_VARIABLE = "PAYRAIL_TEST_INFRASTRUCTURE";

  private static TestInfrastructure shared;

  private final String bootstrapServers;
  private LocalSchemaRegistry registry;
  private final Supplier<DatabaseSettings> databaseStarter;
  private DatabaseSettings database;

  private TestInfrastructure(
      String bootstrapServers,
      LocalSchemaRegistry registry,
      Supplier<DatabaseSettings> databaseStarter) {
    this.bootstrapServers = bootstrapServers;
    this.registry = registry;
    this.databaseStarter = databaseStarter;
  }

  /**
   * The JVM's infrastructure, started on first use with every contract topic created and every
   * contract schema registered, as {@code ./payrail run} and the deployments have them.
   */
  public static synchronized TestInfrastructure shared() {
    if (shared == null) {
      shared = "testcontainers".equals(mode()) ? startContainers() : startEmbedded();
    }
    return shared;
  }

  /** {@code embedded} (default) or {@code testcontainers}. */
  public static String mode() {
    String mode = System.getProperty(MODE_PROPERTY);
    if (mode == null || mode.isBlank() || mode.startsWith("${")) {
      mode = System.getenv().getOrDefault(MODE_VARIABLE, "embedded");
    }
    return mode.trim().toLowerCase(Locale.ROOT);
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public URI schemaRegistryUrl() {
    return registry.url();
  }

  public synchronized LocalSchemaRegistry registry() {
    return registry;
  }

  /**
   * Stops the schema registry, so that a test can show what clients do while it is away: every
   * request is refused until {@link #startRegistry()} starts it again on the same port.
   */
  public synchronized void stopRegistry() {
    registry.close();
  }

  /** Starts the registry again on its port, with every schema it had (they live in Kafka). */
  public synchronized void startRegistry() {
    registry =
        LocalSchemaRegistry.start(
            bootstrapServers,
            LocalSchemaRegistry.DEFAULT_TOPIC,
            registry.url().getPort(),
            SchemaEvolutionGuard.CONTRACT_LEVEL);
  }

  /**
   * Runs {@code whileAway} with the schema registry stopped ({@link #stopRegistry()}) and starts it
   * again afterwards, also when {@code whileAway} fails: the registry is shared by the module's
   * test classes.
   */
  public void withSchemaRegistryAway(Runnable whileAway) {
    stopRegistry();
    try {
      whileAway.run();
    } finally {
      startRegistry();
    }
  }

  /**
   * The database, started on first use: modules whose tests never touch it do not pay MariaDB's
   * start-up.
   */
  public synchronized DatabaseSettings database() {
    if (database == null) {
      database = databaseStarter.get();
    }
    return database;
  }

  /** Spring Boot properties that point a service under test at the broker and the registry. */
  public Map<String, String> kafkaSpringProperties() {
    return LocalStack.kafkaSpringProperties(bootstrapServers, registry.url());
  }

  /** Spring Boot datasource properties; starts the database if it is not running yet. */
  public Map<String, String> databaseSpringProperties() {
    return database().springProperties();
  }

  /** Client configuration with the bootstrap servers and registry URL, to add a client's own. */
  public Map<String, Object> clientConfig() {
    Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", bootstrapServers);
    config.put("schema.registry.url", registry.url().toString());
    return config;
  }

  /** A directory of its own under the build directory, for state such as Kafka Streams'. */
  public static Path newTempDirectory(String prefix) {
    try {
      Path root = buildDirectory().resolve("payrail-test");
      Files.createDirectories(root);
      return Files.createTempDirectory(root, prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static TestInfrastructure startEmbedded() {
    Path dataDir = newTempDirectory("stack-");
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), 0);
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      TopicProvisioner.createAll(admin, Topics.DEFAULT_PARTITIONS, (short) 1);
    }
    LocalSchemaRegistry registry =
        LocalSchemaRegistry.start(
            broker.bootstrapServers(),
            LocalSchemaRegistry.DEFAULT_TOPIC,
            0,
            SchemaEvolutionGuard.CONTRACT_LEVEL);
    registry.registerContract();
    List<AutoCloseable> started = new CopyOnWriteArrayList<>(List.of(broker, registry));
    Supplier<DatabaseSettings> database =
        () ->
            DatabaseSettings.fromEnvironment(System.getenv())
                .orElseGet(
                    () -> {
                      EmbeddedDatabase db =
                          EmbeddedDatabase.start(
                              dataDir.resolve("mariadb"), 0, LocalStack.DATABASE_SCHEMA);
                      started.add(db);
                      return db.settings();
                    });
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> closeAll(started), "payrail-test-infra-stop"));
    return new TestInfrastructure(broker.bootstrapServers(), registry, database);
  }

  /** Stops in reverse start order: database, registry, broker. */
  private static void closeAll(List<AutoCloseable> started) {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        System.err.println("payrail test infrastructure: cannot stop " + started.get(i) + ": " + e);
      }
    }
  }

  private static TestInfrastructure startContainers() {
    Containers containers = Containers.start();
    LocalSchemaRegistry registry =
        LocalSchemaRegistry.start(
            containers.bootstrapServers(),
            LocalSchemaRegistry.DEFAULT_TOPIC,
            0,
            SchemaEvolutionGuard.CONTRACT_LEVEL);
    registry.registerContract();
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, containers.bootstrapServers()))) {
      TopicProvisioner.createAll(admin, Topics.DEFAULT_PARTITIONS, (short) 1);
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  registry.close();
                  containers.close();
                },
                "payrail-test-containers-stop"));
    return new TestInfrastructure(containers.bootstrapServers(), registry, containers::database);
  }

  private static Path buildDirectory() {
    return Optional.ofNullable(System.getProperty("payrail.build.directory"))
        .filter(dir -> !dir.isBlank() && !dir.startsWith("${"))
        .map(Path::of)
        .orElse(Path.of("target"));
  }
}
