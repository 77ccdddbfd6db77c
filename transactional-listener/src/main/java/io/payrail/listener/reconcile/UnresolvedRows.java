package io.payrail.listener.reconcile;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The reconciler's two questions to a ledger table, in SQL that runs on MySQL 8 and MariaDB. */
final class UnresolvedRows {

  private final JdbcClient jdbc;
  private final String findSql;
  private final String unknownSql;

  /** The table and column names come from the processor's code, never from input. */
  UnresolvedRows(JdbcClient jdbc, Reconciled reconciled) {
    this.jdbc = jdbc;
    this.findSql =
        "SELECT "
            + reconciled.idColumn()
            + " FROM "
            + reconciled.table()
            + " WHERE (status = 'UNKNOWN' AND updated_at < ?)"
            + " OR (status = 'PENDING' AND updated_at < ?)"
            + " ORDER BY updated_at LIMIT ?";
    this.unknownSql =
        "SELECT COUNT(*) AS unknown, MIN(updated_at) AS oldest FROM "
            + reconciled.table()
            + " WHERE status = 'UNKNOWN'";
  }

  /**
   * Ids of the rows UNKNOWN since before {@code unknownBefore} or PENDING since before {@code
   * pendingBefore}, oldest first.
   */
  List<String> find(Instant unknownBefore, Instant pendingBefore, int limit) {
    return jdbc.sql(findSql)
        .params(utc(unknownBefore), utc(pendingBefore), limit)
        .query(String.class)
        .list();
  }

  /** How many rows are UNKNOWN now, and since when the oldest (null when none). */
  Waiting unknown() {
    return jdbc.sql(unknownSql)
        .query(
            (rs, n) -> {
              LocalDateTime oldest = rs.getObject("oldest", LocalDateTime.class);
              return new Waiting(
                  rs.getLong("unknown"), oldest == null ? null : oldest.toInstant(ZoneOffset.UTC));
            })
        .single();
  }

  /**
   * @param count rows UNKNOWN now
   * @param oldestSince when the oldest of them became UNKNOWN; null when there is none
   */
  record Waiting(long count, Instant oldestSince) {}

  // DATETIME columns hold UTC wall-clock time; LocalDateTime passes through Connector/J unshifted.
  private static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
