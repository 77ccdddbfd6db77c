package io.payrail.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.localstack.database.DatabaseSettings;
import io.payrail.localstack.testing.TestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** The ledger database through MySQL Connector/J, with Flyway migrations applied. */
class DatabaseTest {

  @Test
  void connectorJReachesTheDatabaseWithTheFlywayMigrationApplied() throws Exception {
    DatabaseSettings db = TestInfrastructure.shared().database();
    var result =
        Flyway.configure()
            .dataSource(db.jdbcUrl(), db.username(), db.password())
            .table("probe_schema_history")
            .locations("classpath:db/migration")
            .load()
            .migrate();
    assertThat(result.success).isTrue();

    try (Connection connection =
        DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())) {
      assertThat(connection.getMetaData().getDriverName()).contains("MySQL Connector/J");
      try (PreparedStatement upsert =
          connection.prepareStatement(
              "INSERT INTO probe (id, amount_minor, currency) VALUES (?, ?, ?)"
                  + " ON DUPLICATE KEY UPDATE amount_minor = VALUES(amount_minor)")) {
        upsert.setLong(1, 1);
        upsert.setLong(2, 1_999);
        upsert.setString(3, "EUR");
        upsert.executeUpdate();
        upsert.setLong(2, 2_499);
        upsert.executeUpdate();
      }
      try (PreparedStatement query =
              connection.prepareStatement("SELECT amount_minor, currency FROM probe WHERE id = 1");
          ResultSet rows = query.executeQuery()) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getLong(1)).isEqualTo(2_499);
        assertThat(rows.getString(2)).isEqualTo("EUR");
      }
      try (ResultSet rows =
          connection
              .createStatement()
              .executeQuery("SELECT version FROM probe_schema_history WHERE success = 1")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo("1");
      }
    }
  }
}
