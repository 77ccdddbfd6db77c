package io.payrail.refund.ledger;

import io.payrail.events.RefundStatus;
import io.payrail.refund.decision.OutcomeKind;
import io.payrail.refund.decision.RefundOutcome;
import io.payrail.refund.intake.RefundRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The refunds ledger next to the payments ledger it reads. SQL runs on MySQL 8 and MariaDB. Times
 * are written and read as UTC.
 */
@Component
public class RefundLedger {

  private static final String REFUND_COLUMNS =
      "refund_id, order_id, payment_id, merchant_id, customer_id, amount_minor, currency, status,"
          + " reason, rejection_code, refunded_total_minor, captured_amount_minor,"
          + " gateway_reference, request_fingerprint, source_partition, source_offset, created_at";

  private final JdbcClient jdbc;
  private final JdbcTemplate batches;
  private final TransactionTemplate transaction;

  public RefundLedger(
      JdbcClient jdbc, JdbcTemplate batches, JdbcTransactionManager ledgerTransactionManager) {
    this.jdbc = jdbc;
    this.batches = batches;
    this.transaction = new TransactionTemplate(ledgerTransactionManager);
    // Read committed: the payment rows are locked explicitly, and a lookup of an order without a
    // payment takes no gap lock that could hold up the payment-processor's inserts.
    this.transaction.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
  }

  /** Runs the work in one database transaction, committed when it returns. */
  public <T> T inTransaction(Supplier<T> work) {
    return transaction.execute(status -> work.get());
  }

  /**
   * Locks the payment rows of the requests' orders, in orderId order so that two instances locking
   * overlapping orders never deadlock, then reads what was refunded on them and what the requests'
   * refundIds already decided. Must run inside {@link #inTransaction}.
   */
  public LedgerSnapshot lockAndLoad(List<RefundRequest> requests) {
    TreeSet<String> orderIds = new TreeSet<>();
    TreeSet<String> refundIds = new TreeSet<>();
    for (RefundRequest request : requests) {
      orderIds.add(request.orderId());
      refundIds.add(request.refundId());
    }
    Map<String, PaymentSnapshot> payments = new HashMap<>();
    for (String orderId : orderIds) {
      lockPayment(orderId).ifPresent(payment -> payments.put(orderId, payment));
    }
    Map<String, Long> refunded = new HashMap<>();
    Map<String, Integer> kept = new HashMap<>();
    refundsOfOrders(orderIds, refunded, kept);
    return new LedgerSnapshot(payments, refunded, refunds(refundIds), kept);
  }

  private Optional<PaymentSnapshot> lockPayment(String orderId) {
    return jdbc.sql(
            "SELECT payment_id, order_id, customer_id, merchant_id, amount_minor, currency, status,"
                + " gateway_reference FROM payments WHERE order_id = ? FOR UPDATE")
        .param(orderId)
        .query(
            (rs, n) ->
                new PaymentSnapshot(
                    rs.getString("payment_id"),
                    rs.getString("order_id"),
                    rs.getString("customer_id"),
                    rs.getString("merchant_id"),
                    rs.getLong("amount_minor"),
                    rs.getString("currency"),
                    rs.getString("status"),
                    rs.getString("gateway_reference")))
        .optional();
  }

  /**
   * Per order: the sum of its COMPLETED and PENDING (reserved) refunds, if any, and how many
   * refunds of any status it keeps.
   */
  private void refundsOfOrders(
      Collection<String> orderIds, Map<String, Long> refunded, Map<String, Integer> kept) {
    jdbc.sql(
            "SELECT order_id, COUNT(*) AS kept,"
                + " SUM(CASE WHEN status IN ('COMPLETED', 'PENDING') THEN amount_minor END)"
                + " AS refunded FROM refunds WHERE order_id IN (:orderIds) GROUP BY order_id")
        .param("orderIds", orderIds)
        .query(
            (RowCallbackHandler)
                rs -> {
                  String orderId = rs.getString("order_id");
                  kept.put(orderId, rs.getInt("kept"));
                  long total = rs.getLong("refunded");
                  if (!rs.wasNull()) {
                    refunded.put(orderId, total);
                  }
                });
  }

  private Map<String, RefundRow> refunds(Collection<String> refundIds) {
    Map<String, RefundRow> rows = new HashMap<>();
    jdbc.sql("SELECT " + REFUND_COLUMNS + " FROM refunds WHERE refund_id IN (:refundIds)")
        .param("refundIds", refundIds)
        .query((RowCallbackHandler) rs -> rows.put(rs.getString("refund_id"), refundRow(rs)));
    return rows;
  }

  /**
   * Keeps the new final outcomes in {@code refunds} (a refundId kept concurrently by another
   * instance fails the unique key, and the batch is retried and finds it) and every outcome in the
   * append-only {@code refund_events}.
   */
  public void record(List<RefundOutcome> outcomes, Instant now) {
    List<Object[]> kept =
        outcomes.stream()
            .filter(outcome -> outcome.kind() == OutcomeKind.RECORDED)
            .map(outcome -> refundValues(outcome.row()))
            .toList();
    if (!kept.isEmpty()) {
      batches.batchUpdate(
          "INSERT INTO refunds ("
              + REFUND_COLUMNS
              + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          kept);
    }
    LocalDateTime recordedAt = utc(now);
    List<Object[]> events =
        outcomes.stream()
            .map(
                outcome ->
                    new Object[] {
                      outcome.row().refundId(),
                      outcome.row().orderId(),
                      outcome.kind().name(),
                      outcome.row().status().name(),
                      outcome.row().rejectionCode(),
                      outcome.row().amountMinor(),
                      outcome.request().partition(),
                      outcome.request().offset(),
                      recordedAt
                    })
            .toList();
    if (!events.isEmpty()) {
      batches.batchUpdate(
          "INSERT INTO refund_events (refund_id, order_id, kind, status, rejection_code,"
              + " amount_minor, source_partition, source_offset, recorded_at)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          events);
    }
  }

  /**
   * Records, in one database transaction of its own, that the acquirer paid these refunds back:
   * PENDING becomes COMPLETED with the acquirer's reference.
   */
  public void confirmPaidBack(List<RefundOutcome> refunded) {
    List<Object[]> references =
        refunded.stream()
            .filter(RefundOutcome::refundsNow)
            .map(
                outcome ->
                    new Object[] {outcome.row().gatewayReference(), outcome.row().refundId()})
            .toList();
    if (!references.isEmpty()) {
      inTransaction(
          () ->
              batches.batchUpdate(
                  "UPDATE refunds SET status = 'COMPLETED', gateway_reference = ?"
                      + " WHERE refund_id = ? AND status = 'PENDING'",
                  references));
    }
  }

  private static Object[] refundValues(RefundRow row) {
    return new Object[] {
      row.refundId(),
      row.orderId(),
      row.paymentId(),
      row.merchantId(),
      row.customerId(),
      row.amountMinor(),
      row.currency(),
      row.ledgerStatus(),
      row.reason(),
      row.rejectionCode(),
      row.refundedTotalMinor(),
      row.capturedAmountMinor(),
      row.gatewayReference(),
      row.fingerprint(),
      row.sourcePartition(),
      row.sourceOffset(),
      utc(row.createdAt())
    };
  }

  private static RefundRow refundRow(ResultSet rs) throws SQLException {
    return new RefundRow(
        rs.getString("refund_id"),
        rs.getString("order_id"),
        rs.getString("payment_id"),
        rs.getString("merchant_id"),
        rs.getString("customer_id"),
        rs.getLong("amount_minor"),
        rs.getString("currency"),
        RefundRow.PENDING.equals(rs.getString("status"))
            ? RefundStatus.COMPLETED
            : RefundStatus.valueOf(rs.getString("status")),
        rs.getString("reason"),
        rs.getString("rejection_code"),
        rs.getLong("refunded_total_minor"),
        rs.getLong("captured_amount_minor"),
        rs.getString("gateway_reference"),
        rs.getString("request_fingerprint"),
        rs.getInt("source_partition"),
        rs.getLong("source_offset"),
        rs.getObject("created_at", LocalDateTime.class).toInstant(ZoneOffset.UTC),
        RefundRow.PENDING.equals(rs.getString("status")));
  }

  private static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
