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

  /** The rows of the orders whose orderId starts with {@code orderIdPrefix}, of every merchant. */
  public LedgerRows read(String orderIdPrefix) {
    return read("", orderIdPrefix);
  }

  /**
   * The rows of the orders of {@code merchantId} (every merchant's when empty) whose orderId starts
   * with {@code orderIdPrefix} (every orderId when empty). Every row names its merchant: an orderId
   * or refundId is unique only within it.
   *
   * <p>A ledger from before merchant-scoped ids (payment-processor before its V8, refund-processor
   * before its V6) lacks some of the columns; it is read as those migrations backfill them ({@code
   * charge_key} = {@code payrail:charge:<orderId>}, {@code acquirer_key} = the refundId, the
   * history's and the recorded answers' merchant from their payments row), so that it is audited
   * alike before and after them.
   */
  public LedgerRows read(String merchantId, String orderIdPrefix) {
    Scope scope = new Scope(merchantId == null ? "" : merchantId, likePrefix(orderIdPrefix));
    try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
      connection.setReadOnly(true);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      connection.setAutoCommit(false);
      try {
        boolean coupons = couponTables(connection);
        Set<String> pointsColumns = columns(connection, POINTS_RESERVATIONS);
        boolean pointsTable = !pointsColumns.isEmpty();
        Set<String> paymentColumns = columns(connection, "payments");
        // payment-processor's points migration adds the column with the table; each is checked
        // on its own all the same, so that a half-migrated ledger is read as far as it goes.
        boolean pointsRedeemed = paymentColumns.contains("points_redeemed");
        String chargeKey =
            paymentColumns.contains("charge_key")
                ? "charge_key"
                : "CONCAT('payrail:charge:', order_id) AS charge_key";
        String acquirerKey =
            columns(connection, "refunds").contains("acquirer_key") ? "acquirer_key" : "refund_id";
        boolean historyMerchant =
            columns(connection, "payment_status_history").contains("merchant_id");
        LedgerRows rows =
            new LedgerRows(
                query(
                    connection,
                    "SELECT payment_id, merchant_id, order_id, customer_id, amount_minor, currency,"
                        + " status, gateway_reference, "
                        + chargeKey
                        + ", updated_at"
                        + (pointsRedeemed ? ", points_redeemed" : "")
                        + " FROM payments WHERE "
                        + scope.where("merchant_id", "order_id"),
                    scope.parameters(),
                    rs ->
                        new PaymentRow(
                            rs.getString("payment_id"),
                            rs.getString("merchant_id"),
                            rs.getString("order_id"),
                            rs.getString("customer_id"),
                            rs.getLong("amount_minor"),
                            rs.getString("currency"),
                            rs.getString("status"),
                            rs.getString("gateway_reference"),
                            rs.getString("charge_key"),
                            instant(rs, "updated_at"),
                            pointsRedeemed ? rs.getLong("points_redeemed") : null)),
                query(
                    connection,
                    "SELECT idempotency_key, charge_reference, merchant_id, order_id, amount_minor,"
                        + " currency, outcome FROM simulated_acquirer_charges WHERE "
                        + scope.where("merchant_id", "order_id"),
                    scope.parameters(),
                    rs ->
                        new ChargeRow(
                            rs.getString("idempotency_key"),
                            rs.getString("charge_reference"),
                            rs.getString("merchant_id"),
                            rs.getString("order_id"),
                            rs.getLong("amount_minor"),
                            rs.getString("currency"),
                            rs.getString("outcome"))),
                query(
                    connection,
                    "SELECT refund_id, merchant_id, order_id, customer_id, amount_minor, currency,"
                        + " status, gateway_reference, "
                        + acquirerKey
                        + " AS acquirer_key, updated_at FROM refunds WHERE "
                        + scope.where("merchant_id", "order_id"),
                    scope.parameters(),
                    rs ->
                        new RefundRow(
                            rs.getString("refund_id"),
                            rs.getString("merchant_id"),
                            rs.getString("order_id"),
                            rs.getString("customer_id"),
                            rs.getLong("amount_minor"),
                            rs.getString("currency"),
                            rs.getString("status"),
                            rs.getString("gateway_reference"),
                            rs.getString("acquirer_key"),
                            instant(rs, "updated_at"))),
                // The acquirer's refunds have no merchant: theirs is the refund's with that key.
                // One with no refunds row has none, and is only in an audit of every merchant.
                query(
                    connection,
                    "SELECT a.idempotency_key, a.refund_reference, r.merchant_id, a.order_id,"
                        + " a.amount_minor, a.currency FROM simulated_acquirer_refunds a"
                        + " LEFT JOIN refunds r ON r."
                        + acquirerKey
                        + " = a.idempotency_key COLLATE utf8mb4_bin WHERE "
                        + scope.where("r.merchant_id", "a.order_id"),
                    scope.parameters(),
                    rs ->
                        new AcquirerRefundRow(
                            rs.getString("idempotency_key"),
                            rs.getString("refund_reference"),
                            rs.getString("merchant_id"),
                            rs.getString("order_id"),
                            rs.getLong("amount_minor"),
                            rs.getString("currency"))),
                // Only the existing columns: the status changes tell whether a row was held and
                // whether a review released it; who decided (actor, note) is not the audit's.
                query(
                    connection,
                    "SELECT "
                        + (historyMerchant ? "h.merchant_id" : "p.merchant_id")
                        + " AS merchant_id, h.order_id, h.from_status, h.to_status"
                        + " FROM payment_status_history h"
                        + (historyMerchant ? "" : " JOIN payments p ON p.payment_id = h.payment_id")
                        + " WHERE "
                        + scope.where(
                            historyMerchant ? "h.merchant_id" : "p.merchant_id", "h.order_id")
                        + " AND (h.from_status = 'HELD_FOR_REVIEW'"
                        + " OR h.to_status = 'HELD_FOR_REVIEW') ORDER BY h.id",
                    scope.parameters(),
                    rs ->
                        new PaymentStatusChange(
                            rs.getString("merchant_id"),
                            rs.getString("order_id"),
                            rs.getString("from_status"),
                            rs.getString("to_status"))),
                coupons ? couponCounters(connection, scope, orderIdPrefix.isEmpty()) : List.of(),
                coupons,
                pointsTable ? pointsReservations(connection, scope, pointsColumns) : List.of(),
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
   * The orders read: of one merchant or all ({@code merchantId} empty), with an orderId LIKE the
   * pattern.
   */
  private record Scope(String merchantId, String pattern) {

    /**
     * The condition on a table's merchant and order columns; its parameters are {@link
     * #parameters}.
     */
    String where(String merchantColumn, String orderColumn) {
      return orderColumn + " LIKE ? AND (? = '' OR " + merchantColumn + " = ?)";
    }

    Object[] parameters() {
      return new Object[] {pattern, merchantId, merchantId};
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
      Connection connection, Scope scope, Set<String> columns) throws SQLException {
    boolean recordedAt = columns.contains("recorded_at");
    // Before payment-processor's V8 the table has no merchant_id: an order's is its payment's
    // (order_id was unique then), as V8 backfills it.
    boolean merchant = columns.contains("merchant_id");
    String merchantColumn = merchant ? "r.merchant_id" : "COALESCE(p.merchant_id, '')";
    return query(
        connection,
        "SELECT "
            + merchantColumn
            + " AS merchant_id, r.order_id, r.status, r.reason, r.points"
            + (recordedAt ? ", r.recorded_at" : "")
            + " FROM "
            + POINTS_RESERVATIONS
            + " r"
            + (merchant ? "" : " LEFT JOIN payments p ON p.order_id = r.order_id")
            + " WHERE "
            + scope.where(merchantColumn, "r.order_id"),
        scope.parameters(),
        rs ->
            new PointsReservationRow(
                rs.getString("merchant_id"),
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
   * The counters of the coupons an audited order redeemed (without an orderId prefix also of every
   * counter of the merchants in scope, one without redemptions too), each with the TAKEN
   * redemptions of all its orders: a counter counts every order's uses, not only the audited ones'.
   */
  private static List<CouponCounterRow> couponCounters(
      Connection connection, Scope scope, boolean everyOrderId) throws SQLException {
    String coupons =
        "SELECT DISTINCT merchant_id, coupon_code FROM "
            + COUPON_REDEMPTIONS
            + " WHERE "
            + scope.where("merchant_id", "order_id")
            + (everyOrderId
                ? " UNION SELECT merchant_id, coupon_code FROM "
                    + COUPON_USES
                    + " WHERE (? = '' OR merchant_id = ?)"
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
    List<Object> parameters = new ArrayList<>(List.of(scope.parameters()));
    if (everyOrderId) {
      parameters.add(scope.merchantId());
      parameters.add(scope.merchantId());
    }
    return query(
        connection,
        sql,
        parameters.toArray(),
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
      Connection connection, String sql, Object[] parameters, RowMapper<T> mapper)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
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
