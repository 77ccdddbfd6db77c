package io.payrail.audit;

import io.payrail.audit.cut.ConsistentCut;
import io.payrail.audit.kafka.KafkaClients;
import io.payrail.audit.kafka.ResultTopics;
import io.payrail.audit.ledger.LedgerReader;
import io.payrail.audit.ledger.LedgerRows;
import io.payrail.audit.loyalty.LoyaltyCheck;
import io.payrail.audit.points.PointsBalanceCheck;
import io.payrail.audit.points.PointsReservationCheck;
import io.payrail.audit.reconcile.ChargeCheck;
import io.payrail.audit.reconcile.CouponCheck;
import io.payrail.audit.reconcile.CouponCounterCheck;
import io.payrail.audit.reconcile.DecodingCheck;
import io.payrail.audit.reconcile.OrderChargeCheck;
import io.payrail.audit.reconcile.OrderFlowCheck;
import io.payrail.audit.reconcile.PaymentLedgerCheck;
import io.payrail.audit.reconcile.Reconciliation;
import io.payrail.audit.reconcile.RefundCheck;
import io.payrail.schemas.serde.AvroSerdeConfig;
import io.payrail.schemas.serde.TopicSerdes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconciliation audit: reads the result topics ({@code read_committed}, from the beginning to
 * the end offsets they have when it starts) and then the ledger, and reports every place where
 * topics, ledger, acquirer and loyalty balances disagree.
 *
 * <p>It runs on a live pipeline: it compares only what was settled by a watermark, its start minus
 * {@link AuditSettings#settle()} ({@link ConsistentCut}), and counts the orders and balances still
 * moving as in flight, for a later audit.
 */
public final class Audit {

  /** The report's count of orders left out as in flight. */
  public static final String ORDERS_IN_FLIGHT = "orders in flight (after the cut)";

  /** The report's count of customers whose balance was left out as in flight. */
  public static final String BALANCES_IN_FLIGHT = "loyalty balances in flight (after the cut)";

  private static final Logger log = LoggerFactory.getLogger(Audit.class);

  private Audit() {}

  public static AuditReport run(AuditSettings settings) {
    log.info("Auditing {}", settings);
    Instant started = Instant.now();
    ConsistentCut cut = new ConsistentCut(started.minus(settings.settle()));
    Map<String, Object> serdeConfig = new HashMap<>(settings.clientProperties());
    serdeConfig.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, settings.schemaRegistryUrl());
    TopicSerdes serdes = new TopicSerdes(serdeConfig);
    ResultTopics events;
    try (KafkaConsumer<byte[], byte[]> consumer =
        KafkaClients.rawConsumer(settings.bootstrapServers(), settings.clientProperties(), null)) {
      events = ResultTopics.read(consumer, serdes, settings);
    }
    // After the topics: every event read was preceded by its ledger write, which is visible now.
    LedgerRows ledger =
        new LedgerReader(settings.jdbcUrl(), settings.jdbcUser(), settings.jdbcPassword())
            .read(settings.merchantId(), settings.orderIdPrefix());
    Instant now = Instant.now();
    ConsistentCut.Settled settled = cut.apply(events, ledger);

    List<Reconciliation> checks =
        List.of(
            new DecodingCheck(),
            new OrderFlowCheck(),
            new PaymentLedgerCheck(settings.unknownPaymentThreshold(), settings.settle(), now),
            new ChargeCheck(),
            new OrderChargeCheck(),
            new CouponCheck(),
            new CouponCounterCheck(),
            new PointsReservationCheck(),
            new RefundCheck(settings.unknownRefundThreshold(), now),
            // Last: the balances are made of the payments, refunds and answers checked above.
            new PointsBalanceCheck(),
            new LoyaltyCheck(settings.loyaltyRules()));
    List<Discrepancy> discrepancies = new ArrayList<>();
    checks.forEach(check -> discrepancies.addAll(check.check(settled.events(), settled.ledger())));

    AuditReport report =
        new AuditReport(
            scope(settings),
            counts(events, ledger, settled),
            discrepancies,
            notes(settings, cut, events, ledger));
    log.info(
        "Audit of {}: {}",
        report.scope(),
        report.isClean() ? "clean" : report.discrepancies().size() + " discrepancies");
    return report;
  }

  private static String scope(AuditSettings settings) {
    if (settings.unscoped()) {
      return "all orders";
    }
    return (settings.merchantId().isEmpty()
            ? "orders of every merchant"
            : "orders of merchant '" + settings.merchantId() + "'")
        + (settings.orderIdPrefix().isEmpty()
            ? ""
            : " with orderId prefix '" + settings.orderIdPrefix() + "'");
  }

  private static Map<String, Integer> counts(
      ResultTopics events, LedgerRows ledger, ConsistentCut.Settled settled) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("OrderPlaced events", events.orders().size());
    counts.put("RiskAssessed events", events.assessments().size());
    counts.put("PaymentProcessed events", events.payments().size());
    counts.put("RefundProcessed events", events.refunds().size());
    counts.put("PointsReservation answers", events.reservations().size());
    counts.put("latest LoyaltyBalance records", events.latestBalances().size());
    counts.put("undecodable records", events.unreadable().size());
    counts.put("records not keyed by their value", events.misKeyed().size());
    counts.put("payments rows", ledger.payments().size());
    counts.put("acquirer charges", ledger.charges().size());
    counts.put("refunds rows", ledger.refunds().size());
    counts.put("acquirer refunds", ledger.acquirerRefunds().size());
    counts.put("coupon counters", ledger.couponCounters().size());
    counts.put("points_reservations rows", ledger.pointsReservations().size());
    counts.put(ORDERS_IN_FLIGHT, settled.ordersInFlight());
    counts.put(BALANCES_IN_FLIGHT, settled.customersInFlight());
    return counts;
  }

  private static List<String> notes(
      AuditSettings settings, ConsistentCut cut, ResultTopics events, LedgerRows ledger) {
    List<String> notes = new ArrayList<>();
    notes.add(
        "cut at "
            + cut.watermark()
            + " (settle "
            + settings.settle()
            + "): orders with a record or ledger row at or after it, and customers with a payment,"
            + " refund or balance at or after it, are in flight and left to a later audit");
    if (!ledger.couponTables()) {
      notes.add(
          "the ledger has no coupon tables (payment-processor before its V6): coupon use counters"
              + " not checked");
    }
    if (!events.pointsTopic()) {
      notes.add(
          "the cluster has no points-reservations topic (a pipeline before points): reservations"
              + " and their outcomes not checked");
    }
    if (!ledger.pointsTable()) {
      notes.add(
          "the ledger has no points_reservations table (payment-processor before points): its"
              + " recorded answers not checked");
    }
    if (!settings.unscoped()) {
      notes.add(
          "coupon use limits are checked on the orders in scope alone (a lower bound of a"
              + " coupon's uses); its use counter against all of its redemptions");
      notes.add(
          "loyalty balances of the customers in scope are recomputed from all their orders, also"
              + " those outside the scope");
      notes.add(
          "a record keyed for an order outside the scope is judged by an audit of that order,"
              + " also when its value is of an order inside (payments, refunds and points answers"
              + " excepted: they are read whole)");
    }
    return notes;
  }
}
