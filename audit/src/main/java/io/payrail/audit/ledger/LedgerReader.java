package io.payrail.audit.ledger;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the payments and refunds ledgers (with the payments' review steps from their status
 * history, and the coupons' use counters and the recorded answers to orders' points when the ledger
 * has them) and the acquirer's tables with plain JDBC (ids compare exactly: the id columns are
 * binary, so the prefix LIKE is case-sensitive too), in one read-only REPEATABLE READ transaction:
 * InnoDB answers every query from the same snapshot, so a row moving between tables while the audit
 * reads cannot show up twice or not at all.
 */
public final class LedgerReader {

  /** payment-processor's use counter per coupon (its V6). */
  static final String COUPON_USES = "coupon_uses";

  /** payment-processor's use of a coupon by an order, TAKEN or RETURNED (its V6). */
  static final String COUPON_REDEMPTIONS = "coupon_redemptions";

  /** payment-processor's recorded answers to orders' points (its points migration). */
  static final String POINTS_RESERVATIONS = "points_reservations";

  private final String jdbcUrl;
  private final String user;
  private final String password;

  public LedgerReader(String jdbcUrl, String user, String password) {
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
  }

  /** The rows of the orders whose orderId starts with {@code orderIdPrefix} (all when empty). */
  public LedgerRows read(String orderIdPrefix) {
    String pattern = likePrefix(orderIdPrefix);
    try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
      connection.setReadOnly(true);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      connection.setAutoCommit(false);
      try {
        boolean coupons = couponTables(connection);
        Set<String> pointsColumns = columns(connection, POINTS_RESERVATIONS);
        boolean pointsTable = !pointsColumns.isEmpty();
        // payment-processor's points migration adds the column with the table; each is checked
        // on its own all the same, so that a half-migrated ledger is read as far as it goes.
        boolean pointsRedeemed = columns(connection, "payments").contains("points_redeemed");
        LedgerRows rows =
            new LedgerRows(
                query(
                    connection,
                    "SELECT payment_id, order_id, customer_id, amount_minor, currency, status,"
                        + " gateway_reference, updated_at"
                        + (pointsRedeemed ? ", points_redeemed" : "")
                        + " FROM payments WHERE order_id LIKE ?",
                    pattern,
                    rs ->
                        new PaymentRow(
                            rs.getString("payment_id"),
                            rs.getString("order_id"),
                            rs.getString("customer_id"),
                            rs.getLong("amount_minor"),
                            rs.getString("currency"),
                            rs.getString("status"),
                            rs.getString("gateway_reference"),
                            instant(rs, "updated_at"),
                            pointsRedeemed ? rs.getLong("points_redeemed") : null)),
                query(
                    connection,
                    "SELECT idempotency_key, charge_reference, order_id, amount_minor, currency,"
                        + " outcome FROM simulated_acquirer_charges WHERE order_id LIKE ?",
                    pattern,
                    rs ->
                        new ChargeRow(
                            rs.getString("idempotency_key"),
                            rs.getString("charge_reference"),
                            rs.getString("order_id"),
                            rs.getLong("amount_minor"),
                            rs.getString("currency"),
                            rs.getString("outcome"))),
                query(
                    connection,
                    "SELECT refund_id, order_id, customer_id, amount_minor, currency, status,"
                        + " gateway_reference, updated_at FROM refunds WHERE order_id LIKE ?",
                    pattern,
                    rs ->
                        new RefundRow(
                            rs.getString("refund_id"),
                            rs.getString("order_id"),
                            rs.getString("customer_id"),
                            rs.getLong("amount_minor"),
                            rs.getString("currency"),
                            rs.getString("status"),
                            rs.getString("gateway_reference"),
                            instant(rs, "updated_at"))),
                query(
                    connection,
                    "SELECT idempotency_key, refund_reference, order_id, amount_minor, currency"
                        + " FROM simulated_acquirer_refunds WHERE order_id LIKE ?",
                    pattern,
                    rs ->
                        new AcquirerRefundRow(
                            rs.getString("idempotency_key"),
                            rs.getString("refund_reference"),
                            rs.getString("order_id"),
                            rs.getLong("amount_minor"),
                            rs.getString("currency"))),
                // Only the existing columns: the status changes tell whether a row was held and
                // whether a review released it; who decided (actor, note) is not the audit's.
                query(
                    connection,
                    "SELECT order_id, from_status, to_status FROM payment_status_history"
                        + " WHERE order_id LIKE ? AND (from_status = 'HELD_FOR_REVIEW'"
                        + " OR to_status = 'HELD_FOR_REVIEW') ORDER BY id",
                    pattern,
                    rs ->
                        new PaymentStatusChange(
                            rs.getString("order_id"),
                            rs.getString("from_status"),
                            rs.getString("to_status"))),
                coupons ? couponCounters(connection, orderIdPrefix) : List.of(),
                coupons,
                pointsTable ? pointsReservations(connection, pattern, pointsColumns) : List.of(),
                pointsTable);
        connection.commit();
        return rows;
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot read the ledger at " + jdbcUrl + ": " + e.getMessage(), e);
    }
  }

  /**
   * Whether the ledger has payment-processor's coupon tables (its V6): the audit also runs against
   * a ledger migrated before them, and then leaves the counters out.
   */
  private static boolean couponTables(Connection connection) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()"
                + " AND table_name IN ('"
                + COUPON_USES
                + "', '"
                + COUPON_REDEMPTIONS
                + "')")) {
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() && rs.getInt(1) == 2;
      }
    }
  }

  /**
   * The columns of {@code table} in the ledger's schema, lower case; empty when it has no such
   * table: the audit also runs against a ledger migrated before points, and then leaves them out.
   */
  private static Set<String> columns(Connection connection, String table) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = DATABASE()"
                + " AND table_name = ?")) {
      statement.setString(1, table);
      try (ResultSet rs = statement.executeQuery()) {
        Set<String> columns = new HashSet<>();
        while (rs.next()) {
          columns.add(rs.getString(1).toLowerCase(Locale.ROOT));
        }
        return columns;
      }
    }
  }

  /**
   * The audited orders' answers as payment-processor recorded them. {@code recorded_at} places a
   * row on the audit's cut; it is read when the table has it.
   */
  private static List<PointsReservationRow> pointsReservations(
      Connection connection, String pattern, Set<String> columns) throws SQLException {
    boolean recordedAt = columns.contains("recorded_at");
    return query(
        connection,
        "SELECT order_id, status, reason, points"
            + (recordedAt ? ", recorded_at" : "")
            + " FROM "
            + POINTS_RESERVATIONS
            + " WHERE order_id LIKE ?",
        pattern,
        rs ->
            new PointsReservationRow(
                rs.getString("order_id"),
                rs.getString("status"),
                rs.getString("reason"),
                rs.getLong("points"),
                recordedAt ? instant(rs, "recorded_at") : null));
  }

  /** A UTC DATETIME column (the services write UTC wall-clock times) as an instant, or null. */
  private static Instant instant(ResultSet rs, String column) throws SQLException {
    LocalDateTime time = rs.getObject(column, LocalDateTime.class);
    return time == null ? null : time.toInstant(ZoneOffset.UTC);
  }

  /**
   * The counters of the coupons an audited order redeemed (of every counter when the audit has no
   * prefix, also one without redemptions), each with the TAKEN redemptions of all its orders: a
   * counter counts every order's uses, not only the audited ones'.
   */
  private static List<CouponCounterRow> couponCounters(Connection connection, String prefix)
      throws SQLException {
    String coupons =
        "SELECT DISTINCT merchant_id, coupon_code FROM "
            + COUPON_REDEMPTIONS
            + " WHERE order_id LIKE ?"
            + (prefix.isEmpty()
                ? " UNION SELECT merchant_id, coupon_code FROM " + COUPON_USES
                : "");
    String sql =
        "SELECT k.merchant_id, k.coupon_code, u.uses, (SELECT COUNT(*) FROM "
            + COUPON_REDEMPTIONS
            + " r WHERE r.merchant_id = k.merchant_id AND r.coupon_code = k.coupon_code"
            + " AND r.status = '"
            + CouponCounterRow.TAKEN
            + "') AS taken FROM ("
            + coupons
            + ") k LEFT JOIN "
            + COUPON_USES
            + " u ON u.merchant_id = k.merchant_id AND u.coupon_code = k.coupon_code";
    return query(
        connection,
        sql,
        likePrefix(prefix),
        rs ->
            new CouponCounterRow(
                rs.getString("merchant_id"),
                rs.getString("coupon_code"),
                rs.getObject("uses") == null ? null : rs.getLong("uses"),
                rs.getLong("taken")));
  }

  /** A LIKE pattern matching the prefix literally ({@code _} and {@code %} are not wildcards). */
  static String likePrefix(String prefix) {
    String literal = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    return literal + "%";
  }

  private static <T> List<T> query(
      Connection connection, String sql, String pattern, RowMapper<T> mapper) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, pattern);
      try (ResultSet rs = statement.executeQuery()) {
        List<T> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(mapper.map(rs));
        }
        return rows;
      }
    }
  }

  @FunctionalInterface
  private interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }
}
