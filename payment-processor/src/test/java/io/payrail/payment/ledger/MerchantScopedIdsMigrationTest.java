package io.payrail.payment.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payrail.localstack.database.DatabaseSettings;
import io.payrail.localstack.testing.TestInfrastructure;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * V8 on a ledger that has rows, as a deployment has them: migrated to V7 in a schema of its own on
 * the test database, filled as the processor wrote rows before, then migrated to V8. Existing rows
 * keep the idempotency key they were charged with; history, redemptions and points answers get
 * their merchant; afterwards two merchants may share an orderId, one merchant may not reuse it.
 */
class MerchantScopedIdsMigrationTest {

  private DatabaseSettings settings;
  private String schema;
  private String url;
  private JdbcTemplate root;
  private JdbcTemplate db;

  @BeforeEach
  void schemaAtV7() {
    settings = TestInfrastructure.shared().database();
    schema = "v8_check_" + UUID.randomUUID().toString().substring(0, 8);
    root = jdbc(settings, settings.jdbcUrl());
    root.execute("CREATE DATABASE " + schema);
    url = settings.jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + schema + "$1");
    db = jdbc(settings, url);
    flyway(settings, url, "7").migrate();
    db.update(
        "INSERT INTO payments (payment_id, order_id, customer_id, merchant_id, amount_minor,"
            + " currency, risk_score, risk_decision, status, card_brand, card_last4,"
            + " source_partition, source_offset, created_at, updated_at)"
            + " VALUES ('pay_old', '1001', 'c-1', 'merchant-a', 100, 'EUR', 5, 'APPROVE',"
            + " 'UNKNOWN', 'visa', '4242', 0, 1, NOW(3), NOW(3))");
    db.update(
        "INSERT INTO payment_status_history (payment_id, order_id, from_status, to_status,"
            + " changed_at) VALUES ('pay_old', '1001', NULL, 'PENDING', NOW(3)),"
            + " ('pay_old', '1001', 'PENDING', 'UNKNOWN', NOW(3))");
    db.update(
        "INSERT INTO coupon_redemptions (order_id, merchant_id, coupon_code, customer_id, status,"
            + " taken_at) VALUES ('1001', 'merchant-a', 'SAVE5', 'c-1', 'TAKEN', NOW(3))");
    db.update(
        "INSERT INTO points_reservations (order_id, status, points, source_partition,"
            + " source_offset, recorded_at) VALUES ('1001', 'RESERVED', 10, 0, 1, NOW(3)),"
            + " ('orphan', 'REFUSED', 10, 0, 2, NOW(3))");
  }

  @AfterEach
  void dropSchema() {
    root.execute("DROP DATABASE IF EXISTS " + schema);
  }

  @Test
  void existingRowsKeepTheirLegacyChargeKeyAndGetTheirMerchant() {
    flyway(settings, url, "8").migrate();

    assertThat(db.queryForMap("SELECT charge_key FROM payments WHERE payment_id = 'pay_old'"))
        .containsEntry("charge_key", "payrail:charge:1001");
    assertThat(
            db.queryForList(
                "SELECT merchant_id FROM payment_status_history WHERE payment_id = 'pay_old'",
                String.class))
        .containsExactly("merchant-a", "merchant-a");
    // An answer without a payment cannot be given a merchant: deleted (see V8).
    assertThat(
            db.queryForList(
                "SELECT CONCAT(merchant_id, '/', order_id) FROM points_reservations", String.class))
        .containsExactly("merchant-a/1001");

    // Merchant B's order 1001 is another order; merchant A's 1001 a second time is not.
    db.update(insertPayment("pay_b", "payrail:charge:pay_b", "merchant-b"));
    db.update(
        "INSERT INTO coupon_redemptions (order_id, merchant_id, coupon_code, customer_id, status,"
            + " taken_at) VALUES ('1001', 'merchant-b', 'SAVE5', 'c-1', 'TAKEN', NOW(3))");
    db.update(
        "INSERT INTO points_reservations (merchant_id, order_id, status, points,"
            + " source_partition, source_offset, recorded_at)"
            + " VALUES ('merchant-b', '1001', 'REFUSED', 10, 0, 3, NOW(3))");
    assertThat(
            db.queryForObject(
                "SELECT COUNT(*) FROM payments WHERE order_id = '1001'", Integer.class))
        .isEqualTo(2);
    assertThatThrownBy(
            () -> db.update(insertPayment("pay_a2", "payrail:charge:pay_a2", "merchant-a")))
        .isInstanceOf(DataIntegrityViolationException.class);
    assertThatThrownBy(
            () -> db.update(insertPayment("pay_b2", "payrail:charge:1001", "merchant-c")))
        .as("a charge key belongs to one row")
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  private static String insertPayment(String paymentId, String chargeKey, String merchantId) {
    return "INSERT INTO payments (payment_id, charge_key, order_id, customer_id, merchant_id,"
        + " amount_minor, currency, risk_score, risk_decision, status, card_brand, card_last4,"
        + " source_partition, source_offset, created_at, updated_at)"
        + " VALUES ('"
        + paymentId
        + "', '"
        + chargeKey
        + "', '1001', 'c-1', '"
        + merchantId
        + "', 100, 'EUR', 5, 'APPROVE', 'PENDING', 'visa', '4242', 0, 9, NOW(3), NOW(3))";
  }

  private static Flyway flyway(DatabaseSettings settings, String url, String target) {
    return Flyway.configure()
        .dataSource(url, settings.username(), settings.password())
        .locations("classpath:db/migration/payments")
        .table("flyway_history_payments")
        .target(target)
        .load();
  }

  private static JdbcTemplate jdbc(DatabaseSettings settings, String url) {
    return new JdbcTemplate(
        new DriverManagerDataSource(url, settings.username(), settings.password()));
  }
}
