package io.payrail.audit;

import io.payrail.audit.kafka.KafkaClients;
import io.payrail.audit.kafka.ResultTopics;
import io.payrail.audit.ledger.LedgerReader;
import io.payrail.audit.ledger.LedgerRows;
import io.payrail.audit.loyalty.LoyaltyCheck;
import io.payrail.audit.reconcile.ChargeCheck;
import io.payrail.audit.reconcile.DecodingCheck;
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
 * <p>Run it on a quiet pipeline (nothing in flight): the topics and the database are read one after
 * the other, so a payment being processed meanwhile can show up in the ledger without its event.
 * The other way round cannot happen, because every service writes its ledger before it publishes.
 */
public final class Audit {

  private static final Logger log = LoggerFactory.getLogger(Audit.class);

  private Audit() {}

  public static AuditReport run(AuditSettings settings) {
    log.info("Auditing {}", settings);
    Map<String, Object> serdeConfig = new HashMap<>(settings.clientProperties());
    serdeConfig.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, settings.schemaRegistryUrl());
    TopicSerdes serdes = new TopicSerdes(serdeConfig);
    ResultTopics events;
    try (KafkaConsumer<byte[], byte[]> consumer =
        KafkaClients.rawConsumer(settings.bootstrapServers(), settings.clientProperties(), null)) {
      events = ResultTopics.read(consumer, serdes, settings::covers, settings.readTimeout());
    }
    // After the topics: every event read was preceded by its ledger write, which is visible now.
    LedgerRows ledger =
        new LedgerReader(settings.jdbcUrl(), settings.jdbcUser(), settings.jdbcPassword())
            .read(settings.orderIdPrefix());

    Instant now = Instant.now();
    List<Reconciliation> checks =
        List.of(
            new DecodingCheck(),
            new OrderFlowCheck(),
            new PaymentLedgerCheck(settings.unknownPaymentThreshold(), now),
            new ChargeCheck(),
            new RefundCheck(settings.unknownRefundThreshold(), now),
            // Last: the balances are made of the payments and refunds checked above.
            new LoyaltyCheck(settings.loyaltyRules()));
    List<Discrepancy> discrepancies = new ArrayList<>();
    checks.forEach(check -> discrepancies.addAll(check.check(events, ledger)));

    AuditReport report =
        new AuditReport(scope(settings), counts(events, ledger), discrepancies, notes(settings));
    log.info(
        "Audit of {}: {}",
        report.scope(),
        report.isClean() ? "clean" : report.discrepancies().size() + " discrepancies");
    return report;
  }

  private static String scope(AuditSettings settings) {
    return settings.orderIdPrefix().isEmpty()
        ? "all orders"
        : "orders with orderId prefix '" + settings.orderIdPrefix() + "'";
  }

  private static Map<String, Integer> counts(ResultTopics events, LedgerRows ledger) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("OrderPlaced events", events.orders().size());
    counts.put("RiskAssessed events", events.assessments().size());
    counts.put("PaymentProcessed events", events.payments().size());
    counts.put("RefundProcessed events", events.refunds().size());
    counts.put("latest LoyaltyBalance records", events.latestBalances().size());
    counts.put("undecodable records", events.unreadable().size());
    counts.put("payments rows", ledger.payments().size());
    counts.put("acquirer charges", ledger.charges().size());
    counts.put("refunds rows", ledger.refunds().size());
    counts.put("acquirer refunds", ledger.acquirerRefunds().size());
    return counts;
  }

  private static List<String> notes(AuditSettings settings) {
    List<String> notes = new ArrayList<>();
    notes.add(
        "topics and ledger are read one after the other: audit a quiet pipeline, or a payment in"
            + " flight may show as LEDGER_ROW_WITHOUT_EVENT");
    if (!settings.orderIdPrefix().isEmpty()) {
      notes.add(
          "loyalty balances of the customers in scope are recomputed from all their orders, also"
              + " those outside the prefix");
    }
    return notes;
  }
}
