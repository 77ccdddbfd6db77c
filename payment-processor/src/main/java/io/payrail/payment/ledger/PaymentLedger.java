package io.payrail.payment.ledger;

import io.payrail.listener.reconcile.SourceRecord;
import io.payrail.payment.coupon.CouponClaim;
import io.payrail.payment.coupon.CouponMetrics;
import io.payrail.payment.coupon.CouponUses;
import io.payrail.payment.points.PointsAnswerArrivedException;
import io.payrail.payment.points.PointsAnswers;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.topics.Topics;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code payments} table and its {@code payment_status_history}, in plain SQL that runs on
 * MySQL 8 and MariaDB. A batch is written in one database transaction with JDBC batching. An order
 * is its merchant and orderId ({@link OrderKey}): two merchants' orders with the same orderId are
 * two rows. The unique (merchant_id, order_id) makes a second row for an order impossible: a
 * concurrent writer loses with a duplicate-key error and its batch is retried, then finds the row.
 * Coupon uses ({@link CouponUses}) are taken and given back here, in the transactions that write
 * the statuses they depend on, so that no caller can forget them.
 */
@Repository
public class PaymentLedger {

  private static final String SELECT_PAYMENTS =
      """
      SELECT payment_id, charge_key, order_id, customer_id, merchant_id, amount_minor, currency, risk_score,
             risk_decision, status, decline_code, gateway_reference, card_brand, card_last4,
             source_partition, source_offset, created_at, updated_at, finalized_topic,
             finalized_partition, finalized_offset, payment_token, review_partition, review_offset,
             coupon_code, discount_minor, coupon_max_uses, coupon_max_uses_per_customer,
             points_redeemed, points_partition, points_offset
        FROM payments
      """;

  // Two plain IN lists, not a (merchant_id, order_id) row constructor: MariaDB's range optimizer
  // expands a row IN of a 500-order batch into OR-ed ranges over every index and merges them,
  // which took most of the database's CPU in the bench. The lists can also match another
  // merchant's order with the same orderId; onlyThese keeps exactly the orders asked for.
  private static final String SELECT_BY_ORDER_KEYS =
      SELECT_PAYMENTS + " WHERE merchant_id IN (:merchantIds) AND order_id IN (:orderIds)";

  private static final String SELECT_BY_CHARGE_KEYS =
      SELECT_PAYMENTS + " WHERE charge_key IN (:chargeKeys)";

  // Every column of a payments row, in one place: the INSERT names and binds them from here, and
  // the status UPDATE binds the columns a status change writes from here too.
  private static final Columns<PaymentRow> PAYMENT_COLUMNS =
      Columns.<PaymentRow>of()
          .text("payment_id", PaymentRow::paymentId)
          .text("charge_key", PaymentRow::chargeKey)
          .text("order_id", PaymentRow::orderId)
          .text("customer_id", PaymentRow::customerId)
          .text("merchant_id", PaymentRow::merchantId)
          .number("amount_minor", PaymentRow::amountMinor)
          .text("currency", PaymentRow::currency)
          .number("risk_score", PaymentRow::riskScore)
          .text("risk_decision", PaymentRow::riskDecision)
          .text("status", row -> row.status().name())
          .text("decline_code", PaymentRow::declineCode)
          .text("gateway_reference", PaymentRow::gatewayReference)
          .text("card_brand", PaymentRow::cardBrand)
          .text("card_last4", PaymentRow::cardLast4)
          .number("source_partition", PaymentRow::sourcePartition)
          .number("source_offset", PaymentRow::sourceOffset)
          .time("created_at", PaymentRow::createdAt)
          .time("updated_at", PaymentRow::updatedAt)
          .text(
              "finalized_topic",
              row -> row.finalizedBy() == null ? null : row.finalizedBy().topic())
          .nullableNumber(
              "finalized_partition",
              row -> row.finalizedBy() == null ? null : row.finalizedBy().partition())
          .nullableNumber(
              "finalized_offset",
              row -> row.finalizedBy() == null ? null : row.finalizedBy().offset())
          .text("payment_token", PaymentRow::paymentToken)
          .nullableNumber(
              "review_partition",
              row -> row.reviewedBy() == null ? null : row.reviewedBy().partition())
          .nullableNumber(
              "review_offset", row -> row.reviewedBy() == null ? null : row.reviewedBy().offset())
          .text("coupon_code", row -> row.coupon() == null ? null : row.coupon().code())
          .number("discount_minor", PaymentRow::discountMinor)
          .nullableNumber(
              "coupon_max_uses", row -> row.coupon() == null ? null : row.coupon().maxUses())
          .nullableNumber(
              "coupon_max_uses_per_customer",
              row -> row.coupon() == null ? null : row.coupon().maxUsesPerCustomer())
          .number("points_redeemed", PaymentRow::pointsRedeemed)
          .nullableNumber(
              "points_partition", row -> row.pointsBy() == null ? null : row.pointsBy().partition())
          .nullableNumber(
              "points_offset", row -> row.pointsBy() == null ? null : row.pointsBy().offset());

  // A status change: the row's key, the status it must still have, and what the change writes.
  private static final List<String> KEY_COLUMNS = List.of("merchant_id", "order_id");
  private static final List<String> CHANGED_COLUMNS =
      List.of(
          "status",
          "decline_code",
          "gateway_reference",
          "updated_at",
          "finalized_topic",
          "finalized_partition",
          "finalized_offset",
          "review_partition",
          "review_offset",
          "points_partition",
          "points_offset");
  private static final Columns<StatusUpdate> STATUS_COLUMNS =
      PAYMENT_COLUMNS
          .select(StatusUpdate::row, KEY_COLUMNS)
          .text("from_status", update -> update.from().name())
          .and(PAYMENT_COLUMNS.select(StatusUpdate::row, CHANGED_COLUMNS));

  // One statement per round of a batch's status changes, not one UPDATE per payment: the changes
  // are a derived table joined on the unique (merchant_id, order_id) key, so the database parses
  // and plans once per batch. The per-payment UPDATEs were the payment listener's largest wait on
  // the database in the bench's latency run (README, "Performance"). The explicit collations keep
  // the join on the key's binary collation whatever the connection's collation is.
  private static final String UPDATE_STATUSES_HEAD =
      "UPDATE payments p\n  JOIN (SELECT "
          + STATUS_COLUMNS.names().stream()
              .map(name -> "? AS " + name)
              .collect(Collectors.joining(", "))
          + "\n";

  private static final String UPDATE_STATUSES_ROW =
      " UNION ALL SELECT "
          + String.join(", ", Collections.nCopies(STATUS_COLUMNS.names().size(), "?"))
          + "\n";

  private static final String UPDATE_STATUSES_TAIL =
      """
             ) u
          ON p.merchant_id = u.merchant_id COLLATE utf8mb4_bin
         AND p.order_id = u.order_id COLLATE utf8mb4_bin
         AND p.status = u.from_status COLLATE utf8mb4_bin
         SET\s"""
          + CHANGED_COLUMNS.stream()
              .map(name -> "p." + name + " = u." + name)
              .collect(Collectors.joining(", "));

  /** One change of payment_status_history: the payment's row and the change. */
  private record History(PaymentRow row, StatusChange change) {}

  private static final Columns<History> HISTORY_COLUMNS =
      Columns.<History>of()
          .text("payment_id", history -> history.row().paymentId())
          .text("merchant_id", history -> history.row().merchantId())
          .text("order_id", history -> history.row().orderId())
          .text(
              "from_status",
              history -> history.change().from() == null ? null : history.change().from().name())
          .text("to_status", history -> history.change().to().name())
          .text("reason", history -> history.change().reason())
          .time("changed_at", history -> history.change().changedAt())
          .text("actor", history -> history.change().actor())
          .text("note", history -> history.change().note());

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

  // An AWAITING_POINTS row is not updated until its answer comes: updated_at is when it began to
  // wait, and ix_payments_status_updated_at serves the question.
  private static final String SELECT_AWAITING_POINTS_BEFORE =
      """
      SELECT order_id, merchant_id, customer_id, points_redeemed, updated_at
        FROM payments
       WHERE status = 'AWAITING_POINTS' AND updated_at < :before
       ORDER BY updated_at
       LIMIT :limit
      """;

  private static final String COUNT_AWAITING_POINTS =
      "SELECT COUNT(*) FROM payments WHERE status = 'AWAITING_POINTS'";

  private final NamedParameterJdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final CouponUses coupons;
  private final CouponMetrics couponMetrics;
  private final PointsAnswers pointsAnswers;

  public PaymentLedger(
      NamedParameterJdbcTemplate jdbc,
      TransactionTemplate ledgerTransaction,
      CouponUses coupons,
      CouponMetrics couponMetrics,
      PointsAnswers pointsAnswers) {
    this.jdbc = jdbc;
    this.transaction = ledgerTransaction;
    this.coupons = coupons;
    this.couponMetrics = couponMetrics;
    this.pointsAnswers = pointsAnswers;
  }

  /** The existing rows of these orders, by order. */
  public Map<OrderKey, PaymentRow> findByOrderKeys(Collection<OrderKey> orders) {
    if (orders.isEmpty()) {
      return Map.of();
    }
    List<PaymentRow> rows =
        jdbc.query(SELECT_BY_ORDER_KEYS, byOrderKeys(orders), (rs, rowNum) -> row(rs));
    return onlyThese(orders, rows, PaymentRow::key);
  }

  /**
   * The rows charged under these idempotency keys, by key: how the reconciler's resolutions, keyed
   * by the charge key they were looked up with, find their rows.
   */
  public Map<String, PaymentRow> findByChargeKeys(Collection<String> chargeKeys) {
    if (chargeKeys.isEmpty()) {
      return Map.of();
    }
    List<PaymentRow> rows =
        jdbc.query(
            SELECT_BY_CHARGE_KEYS,
            new MapSqlParameterSource("chargeKeys", List.copyOf(chargeKeys)),
            (rs, rowNum) -> row(rs));
    return rows.stream().collect(Collectors.toMap(PaymentRow::chargeKey, Function.identity()));
  }

  /**
   * The existing rows of these orders, by order, read with a locking read in its own statement: it
   * sees the latest committed rows and waits for a row being written. The points listener reads
   * with it after its answers committed (see {@link #record}).
   */
  public Map<OrderKey, PaymentRow> findByOrderKeysLatest(Collection<OrderKey> orders) {
    if (orders.isEmpty()) {
      return Map.of();
    }
    List<PaymentRow> rows =
        jdbc.query(
            SELECT_BY_ORDER_KEYS + " FOR UPDATE", byOrderKeys(orders), (rs, rowNum) -> row(rs));
    return onlyThese(orders, rows, PaymentRow::key);
  }

  /**
   * The parameters of a statement that selects these orders with {@code merchant_id IN
   * (:merchantIds) AND order_id IN (:orderIds)}: a superset of them when a batch holds several
   * merchants, which {@link #onlyThese} narrows.
   */
  public static MapSqlParameterSource byOrderKeys(Collection<OrderKey> orders) {
    return new MapSqlParameterSource()
        .addValue("merchantIds", orders.stream().map(OrderKey::merchantId).distinct().toList())
        .addValue("orderIds", orders.stream().map(OrderKey::orderId).distinct().toList());
  }

  /** The rows of exactly these orders (see {@link #byOrderKeys}), by order. */
  public static <R> Map<OrderKey, R> onlyThese(
      Collection<OrderKey> orders, List<R> rows, Function<R, OrderKey> key) {
    Set<OrderKey> asked = Set.copyOf(orders);
    return rows.stream()
        .filter(row -> asked.contains(key.apply(row)))
        .collect(Collectors.toMap(key, Function.identity()));
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

  /** Payments waiting for their points answer since before {@code before}, the longest first. */
  public List<AwaitingOrder> awaitingPointsBefore(Instant before, int limit) {
    return jdbc.query(
        SELECT_AWAITING_POINTS_BEFORE,
        new MapSqlParameterSource().addValue("before", utc(before)).addValue("limit", limit),
        (rs, rowNum) ->
            new AwaitingOrder(
                rs.getString("order_id"),
                rs.getString("merchant_id"),
                rs.getString("customer_id"),
                rs.getLong("points_redeemed"),
                instant(rs.getObject("updated_at", LocalDateTime.class))));
  }

  /** How many approved payments wait for their points answer now. */
  public long awaitingPoints() {
    Long count = jdbc.getJdbcTemplate().queryForObject(COUNT_AWAITING_POINTS, Long.class);
    return count == null ? 0 : count;
  }

  /**
   * Inserts the rows and their history in one database transaction, committed on return. A PENDING
   * row that claims a coupon takes a use in that transaction; when the coupon has none left (for
   * the customer) the row is written DECLINED instead ({@code coupon_exhausted}, {@code
   * coupon_customer_limit}), never to be charged. A row written AWAITING_POINTS whose answer was
   * recorded since the caller looked fails the transaction ({@link PointsAnswerArrivedException},
   * transient): read again, the order finds its answer.
   *
   * @return the entries as written: those the coupon refused end DECLINED
   */
  public List<LedgerEntry> record(List<LedgerEntry> entries) {
    if (entries.isEmpty()) {
      return entries;
    }
    Recorded recorded =
        transaction.execute(
            status -> {
              CouponUses.Taken taken =
                  coupons.take(
                      claims(
                          entries.stream()
                              .map(LedgerEntry::row)
                              .filter(row -> row.status() == LedgerStatus.PENDING)),
                      now(entries));
              List<LedgerEntry> written =
                  entries.stream().map(entry -> refused(entry, taken.refused())).toList();
              PAYMENT_COLUMNS.insert(
                  jdbc.getJdbcOperations(),
                  "payments",
                  written.stream().map(LedgerEntry::row).toList());
              HISTORY_COLUMNS.insert(
                  jdbc.getJdbcOperations(),
                  "payment_status_history",
                  written.stream()
                      .flatMap(
                          entry ->
                              entry.history().stream()
                                  .map(change -> new History(entry.row(), change)))
                      .toList());
              noAnswerYet(written.stream().map(LedgerEntry::row));
              return new Recorded(written, taken, List.of(), List.of());
            });
    counted(recorded);
    return recorded.entries();
  }

  /**
   * Moves rows on from the status each must still have, with their history, in one database
   * transaction. A row that is no longer in that status was moved by someone else (the reconciler
   * and the payment step never work on the same row at once, but a zombie could): the transaction
   * rolls back with an {@link LedgerStatus.IllegalTransitionException}.
   *
   * <p>This is where every payment's coupon use is settled, whoever moves the row: a row released
   * to PENDING (a reviewer's approval) takes its use in this transaction, or is declined at once
   * when none is left; a row that ends without a capture (DECLINED, FAILED, also when the
   * reconciler resolves an UNKNOWN) gives its use back in this transaction. CAPTURED keeps it. A
   * row moved to AWAITING_POINTS (a reviewer's approval) whose answer was recorded since the caller
   * looked fails the transaction, as in {@link #record}.
   *
   * @return the releases the coupon refused, as the further changes PENDING to DECLINED written
   *     with them (never to be charged); empty when none
   */
  public List<StatusUpdate> update(List<StatusUpdate> updates) {
    if (updates.isEmpty()) {
      return List.of();
    }
    Recorded recorded =
        transaction.execute(
            status -> {
              Instant now = updates.get(0).row().updatedAt();
              CouponUses.Taken taken =
                  coupons.take(
                      claims(
                          updates.stream()
                              .filter(update -> update.from() != LedgerStatus.PENDING)
                              .map(StatusUpdate::row)
                              .filter(row -> row.status() == LedgerStatus.PENDING)),
                      now);
              List<StatusUpdate> refusals = new ArrayList<>();
              for (StatusUpdate update : updates) {
                String code = taken.refused().get(update.row().key());
                if (code != null && update.row().status() == LedgerStatus.PENDING) {
                  refusals.add(
                      new StatusUpdate(
                          update.row().withCouponRefused(code, update.row().updatedAt()),
                          LedgerStatus.PENDING,
                          code));
                }
              }
              List<StatusUpdate> all = new ArrayList<>(updates);
              all.addAll(refusals);
              apply(all);
              noAnswerYet(updates.stream().map(StatusUpdate::row));
              // Only a row that was PENDING or UNKNOWN can hold a use (a refusal never took one).
              List<OrderKey> returned =
                  coupons.giveBack(
                      claims(
                          updates.stream()
                              .filter(update -> !update.from().isFinal())
                              .map(StatusUpdate::row)
                              .filter(
                                  row ->
                                      row.status().isFinal()
                                          && row.status() != LedgerStatus.CAPTURED)),
                      now);
              return new Recorded(List.of(), taken, returned, refusals);
            });
    counted(recorded);
    return recorded.refusals();
  }

  private void apply(List<StatusUpdate> updates) {
    for (List<StatusUpdate> round : rounds(updates)) {
      for (List<StatusUpdate> statement : Columns.statements(round)) {
        int matched =
            jdbc.getJdbcOperations()
                .update(updateStatuses(statement.size()), STATUS_COLUMNS.values(statement));
        // Connector/J counts the rows the join matched (found rows), not only those it changed.
        if (matched != statement.size()) {
          throw notInTheirStatus(statement);
        }
      }
    }
    HISTORY_COLUMNS.insert(
        jdbc.getJdbcOperations(),
        "payment_status_history",
        updates.stream()
            .map(
                update ->
                    new History(
                        update.row(),
                        new StatusChange(
                            update.from(),
                            update.row().status(),
                            update.reason(),
                            update.row().updatedAt(),
                            update.actor(),
                            update.note())))
            .toList());
  }

  /**
   * The updates in rounds that each change an order at most once, in their order: a later change of
   * the same order (a release to PENDING, then the coupon's refusal) goes in a later round, so it
   * finds the status the earlier one wrote.
   */
  static List<List<StatusUpdate>> rounds(List<StatusUpdate> updates) {
    List<List<StatusUpdate>> rounds = new ArrayList<>();
    Map<OrderKey, Integer> lastRound = new HashMap<>();
    for (StatusUpdate update : updates) {
      int round = lastRound.merge(update.row().key(), 0, (last, first) -> last + 1);
      if (round == rounds.size()) {
        rounds.add(new ArrayList<>());
      }
      rounds.get(round).add(update);
    }
    return rounds;
  }

  private static String updateStatuses(int rows) {
    return UPDATE_STATUSES_HEAD + UPDATE_STATUSES_ROW.repeat(rows - 1) + UPDATE_STATUSES_TAIL;
  }

  /**
   * The failure of a round that matched fewer rows than it changes: the first of its orders whose
   * row the round did not change (read after it, in its transaction: a changed row has its new
   * status, one that was not is in another status than the change expected, or gone).
   */
  private RuntimeException notInTheirStatus(List<StatusUpdate> round) {
    Map<OrderKey, PaymentRow> rows =
        findByOrderKeys(round.stream().map(update -> update.row().key()).toList());
    return round.stream()
        .filter(
            update -> {
              PaymentRow now = rows.get(update.row().key());
              return now == null || now.status() != update.row().status();
            })
        .findFirst()
        .<RuntimeException>map(
            update ->
                new LedgerStatus.IllegalTransitionException(update.from(), update.row().status()))
        // Only when a row was in the new status already: moved there by someone else.
        .orElseGet(
            () ->
                new LedgerStatus.IllegalTransitionException(
                    round.get(0).from(), round.get(0).row().status()));
  }

  /**
   * Fails when one of these rows, just written AWAITING_POINTS in this transaction, has an answer
   * recorded already. Written first, read second (with a locking read, which sees the latest
   * answers and waits for one being recorded), as the points listener records first and reads the
   * rows second: whatever the isolation level, one of the two sees the other.
   */
  private void noAnswerYet(Stream<PaymentRow> rows) {
    List<OrderKey> awaiting =
        rows.filter(row -> row.status() == LedgerStatus.AWAITING_POINTS)
            .map(PaymentRow::key)
            .toList();
    Set<OrderKey> answered = pointsAnswers.lockAnswered(awaiting);
    if (!answered.isEmpty()) {
      throw new PointsAnswerArrivedException(answered);
    }
  }

  /** A new PENDING entry the coupon refused, written DECLINED with both changes; else as is. */
  private static LedgerEntry refused(LedgerEntry entry, Map<OrderKey, String> refused) {
    String code = refused.get(entry.row().key());
    if (code == null || entry.row().status() != LedgerStatus.PENDING) {
      return entry;
    }
    PaymentRow declined = entry.row().withCouponRefused(code, entry.row().updatedAt());
    List<StatusChange> history = new ArrayList<>(entry.history());
    history.add(
        new StatusChange(LedgerStatus.PENDING, LedgerStatus.DECLINED, code, declined.updatedAt()));
    return new LedgerEntry(declined, history);
  }

  private static List<CouponUses.Claim> claims(Stream<PaymentRow> rows) {
    return rows.filter(row -> row.coupon() != null)
        .map(
            row ->
                new CouponUses.Claim(
                    row.orderId(), row.merchantId(), row.customerId(), row.coupon()))
        .toList();
  }

  private static Instant now(List<LedgerEntry> entries) {
    return entries.get(0).row().updatedAt();
  }

  // Counted once the transaction committed: a rolled back take or give-back did not happen.
  private void counted(Recorded recorded) {
    couponMetrics.taken(recorded.taken().taken().size());
    recorded.taken().refused().values().forEach(couponMetrics::refused);
    couponMetrics.returned(recorded.returned().size());
  }

  /** What one ledger transaction wrote, for the caller and the coupon meters. */
  private record Recorded(
      List<LedgerEntry> entries,
      CouponUses.Taken taken,
      List<OrderKey> returned,
      List<StatusUpdate> refusals) {}

  private static PaymentRow row(ResultSet rs) throws SQLException {
    return new PaymentRow(
        rs.getString("payment_id"),
        rs.getString("charge_key"),
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
                rs.getLong("review_offset")),
        rs.getString("coupon_code") == null
            ? null
            : new CouponClaim(
                rs.getString("coupon_code"),
                rs.getLong("discount_minor"),
                rs.getObject("coupon_max_uses", Integer.class),
                rs.getObject("coupon_max_uses_per_customer", Integer.class)),
        rs.getLong("points_redeemed"),
        rs.getObject("points_partition") == null
            ? null
            : new SourceRecord(
                Topics.POINTS_RESERVATIONS.name(),
                rs.getInt("points_partition"),
                rs.getLong("points_offset")));
  }

  // DATETIME columns hold UTC wall-clock time; LocalDateTime passes through Connector/J unshifted.
  static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static Instant instant(LocalDateTime utc) {
    return utc.toInstant(ZoneOffset.UTC);
  }
}
