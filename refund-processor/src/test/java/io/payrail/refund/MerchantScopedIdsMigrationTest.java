package io.payrail.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payrail.localstack.database.DatabaseSettings;
import io.payrail.localstack.testing.TestInfrastructure;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Refunds V6 on a ledger that already holds refunds: every row keeps the acquirer key it was paid
 * back under (its refundId), every event of a kept refund learns its merchant, and from then on a
 * refundId is unique per merchant only. In a schema of its own, migrated to V5 first.
 */
class MerchantScopedIdsMigrationTest {

  private static final String LOCATION = "filesystem:src/main/resources/db/migration/refunds";

  @Test
  void existingRefundsKeepTheirRefundIdAsAcquirerKeyAndTheirEventsLearnTheirMerchant() {
    DatabaseSettings shared = TestInfrastructure.shared().database();
    String schema = "refunds_before_v6_" + UUID.randomUUID().toString().substring(0, 8);
    new JdbcTemplate(dataSource(shared.jdbcUrl(), shared))
        .execute("CREATE DATABASE `" + schema + "`");
    String jdbcUrl = shared.jdbcUrl().replaceFirst("(//[^/]+/)[^?]*", "$1" + schema);
    JdbcTemplate db = new JdbcTemplate(dataSource(jdbcUrl, shared));

    migrate(jdbcUrl, shared, "5");
    insertRefund(db, "rf-1", "1001", "m-a", "COMPLETED");
    insertRefund(db, "rf-2", "1002", "m-a", "UNKNOWN");
    insertEvent(db, "rf-1", "1001", "RECORDED", "PENDING");
    insertEvent(db, "rf-1", "1001", "ACQUIRER", "COMPLETED");
    insertEvent(db, "rf-2", "1002", "ACQUIRER", "UNKNOWN");
    // An answer that kept no row: nobody knows its merchant.
    insertEvent(db, "rf-9", "1009", "NOT_RECORDED", "REJECTED");
    migrate(jdbcUrl, shared, null);

    assertThat(
            db.queryForMap(
                "SELECT acquirer_key, merchant_id FROM refunds WHERE refund_id = 'rf-1'"))
        .isEqualTo(Map.of("acquirer_key", "rf-1", "merchant_id", "m-a"));
    assertThat(
            db.queryForList(
                "SELECT CONCAT(refund_id, ':', COALESCE(merchant_id, '?')) FROM refund_events"
                    + " ORDER BY id",
                String.class))
        .containsExactly("rf-1:m-a", "rf-1:m-a", "rf-2:m-a", "rf-9:?");
    // Another merchant's rf-1 is another refund, under another key; no key is used twice.
    insertRefund(db, "rf-1", "1001", "m-b", "payrail:refund:" + "0".repeat(32), "PENDING");
    assertThatThrownBy(() -> insertRefund(db, "rf-1", "1001", "m-a", "another-key", "PENDING"))
        .isInstanceOf(DuplicateKeyException.class);
    assertThatThrownBy(() -> insertRefund(db, "rf-7", "1007", "m-c", "rf-2", "PENDING"))
        .isInstanceOf(DuplicateKeyException.class);
  }

  private static void insertRefund(
      JdbcTemplate db, String refundId, String orderId, String merchantId, String status) {
    db.update(
        "INSERT INTO refunds (refund_id, order_id, payment_id, merchant_id, customer_id,"
            + " amount_minor, currency, status, reason, refunded_total_minor,"
            + " captured_amount_minor, request_fingerprint, source_partition, source_offset,"
            + " created_at) VALUES (?, ?, 'pay_1', ?, 'c-1', 100, 'EUR', ?, 'requested', 100,"
            + " 1000, ?, 0, 0, UTC_TIMESTAMP(3))",
        refundId,
        orderId,
        merchantId,
        status,
        "0".repeat(64));
  }

  private static void insertRefund(
      JdbcTemplate db,
      String refundId,
      String orderId,
      String merchantId,
      String acquirerKey,
      String status) {
    db.update(
        "INSERT INTO refunds (refund_id, acquirer_key, order_id, payment_id, merchant_id,"
            + " customer_id, amount_minor, currency, status, reason, refunded_total_minor,"
            + " captured_amount_minor, request_fingerprint, source_partition, source_offset,"
            + " created_at) VALUES (?, ?, ?, 'pay_1', ?, 'c-1', 100, 'EUR', ?, 'requested', 100,"
            + " 1000, ?, 0, 0, UTC_TIMESTAMP(3))",
        refundId,
        acquirerKey,
        orderId,
        merchantId,
        status,
        "0".repeat(64));
  }

  private static void insertEvent(
      JdbcTemplate db, String refundId, String orderId, String kind, String status) {
    db.update(
        "INSERT INTO refund_events (refund_id, order_id, kind, status, amount_minor,"
            + " source_partition, source_offset, recorded_at)"
            + " VALUES (?, ?, ?, ?, 100, 0, 0, UTC_TIMESTAMP(3))",
        refundId,
        orderId,
        kind,
        status);
  }

  private static void migrate(String jdbcUrl, DatabaseSettings db, String target) {
    var config =
        Flyway.configure()
            .dataSource(jdbcUrl, db.username(), db.password())
            .locations(LOCATION)
            .table("flyway_history_refunds");
    if (target != null) {
      config.target(target);
    }
    config.load().migrate();
  }

  private static DriverManagerDataSource dataSource(String jdbcUrl, DatabaseSettings db) {
    return new DriverManagerDataSource(jdbcUrl, db.username(), db.password());
  }
}
