package io.payrail.launcher.chaos;

import io.payrail.localstack.database.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the ledgers' histories say about a round's payments and refunds that went UNKNOWN (an
 * acquirer timeout): how many, how many the reconcilers resolved and to what, how long each stayed
 * UNKNOWN, and how many are UNKNOWN still.
 */
public final class UnknownOutcomes {

  /** Each payment that went UNKNOWN, and its change out of UNKNOWN if there was one. */
  private static final String PAYMENTS =
      """
      SELECT u.changed_at AS unknown_at, r.changed_at AS resolved_at, r.to_status AS resolved_as
        FROM payment_status_history u
        LEFT JOIN payment_status_history r
          ON r.payment_id = u.payment_id AND r.from_status = 'UNKNOWN'
       WHERE u.to_status = 'UNKNOWN' AND u.order_id LIKE ?
      """;

  /** Each refund that went UNKNOWN, and the reconciler's resolution if there was one. */
  private static final String REFUNDS =
      """
      SELECT u.recorded_at AS unknown_at, r.recorded_at AS resolved_at, r.status AS resolved_as
        FROM refund_events u
        LEFT JOIN refund_events r
          ON r.merchant_id = u.merchant_id AND r.refund_id = u.refund_id
         AND r.kind = 'RECONCILER' AND r.id > u.id
       WHERE u.status = 'UNKNOWN' AND u.order_id LIKE ?
      """;

  /**
   * @param what payments or refunds
   * @param wentUnknown how many were UNKNOWN at some point
   * @param stillUnknown of those, the ones no reconciler has resolved
   * @param resolvedAs resolved ones by their final status
   * @param median how long a resolved one stayed UNKNOWN, the median
   * @param longest how long a resolved one stayed UNKNOWN, the longest
   */
  public record Summary(
      String what,
      int wentUnknown,
      int stillUnknown,
      Map<String, Integer> resolvedAs,
      Duration median,
      Duration longest) {

    @Override
    public String toString() {
      if (wentUnknown == 0) {
        return "no " + what + " went UNKNOWN";
      }
      return "%d %s went UNKNOWN, %d resolved %s (UNKNOWN for %.1f s median, %.1f s at most), %d still UNKNOWN"
          .formatted(
              wentUnknown,
              what,
              wentUnknown - stillUnknown,
              resolvedAs,
              median.toMillis() / 1000.0,
              longest.toMillis() / 1000.0,
              stillUnknown);
    }
  }

  private UnknownOutcomes() {}

  /** The round's payments, by orderId prefix (the chaos ids hold no LIKE wildcard). */
  static Summary payments(DatabaseSettings database, String orderIdPrefix) {
    return summary(database, "payments", PAYMENTS, orderIdPrefix);
  }

  /** The round's refunds, by orderId prefix (the chaos ids hold no LIKE wildcard). */
  static Summary refunds(DatabaseSettings database, String orderIdPrefix) {
    return summary(database, "refunds", REFUNDS, orderIdPrefix);
  }

  private static Summary summary(
      DatabaseSettings database, String what, String sql, String orderIdPrefix) {
    List<Duration> durations = new ArrayList<>();
    Map<String, Integer> resolvedAs = new TreeMap<>();
    int went = 0;
    int still = 0;
    try (Connection connection =
            DriverManager.getConnection(
                database.jdbcUrl(), database.username(), database.password());
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, orderIdPrefix + "%");
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          went++;
          LocalDateTime resolvedAt = rs.getObject("resolved_at", LocalDateTime.class);
          if (resolvedAt == null) {
            still++;
            continue;
          }
          resolvedAs.merge(rs.getString("resolved_as"), 1, Integer::sum);
          durations.add(
              Duration.between(rs.getObject("unknown_at", LocalDateTime.class), resolvedAt));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot read the " + what + "' history: " + e.getMessage(), e);
    }
    durations.sort(null);
    return new Summary(
        what,
        went,
        still,
        resolvedAs,
        durations.isEmpty() ? Duration.ZERO : durations.get(durations.size() / 2),
        durations.isEmpty() ? Duration.ZERO : durations.get(durations.size() - 1));
  }
}
