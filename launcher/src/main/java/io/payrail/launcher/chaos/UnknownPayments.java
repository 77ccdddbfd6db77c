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
 * What the payments ledger's history says about a round's payments that went UNKNOWN (an acquirer
 * timeout): how many, how many the reconciler resolved and to what, how long each stayed UNKNOWN,
 * and how many are UNKNOWN still.
 */
public final class UnknownPayments {

  private static final String HISTORY =
      """
      SELECT u.order_id, u.changed_at AS unknown_at, r.changed_at AS resolved_at,
             r.to_status AS resolved_as
        FROM payment_status_history u
        LEFT JOIN payment_status_history r
          ON r.payment_id = u.payment_id AND r.from_status = 'UNKNOWN'
       WHERE u.to_status = 'UNKNOWN' AND u.order_id LIKE ?
      """;

  /**
   * @param wentUnknown payments that were UNKNOWN at some point
   * @param stillUnknown of those, the ones the reconciler has not resolved
   * @param resolvedAs resolved payments by their final status
   * @param median how long a resolved payment stayed UNKNOWN, the median
   * @param longest how long a resolved payment stayed UNKNOWN, the longest
   */
  public record Summary(
      int wentUnknown,
      int stillUnknown,
      Map<String, Integer> resolvedAs,
      Duration median,
      Duration longest) {

    @Override
    public String toString() {
      if (wentUnknown == 0) {
        return "no payment went UNKNOWN";
      }
      return "%d payments went UNKNOWN, %d resolved %s (UNKNOWN for %.1f s median, %.1f s at most), %d still UNKNOWN"
          .formatted(
              wentUnknown,
              wentUnknown - stillUnknown,
              resolvedAs,
              median.toMillis() / 1000.0,
              longest.toMillis() / 1000.0,
              stillUnknown);
    }
  }

  private UnknownPayments() {}

  /** The summary for the orders whose id starts with {@code orderIdPrefix} (no LIKE wildcards). */
  static Summary of(DatabaseSettings database, String orderIdPrefix) {
    List<Duration> durations = new ArrayList<>();
    Map<String, Integer> resolvedAs = new TreeMap<>();
    int went = 0;
    int still = 0;
    try (Connection connection =
            DriverManager.getConnection(
                database.jdbcUrl(), database.username(), database.password());
        PreparedStatement statement = connection.prepareStatement(HISTORY)) {
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
      throw new IllegalStateException("cannot read the payments' history: " + e.getMessage(), e);
    }
    durations.sort(null);
    return new Summary(
        went,
        still,
        resolvedAs,
        durations.isEmpty() ? Duration.ZERO : durations.get(durations.size() / 2),
        durations.isEmpty() ? Duration.ZERO : durations.get(durations.size() - 1));
  }
}
