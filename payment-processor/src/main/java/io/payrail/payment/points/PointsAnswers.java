package io.payrail.payment.points;

import io.payrail.events.PointsReservationStatus;
import io.payrail.listener.reconcile.SourceRecord;
import io.payrail.payment.ledger.PaymentLedger;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.topics.Topics;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code points_reservations} table: the first answer loyalty-streams gave for each order.
 *
 * <p>The order-risk (or review) listener writing a row AWAITING_POINTS and the points listener
 * recording an answer for the same order may run at once; neither may miss the other. Each writes
 * first and reads the other's table second with a locking read (which sees the latest committed
 * rows and waits for one being written): the writer of the row reads the answers ({@link
 * #lockAnswered}) in the transaction that wrote the row, and fails when one came (the batch is read
 * again); the points listener reads the rows after its answers committed. Whatever the isolation
 * level, the later of the two reads sees the other's write.
 */
@Repository
public class PointsAnswers {

  private static final String SELECT =
      """
      SELECT merchant_id, order_id, status, reason, points, source_partition, source_offset
        FROM points_reservations
       WHERE merchant_id IN (:merchantIds) AND order_id IN (:orderIds)
      """;

  // Locking reads see the latest committed rows (not the transaction's snapshot), and lock them.
  private static final String LOCK =
      """
      SELECT merchant_id, order_id FROM points_reservations
       WHERE merchant_id IN (:merchantIds) AND order_id IN (:orderIds)
         FOR UPDATE
      """;

  // IGNORE: a zombie instance recording the same answer at once is no failure (the first stays).
  private static final String INSERT =
      """
      INSERT IGNORE INTO points_reservations (merchant_id, order_id, status, reason, points,
                                              source_partition, source_offset, recorded_at)
      VALUES (:merchantId, :orderId, :status, :reason, :points, :sourcePartition, :sourceOffset, :recordedAt)
      """;

  private final NamedParameterJdbcTemplate jdbc;
  private final TransactionTemplate transaction;

  public PointsAnswers(NamedParameterJdbcTemplate jdbc, TransactionTemplate ledgerTransaction) {
    this.jdbc = jdbc;
    this.transaction = ledgerTransaction;
  }

  /** The recorded answers of these orders, by order. */
  public Map<OrderKey, PointsAnswer> find(Collection<OrderKey> orders) {
    if (orders.isEmpty()) {
      return Map.of();
    }
    List<PointsAnswer> answers =
        jdbc.query(
            SELECT,
            PaymentLedger.byOrderKeys(orders),
            (rs, rowNum) ->
                new PointsAnswer(
                    rs.getString("merchant_id"),
                    rs.getString("order_id"),
                    PointsReservationStatus.valueOf(rs.getString("status")),
                    rs.getString("reason"),
                    rs.getLong("points"),
                    new SourceRecord(
                        Topics.POINTS_RESERVATIONS.name(),
                        rs.getInt("source_partition"),
                        rs.getLong("source_offset"))));
    return PaymentLedger.onlyThese(orders, answers, PointsAnswer::key);
  }

  /**
   * Which of these orders have an answer, read with a lock inside the caller's transaction (see the
   * class comment).
   */
  public Set<OrderKey> lockAnswered(Collection<OrderKey> orders) {
    if (orders.isEmpty()) {
      return Set.of();
    }
    List<OrderKey> locked =
        jdbc.query(
            LOCK,
            PaymentLedger.byOrderKeys(orders),
            (rs, rowNum) -> new OrderKey(rs.getString("merchant_id"), rs.getString("order_id")));
    return PaymentLedger.onlyThese(orders, locked, Function.identity()).keySet();
  }

  /**
   * Records the first answer of each order in one transaction, committed on return; an order that
   * has one keeps it (a repeated answer changes nothing).
   *
   * @return the answers recorded now
   */
  public List<PointsAnswer> record(List<PointsAnswer> answers, Instant now) {
    if (answers.isEmpty()) {
      return List.of();
    }
    Map<OrderKey, PointsAnswer> first = new LinkedHashMap<>();
    answers.forEach(answer -> first.putIfAbsent(answer.key(), answer));
    return transaction.execute(
        status -> {
          // One consumer writes an order's answers (keyed by merchantId/orderId): a plain read is
          // enough, and takes no gap locks that concurrent inserts of other orders would wait for.
          Set<OrderKey> known = find(first.keySet()).keySet();
          List<PointsAnswer> fresh = new ArrayList<>();
          first.values().stream().filter(a -> !known.contains(a.key())).forEach(fresh::add);
          if (!fresh.isEmpty()) {
            jdbc.batchUpdate(
                INSERT,
                fresh.stream()
                    .map(
                        answer ->
                            new MapSqlParameterSource()
                                .addValue("merchantId", answer.merchantId())
                                .addValue("orderId", answer.orderId())
                                .addValue("status", answer.status().name())
                                .addValue("reason", answer.reason())
                                .addValue("points", answer.points())
                                .addValue("sourcePartition", answer.source().partition())
                                .addValue("sourceOffset", answer.source().offset())
                                .addValue(
                                    "recordedAt", LocalDateTime.ofInstant(now, ZoneOffset.UTC)))
                    .toArray(SqlParameterSource[]::new));
          }
          return fresh;
        });
  }
}
