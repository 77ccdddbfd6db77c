package io.payrail.refund.ledger;

import io.payrail.listener.reconcile.SourceRecord;
import io.payrail.refund.decision.OutcomeKind;
import io.payrail.refund.decision.RefundOutcome;
import io.payrail.refund.intake.RefundRequest;
import io.payrail.schemas.keys.OrderKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
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
      "refund_id, acquirer_key, order_id, payment_id, merchant_id, customer_id, amount_minor, currency, status,"
          + " reason, rejection_code, refunded_total_minor, captured_amount_minor,"
          + " gateway_reference, request_fingerprint, source_partition, source_offset, created_at,"
          + " updated_at, finalized_topic, finalized_partition, finalized_offset";

  private static final String UPDATE_STATUS =
      "UPDATE refunds SET status = ?, rejection_code = ?, refunded_total_minor = ?,"
          + " gateway_reference = ?, updated_at = ?, finalized_topic = ?, finalized_partition = ?,"
          + " finalized_offset = ? WHERE merchant_id = ? AND refund_id = ? AND status = ?";

  private static final String INSERT_EVENT =
      "INSERT INTO refund_events (refund_id, merchant_id, order_id, kind, status,"
          + " rejection_code, amount_minor, source_partition, source_offset, recorded_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

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
   * Locks the payment rows of the requests' orders, in {@link OrderKey} order (merchant, then
   * order) so that two instances locking overlapping orders never deadlock, then reads what was
   * refunded (or is reserved) on them and what the requests' refunds already decided. Every order
   * is the asking merchant's own: another merchant's order with the same orderId is neither locked
   * nor read. Must run inside {@link #inTransaction}.
   */
  public LedgerSnapshot lockAndLoad(List<RefundRequest> requests) {
    TreeSet<OrderKey> orders = new TreeSet<>();
    Set<RefundKey> refunds = new HashSet<>();
    for (RefundRequest request : requests) {
      orders.add(request.orderKey());
      refunds.add(request.refundKey());
    }
    Map<OrderKey, PaymentSnapshot> payments = new HashMap<>();
    for (OrderKey order : orders) {
      lockPayment(order).ifPresent(payment -> payments.put(order, payment));
    }
    Map<OrderKey, Long> refunded = new HashMap<>();
    Map<OrderKey, Integer> kept = new HashMap<>();
    refundsOfOrders(orders, refunded, kept);
    return new LedgerSnapshot(payments, refunded, findByRefundKeys(refunds), kept);
  }

  private Optional<PaymentSnapshot> lockPayment(OrderKey order) {
    return jdbc.sql(
            "SELECT payment_id, order_id, customer_id, merchant_id, amount_minor, currency, status,"
                + " gateway_reference FROM payments WHERE merchant_id = ? AND order_id = ?"
                + " FOR UPDATE")
        .params(order.merchantId(), order.orderId())
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
   * Per order: what it has paid back or holds reserved (the sum of its COMPLETED, PENDING and
   * UNKNOWN refunds: every refund but the rejected ones), if any, and how many refunds of any
   * status it keeps (reserved ones included: each becomes a refund or a kept rejection). One query
   * per merchant (a batch holds few), each a range of the (merchant_id, order_id, status) key.
   */
  private void refundsOfOrders(
      Collection<OrderKey> orders, Map<OrderKey, Long> refunded, Map<OrderKey, Integer> kept) {
    byMerchant(orders, OrderKey::merchantId, OrderKey::orderId)
        .forEach(
            (merchantId, orderIds) ->
                jdbc.sql(
                        "SELECT order_id, COUNT(*) AS kept, SUM(CASE WHEN status IN ('COMPLETED',"
                            + " 'PENDING', 'UNKNOWN') THEN amount_minor END) AS refunded"
                            + " FROM refunds WHERE merchant_id = :merchantId"
                            + " AND order_id IN (:orderIds) GROUP BY order_id")
                    .param("merchantId", merchantId)
                    .param("orderIds", orderIds)
                    .query(
                        (RowCallbackHandler)
                            rs -> {
                              OrderKey order = new OrderKey(merchantId, rs.getString("order_id"));
                              kept.put(order, rs.getInt("kept"));
                              long total = rs.getLong("refunded");
                              if (!rs.wasNull()) {
                                refunded.put(order, total);
                              }
                            }));
  }

  /** The kept refunds with these keys (refundIds of their merchants), by key. */
  public Map<RefundKey, RefundRow> findByRefundKeys(Collection<RefundKey> keys) {
    Map<RefundKey, RefundRow> rows = new HashMap<>();
    byMerchant(keys, RefundKey::merchantId, RefundKey::refundId)
        .forEach(
            (merchantId, refundIds) ->
                jdbc.sql(
                        "SELECT "
                            + REFUND_COLUMNS
                            + " FROM refunds WHERE merchant_id = :merchantId"
                            + " AND refund_id IN (:refundIds)")
                    .param("merchantId", merchantId)
                    .param("refundIds", refundIds)
                    .query(
                        (RowCallbackHandler)
                            rs -> {
                              RefundRow row = refundRow(rs);
                              rows.put(row.key(), row);
                            }));
    return rows;
  }

  /**
   * The kept refunds with these idempotency keys at the acquirer, by that key: the reconciler's
   * resolutions name a refund by the key it asked the acquirer about.
   */
  public Map<String, RefundRow> findByAcquirerKeys(Collection<String> acquirerKeys) {
    Map<String, RefundRow> rows = new HashMap<>();
    if (acquirerKeys.isEmpty()) {
      return rows;
    }
    jdbc.sql("SELECT " + REFUND_COLUMNS + " FROM refunds WHERE acquirer_key IN (:acquirerKeys)")
        .param("acquirerKeys", acquirerKeys)
        .query((RowCallbackHandler) rs -> rows.put(rs.getString("acquirer_key"), refundRow(rs)));
    return rows;
  }

  /** The ids of these keys grouped by their merchant, each merchant's in the keys' order. */
  private static <K> Map<String, List<String>> byMerchant(
      Collection<K> keys, Function<K, String> merchant, Function<K, String> id) {
    Map<String, List<String>> ids = new TreeMap<>();
    for (K key : keys) {
      ids.computeIfAbsent(merchant.apply(key), m -> new ArrayList<>()).add(id.apply(key));
    }
    return ids;
  }

  /**
   * Keeps the new outcomes in {@code refunds} (a refund kept concurrently by another instance fails
   * the primary key, and the batch is retried and finds it) and every outcome in the append-only
   * {@code refund_events}.
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
              + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          kept);
    }
    List<Object[]> events =
        outcomes.stream()
            .map(
                outcome ->
                    event(
                        outcome.row(),
                        outcome.kind().name(),
                        outcome.request().partition(),
                        outcome.request().offset(),
                        now))
            .toList();
    if (!events.isEmpty()) {
      batches.batchUpdate(INSERT_EVENT, events);
    }
  }

  /**
   * Moves refunds on from the status each must still have, with an entry each in {@code
   * refund_events}, in one database transaction of its own. A row that is no longer in that status
   * was moved by someone else (the reconciler took over a reservation its request gave up): the
   * transaction rolls back with an {@link LedgerStatus.IllegalTransitionException}.
   */
  public void update(List<StatusUpdate> updates) {
    if (updates.isEmpty()) {
      return;
    }
    List<Object[]> rows =
        updates.stream()
            .map(
                update -> {
                  RefundRow row = update.row();
                  SourceRecord finalizer = row.finalizedBy();
                  return new Object[] {
                    row.status().name(),
                    row.rejectionCode(),
                    row.refundedTotalMinor(),
                    row.gatewayReference(),
                    utc(row.updatedAt()),
                    finalizer == null ? null : finalizer.topic(),
                    finalizer == null ? null : finalizer.partition(),
                    finalizer == null ? null : finalizer.offset(),
                    row.merchantId(),
                    row.refundId(),
                    update.from().name()
                  };
                })
            .toList();
    List<Object[]> events =
        updates.stream()
            .map(
                update -> {
                  RefundRow row = update.row();
                  SourceRecord finalizer = row.finalizedBy();
                  return event(
                      row,
                      update.cause().name(),
                      finalizer == null ? row.sourcePartition() : finalizer.partition(),
                      finalizer == null ? row.sourceOffset() : finalizer.offset(),
                      row.updatedAt());
                })
            .toList();
    inTransaction(
        () -> {
          int[] counts = batches.batchUpdate(UPDATE_STATUS, rows);
          for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
              throw new LedgerStatus.IllegalTransitionException(
                  updates.get(i).from(), updates.get(i).row().status());
            }
          }
          return batches.batchUpdate(INSERT_EVENT, events);
        });
  }

  private static Object[] event(
      RefundRow row, String kind, int partition, long offset, Instant recordedAt) {
    return new Object[] {
      row.refundId(),
      row.merchantId(),
      row.orderId(),
      kind,
      row.status().name(),
      row.rejectionCode(),
      row.amountMinor(),
      partition,
      offset,
      utc(recordedAt)
    };
  }

  private static Object[] refundValues(RefundRow row) {
    SourceRecord finalizer = row.finalizedBy();
    return new Object[] {
      row.refundId(),
      row.acquirerKey(),
      row.orderId(),
      row.paymentId(),
      row.merchantId(),
      row.customerId(),
      row.amountMinor(),
      row.currency(),
      row.status().name(),
      row.reason(),
      row.rejectionCode(),
      row.refundedTotalMinor(),
      row.capturedAmountMinor(),
      row.gatewayReference(),
      row.fingerprint(),
      row.sourcePartition(),
      row.sourceOffset(),
      utc(row.createdAt()),
      utc(row.updatedAt()),
      finalizer == null ? null : finalizer.topic(),
      finalizer == null ? null : finalizer.partition(),
      finalizer == null ? null : finalizer.offset()
    };
  }

  private static RefundRow refundRow(ResultSet rs) throws SQLException {
    String finalizedTopic = rs.getString("finalized_topic");
    return new RefundRow(
        rs.getString("refund_id"),
        rs.getString("acquirer_key"),
        rs.getString("order_id"),
        rs.getString("payment_id"),
        rs.getString("merchant_id"),
        rs.getString("customer_id"),
        rs.getLong("amount_minor"),
        rs.getString("currency"),
        LedgerStatus.valueOf(rs.getString("status")),
        rs.getString("reason"),
        rs.getString("rejection_code"),
        rs.getLong("refunded_total_minor"),
        rs.getLong("captured_amount_minor"),
        rs.getString("gateway_reference"),
        rs.getString("request_fingerprint"),
        rs.getInt("source_partition"),
        rs.getLong("source_offset"),
        rs.getObject("created_at", LocalDateTime.class).toInstant(ZoneOffset.UTC),
        rs.getObject("updated_at", LocalDateTime.class).toInstant(ZoneOffset.UTC),
        finalizedTopic == null
            ? null
            : new SourceRecord(
                finalizedTopic, rs.getInt("finalized_partition"), rs.getLong("finalized_offset")));
  }

  private static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
