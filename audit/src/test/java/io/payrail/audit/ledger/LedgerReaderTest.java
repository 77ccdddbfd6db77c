package io.payrail.audit.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.localstack.database.DatabaseSettings;
import io.payrail.localstack.testing.TestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** The reader on the real database, in a schema of its own migrated as an older ledger is. */
class LedgerReaderTest {

  @Test
  void ledgerMigratedBeforeTheCouponTablesIsReadWithoutCounters() throws SQLException {
    DatabaseSettings shared = TestInfrastructure.shared().database();
    String schema = "audit_before_coupons_" + UUID.randomUUID().toString().substring(0, 8);
    try (Connection connection =
            DriverManager.getConnection(shared.jdbcUrl(), shared.username(), shared.password());
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE `" + schema + "`");
    }
    String jdbcUrl = shared.jdbcUrl().replaceFirst("(//[^/]+/)[^?]*", "$1" + schema);
    // payment-processor's ledger up to V5, the last one without coupon tables.
    migrate(jdbcUrl, shared, "payment-processor", "payments", "5");
    migrate(jdbcUrl, shared, "refund-processor", "refunds", null);
    migrate(jdbcUrl, shared, "simulated-acquirer", "simulated-acquirer", null);

    LedgerRows rows =
        new LedgerReader(jdbcUrl, shared.username(), shared.password()).read("any-prefix-");

    assertThat(rows.couponTables()).isFalse();
    assertThat(rows.couponCounters()).isEmpty();
    // Nor has it points: no points_reservations, no payments.points_redeemed.
    assertThat(rows.pointsTable()).isFalse();
    assertThat(rows.pointsReservations()).isEmpty();
    assertThat(rows.payments()).isEmpty();
  }

  private static void migrate(
      String jdbcUrl, DatabaseSettings db, String module, String location, String target) {
    var config =
        Flyway.configure()
            .dataSource(jdbcUrl, db.username(), db.password())
            .locations("filesystem:../" + module + "/src/main/resources/db/migration/" + location)
            .table("flyway_history_" + location.replace('-', '_'))
            // Three ledgers share the schema: the later ones find it not empty.
            .baselineOnMigrate(true)
            .baselineVersion("0");
    if (target != null) {
      config.target(target);
    }
    config.load().migrate();
  }
}
