package io.payrail.audit.support;

import io.payrail.audit.AuditSettings;
import io.payrail.events.AppliedCoupon;
import io.payrail.events.Channel;
import io.payrail.events.LineItem;
import io.payrail.events.LoyaltyBalance;
import io.payrail.events.LoyaltyChange;
import io.payrail.events.LoyaltySource;
import io.payrail.events.LoyaltyTier;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentMethod;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.PaymentStatus;
import io.payrail.events.PointsReservation;
import io.payrail.events.PointsReservationStatus;
import io.payrail.events.RefundProcessed;
import io.payrail.events.RefundStatus;
import io.payrail.events.RiskAssessed;
import io.payrail.events.RiskDecision;
import io.payrail.localstack.database.DatabaseSettings;
import io.payrail.localstack.testing.TestInfrastructure;
import io.payrail.schemas.keys.CustomerKey;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.serde.TopicSerdes;
import io.payrail.schemas.topics.DeadLetterHeaders;
import io.payrail.schemas.topics.Topic;
import io.payrail.schemas.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;

/**
 * Writes what the pipeline would write for one test's orders, to the real broker, registry and
 * database: events to the result topics, rows to the ledgers and the acquirer's tables. Each test
 * makes its own with a unique orderId prefix, since topics and tables are shared by the module.
 * Records are of one merchant ({@link #MERCHANT} unless {@link #withMerchant}), keyed as the
 * pipeline keys them: {@code merchantId/orderId}, balances {@code merchantId/customerId}.
 */
public final class PipelineRecords {

  public static final String MERCHANT = "m-audit";
  private static final String EUR = "EUR";
  private static final Duration AUDIT_READ_TIMEOUT = Duration.ofSeconds(30);

  private static boolean migrated;
  private static KafkaProducer<String, byte[]> producer;
  private static TopicSerdes serdes;

  private final String prefix;
  private final Map<String, OrderPlaced> orders;

  /** Orders whose payment ignored their coupon: charged the whole total, no coupon named. */
  private final Set<String> pricedWithoutCoupon;

  /** Orders whose payment ignored their points: charged without them, none redeemed. */
  private final Set<String> pricedWithoutPoints;

  /** When this writes: its events' and record timestamps, its rows' times. */
  private final Instant now;

  /** The merchant of every order, customer and coupon this writes. */
  private final String merchantId;

  private PipelineRecords(
      String prefix,
      Map<String, OrderPlaced> orders,
      Set<String> pricedWithoutCoupon,
      Set<String> pricedWithoutPoints,
      Instant now,
      String merchantId) {
    this.prefix = prefix;
    this.orders = orders;
    this.pricedWithoutCoupon = pricedWithoutCoupon;
    this.pricedWithoutPoints = pricedWithoutPoints;
    this.now = now;
    this.merchantId = merchantId;
  }

  /** Records of orders whose orderIds start with a fresh prefix built from {@code name}. */
  public static PipelineRecords forTest(String name) {
    infrastructure();
    return new PipelineRecords(
        name + "-" + UUID.randomUUID().toString().substring(0, 8) + "-",
        new HashMap<>(),
        new HashSet<>(),
        new HashSet<>(),
        Instant.now(),
        MERCHANT);
  }

  /**
   * The same test's ids (orderIds, customerIds, coupon codes) at another merchant: its orders are
   * other orders than this one's with the same orderId.
   */
  public PipelineRecords withMerchant(String otherMerchantId) {
    return new PipelineRecords(
        prefix, new HashMap<>(), new HashSet<>(), new HashSet<>(), now, otherMerchantId);
  }

  public String merchantId() {
    return merchantId;
  }

  /** How the audit names this merchant's order: {@code merchantId/orderId}. */
  public String orderKey(String orderId) {
    return OrderKey.of(merchantId, orderId);
  }

  /** How the audit names this merchant's customer: {@code merchantId/customerId}. */
  public String customerKey(String customerId) {
    return CustomerKey.of(merchantId, customerId);
  }

  /**
   * The same test's records as written {@code age} ago: events with that record timestamp, rows
   * with those times (what an audit's cut sees of an older flow).
   */
  public PipelineRecords aged(Duration age) {
    return new PipelineRecords(
        prefix,
        orders,
        pricedWithoutCoupon,
        pricedWithoutPoints,
        Instant.now().minus(age),
        merchantId);
  }

  /**
   * Audit settings for the shared infrastructure, scoped to this test's orders, cut at the audit's
   * start (settle zero): every record written before it is compared.
   */
  public AuditSettings auditSettings() {
    TestInfrastructure infra = TestInfrastructure.shared();
    DatabaseSettings db = infra.database();
    return new AuditSettings(
        infra.bootstrapServers(),
        infra.schemaRegistryUrl().toString(),
        Map.of(),
        db.jdbcUrl(),
        db.username(),
        db.password(),
        null,
        prefix,
        AUDIT_READ_TIMEOUT,
        null,
        null,
        null,
        Duration.ZERO);
  }

  public String orderId(String name) {
    return prefix + name;
  }

  /** A coupon code unique to this test (codes are upper case): {@code NAME-<the prefix's id>}. */
  public String couponCode(String name) {
    String id = prefix.substring(prefix.length() - 9, prefix.length() - 1);
    return (name + "-" + id).toUpperCase(Locale.ROOT);
  }

  /** A coupon as an order claims it, priced by the facade, with the definition's limits. */
  public static AppliedCoupon coupon(
      String code, long discountMinor, Integer maxUses, Integer maxUsesPerCustomer) {
    return new AppliedCoupon(code, discountMinor, maxUses, maxUsesPerCustomer);
  }

  /** A customer id unique to this test, so that balances are the test's alone. */
  public String customerId(String name) {
    return prefix + "cust-" + name;
  }

  // --- whole flows, as a healthy pipeline writes them ---

  /** Placed, approved, charged and captured: events, payments row and approved charge. */
  public void capturedOrder(String orderId, String customerId, long amountMinor) {
    placeOrder(orderId, customerId, amountMinor);
    assess(orderId, RiskDecision.APPROVE);
    paymentEvent(orderId, PaymentStatus.CAPTURED);
    paymentRow(orderId, "CAPTURED");
    charge(orderId, "APPROVED");
  }

  /**
   * Placed with a coupon, approved, charged the total minus the discount and captured: the payment
   * names the coupon and its discount.
   */
  public void capturedOrder(
      String orderId, String customerId, long amountMinor, AppliedCoupon coupon) {
    placeOrder(orderId, customerId, amountMinor, coupon);
    assess(orderId, RiskDecision.APPROVE);
    paymentEvent(orderId, PaymentStatus.CAPTURED);
    paymentRow(orderId, "CAPTURED");
    charge(orderId, "APPROVED");
  }

  /**
   * Placed with a coupon whose use limit was reached: declined with {@code declineCode} before any
   * charge (no acquirer row).
   */
  public void couponLimitDeclinedOrder(
      String orderId,
      String customerId,
      long amountMinor,
      AppliedCoupon coupon,
      String declineCode) {
    placeOrder(orderId, customerId, amountMinor, coupon);
    assess(orderId, RiskDecision.APPROVE);
    paymentEvent(orderId, PaymentStatus.DECLINED, declineCode);
    paymentRow(orderId, "DECLINED");
  }

  /**
   * The order's payment (its event, row and charge, written after this) ignores its coupon, as a
   * payment-processor that lost the coupon would: the whole total charged, no coupon named.
   */
  public void priceWithoutCoupon(String orderId) {
    pricedWithoutCoupon.add(orderId);
  }

  /** What the order's payment charges: its total minus its coupon's discount and its points. */
  public long chargeMinor(String orderId) {
    OrderPlaced order = orders.get(orderId);
    return order.getAmountMinor() - discountMinor(orderId) - pointsRedeemed(orderId);
  }

  /**
   * The order's payment (its event, row and charge, written after this) ignores the points the
   * order redeems, as a payment-processor that lost them would: charged without their value,
   * pointsRedeemed 0.
   */
  public void priceWithoutPoints(String orderId) {
    pricedWithoutPoints.add(orderId);
  }

  private long pointsRedeemed(String orderId) {
    Long points = orders.get(orderId).getPointsToRedeem();
    return points == null || pricedWithoutPoints.contains(orderId) ? 0 : points;
  }

  private long discountMinor(String orderId) {
    AppliedCoupon coupon = orders.get(orderId).getCoupon();
    return coupon == null || pricedWithoutCoupon.contains(orderId) ? 0 : coupon.getDiscountMinor();
  }

  private String couponCodeOf(String orderId) {
    AppliedCoupon coupon = orders.get(orderId).getCoupon();
    return coupon == null || pricedWithoutCoupon.contains(orderId) ? null : coupon.getCode();
  }

  /** Placed, approved and declined by the issuer: a declined charge takes no money. */
  public void declinedOrder(String orderId, String customerId, long amountMinor) {
    placeOrder(orderId, customerId, amountMinor);
    assess(orderId, RiskDecision.APPROVE);
    paymentEvent(orderId, PaymentStatus.DECLINED);
    paymentRow(orderId, "DECLINED");
    charge(orderId, "DECLINED");
  }

  /**
   * Placed, held for review (its HELD_FOR_REVIEW event), approved by a reviewer and captured: the
   * outcome event, the row CAPTURED with its history through HELD_FOR_REVIEW and PENDING, and the
   * approved charge.
   */
  public void reviewedAndCapturedOrder(String orderId, String customerId, long amountMinor) {
    placeOrder(orderId, customerId, amountMinor);
    assess(orderId, RiskDecision.REVIEW);
    paymentEvent(orderId, PaymentStatus.HELD_FOR_REVIEW);
    paymentEvent(orderId, PaymentStatus.CAPTURED);
    paymentRow(orderId, "CAPTURED");
    statusHistory(orderId, "HELD_FOR_REVIEW", "PENDING", "CAPTURED");
    charge(orderId, "APPROVED");
  }

  /** A refund paid back: event, refunds row and acquirer refund. */
  public void completedRefund(String refundId, String orderId, long amountMinor, long totalSoFar) {
    refundEvent(refundId, orderId, amountMinor, RefundStatus.COMPLETED, null, totalSoFar);
    refundRow(refundId, orderId, amountMinor, "COMPLETED", null, totalSoFar);
    acquirerRefund(refundId, orderId, amountMinor);
  }

  // --- single records ---

  public void placeOrder(String orderId, String customerId, long amountMinor) {
    placeOrder(orderId, customerId, amountMinor, null);
  }

  /** An order claiming {@code coupon} (null for none); {@code amountMinor} is the items' total. */
  public void placeOrder(
      String orderId, String customerId, long amountMinor, AppliedCoupon coupon) {
    placeOrder(orderId, customerId, amountMinor, coupon, null);
  }

  /** An order redeeming {@code pointsToRedeem} loyalty points (null for none). */
  public void placeOrder(
      String orderId,
      String customerId,
      long amountMinor,
      AppliedCoupon coupon,
      Long pointsToRedeem) {
    OrderPlaced order =
        OrderPlaced.newBuilder()
            .setOrderId(orderId)
            .setMerchantId(merchantId)
            .setCustomerId(customerId)
            .setAmountMinor(amountMinor)
            .setCurrency(EUR)
            .setItems(List.of(new LineItem("sku-1", 1, amountMinor)))
            .setPaymentMethod(new PaymentMethod("tok_visa", "visa", "4242", "DE"))
            .setShippingCountry("DE")
            .setChannel(Channel.WEB)
            .setPlacedAt(now)
            .setCoupon(coupon)
            .setPointsToRedeem(pointsToRedeem)
            .build();
    orders.put(orderId, order);
    publish(Topics.ORDERS, orderKey(orderId), order);
  }

  public void assess(String orderId, RiskDecision decision) {
    publish(
        Topics.ORDER_RISK,
        orderKey(orderId),
        RiskAssessed.newBuilder()
            .setOrder(orders.get(orderId))
            .setScore(10)
            .setDecision(decision)
            .setReasons(List.of())
            .setRulesVersion("test")
            .setAssessedAt(now)
            .build());
  }

  public void paymentEvent(String orderId, PaymentStatus status) {
    paymentEvent(orderId, status, status == PaymentStatus.CAPTURED ? null : "card_declined");
  }

  public void paymentEvent(String orderId, PaymentStatus status, String declineCode) {
    OrderPlaced order = orders.get(orderId);
    publish(
        Topics.PAYMENTS,
        orderKey(orderId),
        PaymentProcessed.newBuilder()
            .setPaymentId(paymentId(orderId))
            .setOrderId(orderId)
            .setCustomerId(order.getCustomerId())
            .setMerchantId(merchantId)
            .setAmountMinor(chargeMinor(orderId))
            .setCurrency(order.getCurrency())
            .setStatus(status)
            .setDeclineCode(declineCode)
            .setCouponCode(couponCodeOf(orderId))
            .setDiscountMinor(discountMinor(orderId))
            .setPointsRedeemed(pointsRedeemed(orderId))
            .setGatewayReference(chargeReference(orderId))
            .setRiskScore(10)
            .setProcessedAt(now)
            .build());
  }

  public void refundEvent(
      String refundId,
      String orderId,
      long amountMinor,
      RefundStatus status,
      String rejectionCode,
      long totalSoFar) {
    OrderPlaced order = orders.get(orderId);
    publish(
        Topics.REFUNDS,
        orderKey(orderId),
        RefundProcessed.newBuilder()
            .setRefundId(refundId)
            .setOrderId(orderId)
            .setCustomerId(order.getCustomerId())
            .setMerchantId(merchantId)
            .setAmountMinor(amountMinor)
            .setCurrency(order.getCurrency())
            .setStatus(status)
            .setReason("requested_by_customer")
            .setRejectionCode(rejectionCode)
            .setRefundedTotalMinor(totalSoFar)
            .setCapturedAmountMinor(chargeMinor(orderId))
            .setProcessedAt(now.plusSeconds(1))
            .build());
  }

  /** The customer's balance as loyalty-streams would publish it after an event of the order. */
  public void balance(
      String customerId, long points, LoyaltyTier tier, long eurSpendMinor, String lastOrderId) {
    publish(
        Topics.LOYALTY_BALANCES,
        customerKey(customerId),
        LoyaltyBalance.newBuilder()
            .setCustomerId(customerId)
            .setMerchantId(merchantId)
            .setPoints(points)
            .setTier(tier)
            .setLifetimeSpendMinor(Map.of(EUR, eurSpendMinor))
            .setTierSpendMinor(eurSpendMinor)
            .setLastChange(
                new LoyaltyChange(
                    LoyaltySource.PAYMENT, paymentId(lastOrderId), lastOrderId, 0L, EUR, 0L))
            .setUpdatedAt(now)
            .build());
  }

  /**
   * A balance record exactly as loyalty-streams publishes one after a change: {@code pointsDelta}
   * moved the available points to {@code points}.
   */
  public void balanceChange(
      String customerId,
      long points,
      long reservedPoints,
      long eurSpendMinor,
      LoyaltySource source,
      String orderId,
      long pointsDelta) {
    String sourceId =
        source == LoyaltySource.PAYMENT
            ? paymentId(orderId)
            : source == LoyaltySource.REFUND ? "r-" + orderId : orderId;
    publish(
        Topics.LOYALTY_BALANCES,
        customerKey(customerId),
        LoyaltyBalance.newBuilder()
            .setCustomerId(customerId)
            .setMerchantId(merchantId)
            .setPoints(points)
            .setReservedPoints(reservedPoints)
            .setTier(LoyaltyTier.BRONZE)
            .setLifetimeSpendMinor(Map.of(EUR, eurSpendMinor))
            .setTierSpendMinor(eurSpendMinor)
            .setLastChange(
                new LoyaltyChange(
                    source,
                    sourceId,
                    orderId,
                    source == LoyaltySource.PAYMENT ? chargeMinor(orderId) : 0L,
                    EUR,
                    pointsDelta))
            .setUpdatedAt(now)
            .build());
  }

  /** loyalty-streams' answer to the order's points: RESERVED (reason null) or REFUSED. */
  public void pointsAnswer(
      String orderId, PointsReservationStatus status, String reason, long availablePoints) {
    OrderPlaced order = orders.get(orderId);
    publish(
        Topics.POINTS_RESERVATIONS,
        orderKey(orderId),
        PointsReservation.newBuilder()
            .setOrderId(orderId)
            .setMerchantId(merchantId)
            .setCustomerId(order.getCustomerId())
            .setPoints(order.getPointsToRedeem())
            .setStatus(status)
            .setReason(reason)
            .setAvailablePoints(availablePoints)
            .setDecidedAt(now)
            .build());
  }

  /**
   * The order's payment event as merchant {@code owner}'s writer would publish it under this
   * merchant's key: a record whose key is not its value's.
   */
  public void paymentEventKeyedFor(String orderId, PipelineRecords owner) {
    OrderPlaced order = orders.get(orderId);
    publish(
        Topics.PAYMENTS,
        owner.orderKey(orderId),
        PaymentProcessed.newBuilder()
            .setPaymentId(paymentId(orderId))
            .setOrderId(orderId)
            .setCustomerId(order.getCustomerId())
            .setMerchantId(merchantId)
            .setAmountMinor(chargeMinor(orderId))
            .setCurrency(order.getCurrency())
            .setStatus(PaymentStatus.CAPTURED)
            .setCouponCode(couponCodeOf(orderId))
            .setDiscountMinor(discountMinor(orderId))
            .setPointsRedeemed(pointsRedeemed(orderId))
            .setGatewayReference(chargeReference(orderId))
            .setRiskScore(10)
            .setProcessedAt(now)
            .build());
  }

  /** Raw bytes on a topic, as a broken producer would write them; where they landed. */
  public RecordMetadata publishRaw(Topic<String, ?> topic, String key, byte[] value) {
    return send(new ProducerRecord<>(topic.name(), null, now.toEpochMilli(), key, value));
  }

  /** A dead letter of the record at {@code original}, as a service's recoverer writes it. */
  public void deadLetter(Topic<String, ?> topic, String key, RecordMetadata original) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(
        DeadLetterHeaders.ORIGINAL_TOPIC, original.topic().getBytes(StandardCharsets.UTF_8));
    headers.add(
        DeadLetterHeaders.ORIGINAL_PARTITION,
        ByteBuffer.allocate(Integer.BYTES).putInt(original.partition()).array());
    headers.add(
        DeadLetterHeaders.ORIGINAL_OFFSET,
        ByteBuffer.allocate(Long.BYTES).putLong(original.offset()).array());
    headers.add(
        DeadLetterHeaders.EXCEPTION_FQCN,
        "org.apache.kafka.common.errors.SerializationException".getBytes(StandardCharsets.UTF_8));
    send(new ProducerRecord<>(topic.deadLetterTopic(), null, key, new byte[] {1}, headers));
  }

  public void paymentRow(String orderId, String status) {
    OrderPlaced order = orders.get(orderId);
    update(
        "INSERT INTO payments (payment_id, order_id, customer_id, merchant_id, amount_minor,"
            + " currency, risk_score, risk_decision, status, decline_code, gateway_reference,"
            + " charge_key, card_brand, card_last4, source_partition, source_offset, created_at,"
            + " updated_at) VALUES (?, ?, ?, ?, ?, ?, 10, 'APPROVE', ?, NULL, ?, ?, 'visa', '4242',"
            + " 0, 0, ?, ?)",
        paymentId(orderId),
        orderId,
        order.getCustomerId(),
        merchantId,
        chargeMinor(orderId),
        order.getCurrency(),
        status,
        chargeReference(orderId),
        chargeKey(orderId),
        utc(now),
        utc(now));
    // As the event has them (a processor that ignored the points wrote both alike); only for
    // orders that redeem points, so that ledgers from before payments V7 keep working.
    if (pointsRedeemed(orderId) != 0) {
      update(
          "UPDATE payments SET points_redeemed = ? WHERE merchant_id = ? AND order_id = ?",
          pointsRedeemed(orderId),
          merchantId,
          orderId);
    }
  }

  /**
   * The row's {@code payment_status_history}: created with the first status, then one change to
   * each next one.
   */
  public void statusHistory(String orderId, String... statuses) {
    String from = null;
    for (String to : statuses) {
      update(
          "INSERT INTO payment_status_history (payment_id, merchant_id, order_id, from_status,"
              + " to_status, reason, changed_at) VALUES (?, ?, ?, ?, ?, NULL, ?)",
          paymentId(orderId),
          merchantId,
          orderId,
          from,
          to,
          utc(now));
      from = to;
    }
  }

  public void charge(String orderId, String outcome) {
    OrderPlaced order = orders.get(orderId);
    update(
        "INSERT INTO simulated_acquirer_charges (idempotency_key, charge_reference, order_id,"
            + " merchant_id, amount_minor, currency, card_brand, card_last4, outcome,"
            + " decline_code, created_at) VALUES (?, ?, ?, ?, ?, ?, 'visa', '4242', ?, ?, ?)",
        chargeKey(orderId),
        chargeReference(orderId),
        orderId,
        merchantId,
        chargeMinor(orderId),
        order.getCurrency(),
        outcome,
        "APPROVED".equals(outcome) ? null : "card_declined",
        Timestamp.from(now));
  }

  /** A second approved charge under another key: what a lost idempotency key would cause. */
  public void extraCharge(String orderId) {
    OrderPlaced order = orders.get(orderId);
    update(
        "INSERT INTO simulated_acquirer_charges (idempotency_key, charge_reference, order_id,"
            + " merchant_id, amount_minor, currency, card_brand, card_last4, outcome,"
            + " decline_code, created_at) VALUES (?, ?, ?, ?, ?, ?, 'visa', '4242', 'APPROVED',"
            + " NULL, ?)",
        "other-key:" + merchantId + "/" + orderId,
        "ch_extra_" + UUID.randomUUID(),
        orderId,
        merchantId,
        chargeMinor(orderId),
        order.getCurrency(),
        Timestamp.from(now));
  }

  public void refundRow(
      String refundId,
      String orderId,
      long amountMinor,
      String status,
      String rejectionCode,
      long totalSoFar) {
    OrderPlaced order = orders.get(orderId);
    update(
        "INSERT INTO refunds (refund_id, order_id, payment_id, merchant_id, customer_id,"
            + " amount_minor, currency, status, reason, rejection_code, refunded_total_minor,"
            + " captured_amount_minor, gateway_reference, request_fingerprint, acquirer_key,"
            + " source_partition, source_offset, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?,"
            + " ?, ?, 'requested_by_customer', ?, ?, ?, ?, ?, ?, 0, 0, ?, ?)",
        refundId,
        orderId,
        paymentId(orderId),
        merchantId,
        order.getCustomerId(),
        amountMinor,
        order.getCurrency(),
        status,
        rejectionCode,
        // The table's own check keeps refunded_total within the capture: a test that needs more
        // refunded than captured in rows writes several rows, each within it.
        Math.min(totalSoFar, chargeMinor(orderId)),
        chargeMinor(orderId),
        "COMPLETED".equals(status) ? refundReference(refundId) : null,
        "0".repeat(64),
        acquirerKey(refundId),
        utc(now),
        utc(now));
  }

  /**
   * A refund whose acquirer call got no answer, UNKNOWN since {@code waited} ago, which the
   * acquirer did pay back: its row and its acquirer refund, no event yet (the reconciler has not
   * resolved it).
   */
  public void unknownRefund(String refundId, String orderId, long amountMinor, Duration waited) {
    refundRow(refundId, orderId, amountMinor, "UNKNOWN", null, amountMinor);
    // The processors write UTC wall-clock times; so does the database's UTC_TIMESTAMP.
    update(
        "UPDATE refunds SET updated_at = UTC_TIMESTAMP(3) - INTERVAL ? SECOND"
            + " WHERE merchant_id = ? AND refund_id = ?",
        waited.toSeconds(),
        merchantId,
        refundId);
    acquirerRefund(refundId, orderId, amountMinor);
  }

  public void acquirerRefund(String refundId, String orderId, long amountMinor) {
    update(
        "INSERT INTO simulated_acquirer_refunds (idempotency_key, refund_reference,"
            + " charge_reference, order_id, amount_minor, currency, created_at)"
            + " VALUES (?, ?, ?, ?, ?, 'EUR', ?)",
        acquirerKey(refundId),
        refundReference(refundId),
        chargeReference(orderId),
        orderId,
        amountMinor,
        Timestamp.from(now));
  }

  // --- the coupon tables (payment-processor's V6 creates them) ---

  /** The coupon's use counter row as payment-processor keeps it. */
  public void couponUses(String code, long uses) {
    update(
        "INSERT INTO coupon_uses (merchant_id, coupon_code, uses) VALUES (?, ?, ?)",
        merchantId,
        code,
        uses);
  }

  /** The order's use of its coupon, TAKEN or RETURNED. */
  public void redemption(String orderId, String status) {
    OrderPlaced order = orders.get(orderId);
    update(
        "INSERT INTO coupon_redemptions (order_id, merchant_id, coupon_code, customer_id, status,"
            + " taken_at, returned_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        orderId,
        merchantId,
        order.getCoupon().getCode(),
        order.getCustomerId(),
        status,
        utc(now),
        "RETURNED".equals(status) ? utc(now) : null);
  }

  // --- payment-processor's points_reservations ---

  /** The answer as payment-processor records it (payments V7's table, V8's merchant_id). */
  public void pointsReservationRow(String orderId, String status, String reason, long points) {
    update(
        "INSERT INTO points_reservations (merchant_id, order_id, status, reason, points,"
            + " source_partition, source_offset, recorded_at) VALUES (?, ?, ?, ?, ?, 0, 0, ?)",
        merchantId,
        orderId,
        status,
        reason,
        points,
        utc(now));
  }

  /** The UTC wall-clock time the processors write (DATETIME columns have no zone). */
  private static LocalDateTime utc(Instant time) {
    return LocalDateTime.ofInstant(time, ZoneOffset.UTC);
  }

  /** As payment-processor makes one for a new row: of the merchant and the order. */
  private String paymentId(String orderId) {
    return "pay_" + hex32("payment:" + orderKey(orderId));
  }

  /** The acquirer key of a new payments row: {@code payrail:charge:<paymentId>}. */
  private String chargeKey(String orderId) {
    return "payrail:charge:" + paymentId(orderId);
  }

  /** The acquirer key of a new refunds row: {@code payrail:refund:<hex of merchantId/refundId>}. */
  private String acquirerKey(String refundId) {
    return "payrail:refund:" + hex32(merchantId + "/" + refundId);
  }

  /** Unique per acquirer: two merchants' orders with one orderId are two charges. */
  private String chargeReference(String orderId) {
    return "ch_" + (MERCHANT.equals(merchantId) ? "" : merchantId + "_") + orderId;
  }

  private String refundReference(String refundId) {
    return "re_" + (MERCHANT.equals(merchantId) ? "" : merchantId + "_") + refundId;
  }

  private static String hex32(String text) {
    try {
      byte[] sha256 =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha256, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private <V extends SpecificRecord> void publish(Topic<String, V> topic, String key, V value) {
    byte[] bytes = serdes.valueSerde(topic).serializer().serialize(topic.name(), value);
    send(new ProducerRecord<>(topic.name(), null, now.toEpochMilli(), key, bytes));
  }

  private static RecordMetadata send(ProducerRecord<String, byte[]> record) {
    try {
      return producer.send(record).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot publish to " + record.topic(), e.getCause());
    }
  }

  private static void update(String sql, Object... params) {
    DatabaseSettings db = TestInfrastructure.shared().database();
    try (Connection connection =
            DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write test rows: " + e.getMessage(), e);
    }
  }

  /** Migrates both ledgers once per JVM and opens the shared producer. */
  private static synchronized void infrastructure() {
    TestInfrastructure infra = TestInfrastructure.shared();
    if (!migrated) {
      DatabaseSettings db = infra.database();
      migrate(
          db,
          "filesystem:../payment-processor/src/main/resources/db/migration/payments",
          "flyway_history_payments");
      migrate(
          db,
          "filesystem:../refund-processor/src/main/resources/db/migration/refunds",
          "flyway_history_refunds");
      migrate(
          db,
          "filesystem:../simulated-acquirer/src/main/resources/db/migration/simulated-acquirer",
          "flyway_history_simulated_acquirer");
      migrated = true;
    }
    if (producer == null) {
      Map<String, Object> config = new HashMap<>(infra.clientConfig());
      producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
      serdes = new TopicSerdes(infra.clientConfig());
    }
  }

  private static void migrate(DatabaseSettings db, String location, String historyTable) {
    Flyway.configure()
        .dataSource(db.jdbcUrl(), db.username(), db.password())
        .locations(location)
        .table(historyTable)
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
  }
}
