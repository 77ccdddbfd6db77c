package io.payrail.launcher.chaos;

import io.payrail.launcher.pipeline.PipelineServices;
import io.payrail.localstack.LocalStack;
import io.payrail.localstack.database.DatabaseSettings;
import io.payrail.localstack.database.EmbeddedDatabase;
import io.payrail.localstack.kafka.EmbeddedKafkaBroker;
import io.payrail.localstack.kafka.FreePort;
import io.payrail.localstack.kafka.TopicProvisioner;
import io.payrail.localstack.registry.LocalSchemaRegistry;
import io.payrail.schemas.compatibility.CompatibilityLevel;
import io.payrail.schemas.topics.Topics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The broker, registry and database of a chaos run, in this JVM, each on a port fixed for the whole
 * run: the broker and the database are stopped and started again on the same data and port, so the
 * services' clients find them where they were (as after a real restart).
 *
 * <p>Built from local-stack's parts rather than {@link LocalStack}, which owns its broker and
 * database and has no restart.
 */
final class ChaosStack implements AutoCloseable {

  private final Path dataDir;
  private final int kafkaPort;
  private final int databasePort;
  private EmbeddedKafkaBroker broker;
  private final LocalSchemaRegistry registry;
  private EmbeddedDatabase database;
  private final DatabaseSettings databaseSettings;

  private ChaosStack(
      Path dataDir,
      int kafkaPort,
      int databasePort,
      EmbeddedKafkaBroker broker,
      LocalSchemaRegistry registry,
      EmbeddedDatabase database) {
    this.dataDir = dataDir;
    this.kafkaPort = kafkaPort;
    this.databasePort = databasePort;
    this.broker = broker;
    this.registry = registry;
    this.database = database;
    this.databaseSettings = database.settings();
  }

  static ChaosStack start(Path dataDir) {
    int kafkaPort = portWithNextFree();
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(kafkaDir(dataDir), kafkaPort);
    LocalSchemaRegistry registry = null;
    try {
      try (Admin admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
        TopicProvisioner.createAll(admin, Topics.DEFAULT_PARTITIONS, (short) 1);
      }
      registry =
          LocalSchemaRegistry.start(
              broker.bootstrapServers(),
              LocalSchemaRegistry.DEFAULT_TOPIC,
              0,
              CompatibilityLevel.BACKWARD);
      int databasePort = FreePort.orEphemeral(0);
      EmbeddedDatabase database =
          EmbeddedDatabase.start(databaseDir(dataDir), databasePort, LocalStack.DATABASE_SCHEMA);
      return new ChaosStack(dataDir, kafkaPort, databasePort, broker, registry, database);
    } catch (RuntimeException e) {
      if (registry != null) {
        registry.close();
      }
      broker.close();
      throw e;
    }
  }

  PipelineServices.Endpoints endpoints() {
    return new PipelineServices.Endpoints(bootstrapServers(), registry.url(), databaseSettings);
  }

  String bootstrapServers() {
    return "127.0.0.1:" + kafkaPort;
  }

  DatabaseSettings database() {
    return databaseSettings;
  }

  /** Stops the broker (a clean shutdown) and starts it again on the same data and port. */
  synchronized void restartBroker() {
    broker.close();
    broker = null;
    broker = EmbeddedKafkaBroker.start(kafkaDir(dataDir), kafkaPort);
  }

  /** Stops MariaDB, keeps it away for {@code outage}, and starts it on the same data and port. */
  synchronized void takeDatabaseAway(Duration outage) {
    database.close();
    database = null;
    LockSupport.parkNanos(outage.toNanos());
    database =
        EmbeddedDatabase.start(databaseDir(dataDir), databasePort, LocalStack.DATABASE_SCHEMA);
  }

  @Override
  public synchronized void close() {
    registry.close();
    if (database != null) {
      database.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  private static Path kafkaDir(Path dataDir) {
    return dataDir.resolve("kafka");
  }

  private static Path databaseDir(Path dataDir) {
    return dataDir.resolve("mariadb");
  }

  /**
   * A free port whose successor is free too: a fixed broker port puts the controller on the next
   * one, and both must stay the same across restarts.
   */
  private static int portWithNextFree() {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port = FreePort.orEphemeral(0);
      if (port < 65535 && isFree(port + 1)) {
        return port;
      }
    }
    throw new IllegalStateException("found no two consecutive free ports for the broker");
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
