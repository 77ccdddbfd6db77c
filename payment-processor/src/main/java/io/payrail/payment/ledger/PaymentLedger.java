package io.payrail.payment.ledger;

import io.payrail.listener.reconcile.SourceRecord;
import io.payrail.schemas.topics.Topics;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code payments} table and its {@code payment_status_history}, in plain SQL that runs on
 * MySQL 8 and MariaDB. A batch is written in one database transaction with JDBC batching. The
 * unique order_id makes a second row for an order impossible: a concurrent writer loses with a
 * duplicate-key error and its batch is retried, then finds the row.
 */
@Repository
public class PaymentLedger {

  private static final String SELECT_BY_ORDER_IDS =
      """
      SELECT payment_id, order_id, customer_id, merchant_id, amount_minor, currency, risk_score,
             risk_decision, status, decline_code, gateway_reference, card_brand, card_last4,
             source_partition, source_offset, created_at, updated_at, finalized_topic,
             finalized_partition, finalized_offset, payment_token, review_partition, review_offset
        FROM payments
       WHERE order_id IN (:orderIds)
      """;

  private static final String UPDATE_STATUS =
      """
      UPDATE payments
         SET status = :status, decline_code = :declineCode, gateway_reference = :gatewayReference,
             updated_at = :updatedAt, finalized_topic = :finalizedTopic,
             finalized_partition = :finalizedPartition, finalized_offset = :finalizedOffset,
             review_partition = :reviewPartition, review_offset = :reviewOffset
       WHERE order_id = :orderId AND status = :fromStatus
      """;

  private static final String INSERT_PAYMENT =
      """
      INSERT INTO payments (payment_id, order_id, customer_id, merchant_id, amount_minor, currency,
                            risk_score, risk_decision, status, decline_code, gateway_reference,
                            card_brand, card_last4, source_partition, source_offset, created_at,
                            updated_at, finalized_topic, finalized_partition, finalized_offset,
                            payment_token, review_partition, review_offset)
      VALUES (:paymentId, :orderId, :customerId, :merchantId, :amountMinor, :currency, :riskScore,
              :riskDecision, :status, :declineCode, :gatewayReference, :cardBrand, :cardLast4,
              :sourcePartition, :sourceOffset, :createdAt, :updatedAt, :finalizedTopic,
              :finalizedPartition, :finalizedOffset, :paymentToken, :reviewPartition,
              :reviewOffset)
      """;

  private static final String INSERT_HISTORY =
      """
      INSERT INTO payment_status_history (payment_id, order_id, from_status, to_status, reason,
                                          changed_at, actor, note)
      VALUES (:paymentId, :orderId, :fromStatus, :toStatus, :reason, :changedAt, :actor, :note)
      """;

  // A held row is never updated until its review is decided: updated_at is when it was held, and
  // ix_payments_status_updated_at serves both questions.
  private static final String SELECT_HELD_BEFORE =
      """
      SELECT order_id, merchant_id, updated_at
        FROM payments
       WHERE status = 'HELD_FOR_REVIEW' AND updated_at < :before
       ORDER BY updated_at
       LIMIT :limit
      """;

  private static final String COUNT_HELD =
      "SELECT COUNT(*) FROM payments WHERE status = 'HELD_FOR_REVIEW'";

  private final NamedParameterJdbcTemplate jdbc;
  private final TransactionTemplate transaction;

  public PaymentLedger(NamedParameterJdbcTemplate jdbc, TransactionTemplate ledgerTransaction) {
    this.jdbc = jdbc;
    this.transaction = ledgerTransaction;
  }

  /** The existing rows of these orders, by orderId. */
  public Map<String, PaymentRow> findByOrderIds(Collection<String> orderIds) {
    if (orderIds.isEmpty()) {
      return Map.of();
    }
    List<PaymentRow> rows =
        jdbc.query(
            SELECT_BY_ORDER_IDS,
            new MapSqlParameterSource("orderIds", List.copyOf(orderIds)),
            (rs, rowNum) -> row(rs));
    return rows.stream().collect(Collectors.toMap(PaymentRow::orderId, Function.identity()));
  }

  /** Payments held for review since before {@code before}, the longest held first. */
  public List<HeldOrder> heldBefore(Instant before, int limit) {
    return jdbc.query(
        SELECT_HELD_BEFORE,
        new MapSqlParameterSource().addValue("before", utc(before)).addValue("limit", limit),
        (rs, rowNum) ->
            new HeldOrder(
                rs.getString("order_id"),
                rs.getString("merchant_id"),
                instant(rs.getObject("updated_at", LocalDateTime.class))));
  }

  /** How many payments are held for review now. */
  public long held() {
    Long count = jdbc.getJdbcTemplate().queryForObject(COUNT_HELD, Long.class);
    return count == null ? 0 : count;
  }

  /** Inserts the rows and their history in one database transaction, committed on return. */
  public void record(List<LedgerEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    SqlParameterSource[] payments =
        entries.stream()
            .map(entry -> paymentParameters(entry.row()))
            .toArray(SqlParameterSource[]::new);
    SqlParameterSource[] history =
        entries.stream()
            .flatMap(
                entry ->
                    entry.history().stream().map(change -> historyParameters(entry.row(), change)))
            .toArray(SqlParameterSource[]::new);
    transaction.executeWithoutResult(
        status -> {
          jdbc.batchUpdate(INSERT_PAYMENT, payments);
          jdbc.batchUpdate(INSERT_HISTORY, history);
        });
  }

  /**
   * Moves rows on from the status each must still have, with their history, in one database
   * transaction. A row that is no longer in that status was moved by someone else (the reconciler
   * and the payment step never work on the same row at once, but a zombie could): the transaction
   * rolls back with an {@link LedgerStatus.IllegalTransitionException}.
   */
  public void update(List<StatusUpdate> updates) {
    if (updates.isEmpty()) {
      return;
    }
    SqlParameterSource[] rows =
        updates.stream()
            .map(
                update ->
                    paymentParameters(update.row()).addValue("fromStatus", update.from().name()))
            .toArray(SqlParameterSource[]::new);
    SqlParameterSource[] history =
        updates.stream()
            .map(
                update ->
                    historyParameters(
                        update.row(),
                        new StatusChange(
                            update.from(),
                            update.row().status(),
                            update.reason(),
                            update.row().updatedAt(),
                            update.actor(),
                            update.note())))
            .toArray(SqlParameterSource[]::new);
    transaction.executeWithoutResult(
        status -> {
          int[] counts = jdbc.batchUpdate(UPDATE_STATUS, rows);
          for (int i = 0; i < counts.length; i++) {
            // With rewriteBatchedStatements, Connector/J may answer "success, count unknown" (-2).
            if (counts[i] == 0) {
              throw new LedgerStatus.IllegalTransitionException(
                  updates.get(i).from(), updates.get(i).row().status());
            }
          }
          jdbc.batchUpdate(INSERT_HISTORY, history);
        });
  }

  private static MapSqlParameterSource paymentParameters(PaymentRow row) {
    return new MapSqlParameterSource()
        .addValue("paymentId", row.paymentId())
        .addValue("orderId", row.orderId())
        .addValue("customerId", row.customerId())
        .addValue("merchantId", row.merchantId())
        .addValue("amountMinor", row.amountMinor())
        .addValue("currency", row.currency())
        .addValue("riskScore", row.riskScore())
        .addValue("riskDecision", row.riskDecision())
        .addValue("status", row.status().name())
        .addValue("declineCode", row.declineCode())
        .addValue("gatewayReference", row.gatewayReference())
        .addValue("cardBrand", row.cardBrand())
        .addValue("cardLast4", row.cardLast4())
        .addValue("sourcePartition", row.sourcePartition())
        .addValue("sourceOffset", row.sourceOffset())
        .addValue("createdAt", utc(row.createdAt()))
        .addValue("updatedAt", utc(row.updatedAt()))
        .addValue("finalizedTopic", row.finalizedBy() == null ? null : row.finalizedBy().topic())
        .addValue(
            "finalizedPartition", row.finalizedBy() == null ? null : row.finalizedBy().partition())
        .addValue("finalizedOffset", row.finalizedBy() == null ? null : row.finalizedBy().offset())
        .addValue("paymentToken", row.paymentToken())
        .addValue("reviewPartition", row.reviewedBy() == null ? null : row.reviewedBy().partition())
        .addValue("reviewOffset", row.reviewedBy() == null ? null : row.reviewedBy().offset());
  }

  private static SqlParameterSource historyParameters(PaymentRow row, StatusChange change) {
    return new MapSqlParameterSource()
        .addValue("paymentId", row.paymentId())
        .addValue("orderId", row.orderId())
        .addValue("fromStatus", change.from() == null ? null : change.from().name())
        .addValue("toStatus", change.to().name())
        .addValue("reason", change.reason())
        .addValue("changedAt", utc(change.changedAt()))
        .addValue("actor", change.actor())
        .addValue("note", change.note());
  }

  private static PaymentRow row(ResultSet rs) throws SQLException {
    return new PaymentRow(
        rs.getString("payment_id"),
        rs.getString("order_id"),
        rs.getString("customer_id"),
        rs.getString("merchant_id"),
        rs.getLong("amount_minor"),
        rs.getString("currency"),
        rs.getInt("risk_score"),
        rs.getString("risk_decision"),
        LedgerStatus.valueOf(rs.getString("status")),
        rs.getString("decline_code"),
        rs.getString("gateway_reference"),
        rs.getString("card_brand"),
        rs.getString("card_last4"),
        rs.getInt("source_partition"),
        rs.getLong("source_offset"),
        instant(rs.getObject("created_at", LocalDateTime.class)),
        instant(rs.getObject("updated_at", LocalDateTime.class)),
        rs.getString("finalized_topic") == null
            ? null
            : new SourceRecord(
                rs.getString("finalized_topic"),
                rs.getInt("finalized_partition"),
                rs.getLong("finalized_offset")),
        rs.getString("payment_token"),
        rs.getObject("review_partition") == null
            ? null
            : new SourceRecord(
                Topics.REVIEW_DECISIONS.name(),
                rs.getInt("review_partition"),
                rs.getLong("review_offset")));
  }

  // DATETIME columns hold UTC wall-clock time; LocalDateTime passes through Connector/J unshifted.
  private static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static Instant instant(LocalDateTime utc) {
    return utc.toInstant(ZoneOffset.UTC);
  }
}
