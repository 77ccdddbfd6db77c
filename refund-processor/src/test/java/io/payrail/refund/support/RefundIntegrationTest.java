package io.payrail.refund.support;

import static org.awaitility.Awaitility.await;

import io.payrail.events.RefundProcessed;
import io.payrail.events.RefundRequested;
import io.payrail.listener.testing.StepCrasher;
import io.payrail.localstack.database.DatabaseSettings;
import io.payrail.localstack.testing.TestInfrastructure;
import io.payrail.refund.listener.RefundBatchListener;
import io.payrail.refund.listener.RefundStep;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.serde.AvroDeserializer;
import io.payrail.schemas.serde.AvroSerializer;
import io.payrail.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One application context for every integration test of the module (one consumer group member
 * owning every partition), on the shared broker, registry and MariaDB. The payments tables come
 * from the payment-processor's own migrations, run here before the context starts; the tests seed
 * payment rows with plain SQL and read the database directly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@Import(StepCrasherConfiguration.class)
public abstract class RefundIntegrationTest {

  protected static final String GROUP_ID = "refund-processor";
  protected static final String MERCHANT = "merchant-1";
  protected static final String CURRENCY = "EUR";
  protected static final Duration PROCESSED_WITHIN = Duration.ofSeconds(30);

  private static final String PAYMENTS_MIGRATIONS =
      "filesystem:../payment-processor/src/main/resources/db/migration/payments";

  private static boolean paymentsMigrated;
  private static JdbcTemplate database;
  private static KafkaProducer<String, RefundRequested> producer;
  private static KafkaProducer<String, byte[]> rawProducer;
  private static CommittedReader<RefundProcessed> refunds;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    applicationProperties("refund-test-" + UUID.randomUUID() + "-")
        .forEach((key, value) -> registry.add(key, () -> value));
  }

  @Autowired protected StepCrasher<RefundStep> crasher;
  @Autowired private KafkaListenerEndpointRegistry listeners;

  /** Stops the listener container (its consumer leaves the group) and starts a new one. */
  protected void restartListener() {
    restartListener(RefundBatchListener.LISTENER_ID);
  }

  /** Stops this listener's container and starts a new one, as after a crash. */
  protected void restartListener(String listenerId) {
    MessageListenerContainer container = listeners.getListenerContainer(listenerId);
    container.stop();
    container.start();
  }

  /** Stops this listener's container: its records wait on their topic until it starts again. */
  protected void stopListener(String listenerId) {
    listeners.getListenerContainer(listenerId).stop();
  }

  protected void startListener(String listenerId) {
    listeners.getListenerContainer(listenerId).start();
  }

  /**
   * What points an instance of the processor at the shared infrastructure, with short back-offs;
   * every instance needs its own transaction id prefix.
   */
  protected static Map<String, String> applicationProperties(String transactionIdPrefix) {
    TestInfrastructure infra = TestInfrastructure.shared();
    migratePayments(infra.database());
    Map<String, String> properties = new LinkedHashMap<>();
    properties.putAll(infra.kafkaSpringProperties());
    properties.putAll(infra.databaseSpringProperties());
    properties.put("spring.kafka.producer.transaction-id-prefix", transactionIdPrefix);
    properties.put("spring.kafka.producer.properties.linger.ms", "5");
    properties.put("payrail.listener.batch-retry.initial-interval", "100ms");
    properties.put("payrail.listener.batch-retry.max-interval", "500ms");
    properties.put("payrail.listener.record-retry.backoff", "100ms");
    properties.put("payrail.gateway.simulated.lost-answer-after", "100ms");
    properties.put("payrail.reconciler.interval", "300ms");
    properties.put("payrail.reconciler.unknown-after", "200ms");
    return properties;
  }

  private static synchronized void migratePayments(DatabaseSettings db) {
    if (!paymentsMigrated) {
      Flyway.configure()
          .dataSource(db.jdbcUrl(), db.username(), db.password())
          .locations(PAYMENTS_MIGRATIONS)
          .table("flyway_history_payments")
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .load()
          .migrate();
      paymentsMigrated = true;
    }
  }

  /** The database itself, for the tests' own queries. */
  protected static synchronized JdbcTemplate database() {
    if (database == null) {
      DatabaseSettings db = TestInfrastructure.shared().database();
      database =
          new JdbcTemplate(new DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password()));
    }
    return database;
  }

  /** An orderId no other test uses: topics and tables are shared by the module's tests. */
  protected static String newOrderId(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The Kafka key of {@link #MERCHANT}'s order: {@code merchantId/orderId}. */
  protected static String key(String orderId) {
    return OrderKey.of(MERCHANT, orderId);
  }

  /** A payment row of {@link #MERCHANT}'s order, as the payment-processor writes it. */
  protected static void seedPayment(String orderId, long amountMinor, String status) {
    seedPayment(MERCHANT, orderId, amountMinor, status);
  }

  /**
   * A payment row as the payment-processor writes it, with its id and charge key derived as it
   * derives them for a new row.
   */
  protected static void seedPayment(
      String merchantId, String orderId, long amountMinor, String status) {
    Timestamp now = Timestamp.from(Instant.now());
    String paymentId = paymentId(merchantId, orderId);
    List<Object> values =
        new ArrayList<>(
            List.of(
                paymentId,
                orderId,
                "customer-" + orderId,
                merchantId,
                amountMinor,
                CURRENCY,
                status,
                "ch_" + paymentId,
                now,
                now,
                "payrail:charge:" + paymentId));
    database()
        .update(
            "INSERT INTO payments (payment_id, order_id, customer_id, merchant_id, amount_minor,"
                + " currency, risk_score, risk_decision, status, gateway_reference, card_brand,"
                + " card_last4, source_partition, source_offset, created_at, updated_at"
                + ", charge_key) VALUES (?, ?, ?, ?, ?, ?, 10, 'APPROVE', ?, ?, 'visa', '4242', 0, 0,"
                + " ?, ?, ?)",
            values.toArray());
  }

  /** The payment-processor's id of a new payment: "pay_" + 32 hex of SHA-256. */
  protected static String paymentId(String merchantId, String orderId) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  ("payment:" + OrderKey.of(merchantId, orderId)).getBytes(StandardCharsets.UTF_8));
      return "pay_" + HexFormat.of().formatHex(digest).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  protected static void markCaptured(String orderId) {
    database()
        .update(
            "UPDATE payments SET status = 'CAPTURED' WHERE merchant_id = ? AND order_id = ?",
            MERCHANT,
            orderId);
  }

  protected static RefundRequested request(String refundId, String orderId, Long amountMinor) {
    return request(refundId, orderId, amountMinor, null, MERCHANT);
  }

  protected static RefundRequested request(
      String refundId, String orderId, Long amountMinor, String currency, String merchantId) {
    return RefundRequested.newBuilder()
        .setRefundId(refundId)
        .setOrderId(orderId)
        .setMerchantId(merchantId)
        .setAmountMinor(amountMinor)
        .setCurrency(currency)
        .setReason("requested_by_customer")
        .setRequestedAt(Instant.now())
        .build();
  }

  /** The request, keyed as the facade keys it: {@code merchantId/orderId} of the value. */
  protected static RecordMetadata send(RefundRequested value) {
    return send(OrderKey.of(value.getMerchantId(), value.getOrderId()), value);
  }

  /** The request under a key of the test's choosing. */
  protected static synchronized RecordMetadata send(String key, RefundRequested value) {
    if (producer == null) {
      Map<String, Object> config = TestInfrastructure.shared().clientConfig();
      config.put(ProducerConfig.ACKS_CONFIG, "all");
      AvroSerializer<RefundRequested> values = new AvroSerializer<>();
      values.configure(config, false);
      producer = new KafkaProducer<>(config, new StringSerializer(), values);
    }
    return get(producer.send(new ProducerRecord<>(Topics.REFUND_REQUESTS.name(), key, value)));
  }

  protected static synchronized RecordMetadata sendRaw(String key, byte[] value) {
    if (rawProducer == null) {
      Map<String, Object> config = TestInfrastructure.shared().clientConfig();
      config.put(ProducerConfig.ACKS_CONFIG, "all");
      rawProducer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }
    return get(rawProducer.send(new ProducerRecord<>(Topics.REFUND_REQUESTS.name(), key, value)));
  }

  /**
   * Waits until exactly this many committed refund events of these orders of {@link #MERCHANT} are
   * visible; by orderId.
   */
  protected static Map<String, List<RefundProcessed>> awaitRefunds(
      Collection<String> orderIds, int events) {
    Map<String, List<RefundProcessed>> byOrderId = new LinkedHashMap<>();
    awaitRefundsOf(
            orderIds.stream().map(orderId -> new OrderKey(MERCHANT, orderId)).toList(), events)
        .forEach((order, answers) -> byOrderId.put(order.orderId(), answers));
    return byOrderId;
  }

  /** Waits until exactly this many committed refund events of these orders are visible. */
  protected static Map<OrderKey, List<RefundProcessed>> awaitRefundsOf(
      Collection<OrderKey> orders, int events) {
    await()
        .atMost(PROCESSED_WITHIN)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> committedRefundsOf(orders).size() >= events);
    List<ConsumerRecord<String, RefundProcessed>> all = committedRefundsOf(orders);
    if (all.size() != events) {
      throw new AssertionError("expected " + events + " refund events, found " + all);
    }
    Map<OrderKey, List<RefundProcessed>> byOrder = new LinkedHashMap<>();
    orders.forEach(order -> byOrder.put(order, new ArrayList<>()));
    all.forEach(record -> byOrder.get(OrderKey.parse(record.key())).add(record.value()));
    return byOrder;
  }

  /**
   * Every committed {@code RefundProcessed} of these orders of {@link #MERCHANT}, read with
   * read_committed from the start of refunds; each order's events in their order (an order is one
   * partition).
   */
  protected static List<RefundProcessed> committedRefunds(Collection<String> orderIds) {
    return committedRefundsOf(
            orderIds.stream().map(orderId -> new OrderKey(MERCHANT, orderId)).toList())
        .stream()
        .map(ConsumerRecord::value)
        .toList();
  }

  /** Every committed record of refunds keyed by one of these orders, in each partition's order. */
  protected static synchronized List<ConsumerRecord<String, RefundProcessed>> committedRefundsOf(
      Collection<OrderKey> orders) {
    if (refunds == null) {
      Map<String, Object> config = TestInfrastructure.shared().clientConfig();
      config.put("specific.avro.reader", "true");
      AvroDeserializer<RefundProcessed> values = new AvroDeserializer<>();
      values.configure(config, false);
      refunds = new CommittedReader<>(Topics.REFUNDS.name(), values);
    }
    return refunds.readUpToEnd(orders.stream().map(OrderKey::encoded).toList());
  }

  /** Every committed dead letter of refund-requests with one of these keys, in offset order. */
  protected static List<ConsumerRecord<String, byte[]>> committedDeadLetters(
      Collection<String> keys) {
    return readCommitted(
        Topics.REFUND_REQUESTS.deadLetterTopic(), new ByteArrayDeserializer(), keys);
  }

  /** Every committed record of this topic with one of these keys, values as text. */
  protected static List<ConsumerRecord<String, String>> committedText(
      String topic, Collection<String> keys) {
    return readCommitted(topic, new StringDeserializer(), keys);
  }

  private static <V> List<ConsumerRecord<String, V>> readCommitted(
      String topic, Deserializer<V> values, Collection<String> keys) {
    try (CommittedReader<V> reader = new CommittedReader<>(topic, values)) {
      return reader.readUpToEnd(keys);
    }
  }

  /**
   * A read_committed consumer of a whole topic that remembers what it read, so that waiting for
   * results reads each record once instead of the topic from its start at every check.
   */
  private static final class CommittedReader<V> implements AutoCloseable {

    private final KafkaConsumer<String, V> consumer;
    private final List<TopicPartition> partitions;
    private final List<ConsumerRecord<String, V>> read = new ArrayList<>();

    CommittedReader(String topic, Deserializer<V> values) {
      Map<String, Object> config = new HashMap<>(TestInfrastructure.shared().clientConfig());
      config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
      consumer = new KafkaConsumer<>(config, new StringDeserializer(), values);
      partitions =
          consumer.partitionsFor(topic).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
    }

    /** What was committed up to now with one of these keys, in each partition's order. */
    List<ConsumerRecord<String, V>> readUpToEnd(Collection<String> keys) {
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        consumer.poll(Duration.ofMillis(100)).forEach(read::add);
      }
      Set<String> wanted = Set.copyOf(keys);
      return read.stream().filter(record -> wanted.contains(record.key())).toList();
    }

    @Override
    public void close() {
      consumer.close();
    }
  }

  /** Rows of {@link #MERCHANT}'s order in refunds, by status. */
  protected static int refundRows(String orderId, String status) {
    return count(
        "SELECT COUNT(*) FROM refunds WHERE merchant_id = ? AND order_id = ? AND status = ?",
        MERCHANT,
        orderId,
        status);
  }

  protected static int refundRows(String orderId) {
    return count(
        "SELECT COUNT(*) FROM refunds WHERE merchant_id = ? AND order_id = ?", MERCHANT, orderId);
  }

  /**
   * Refunds the simulated acquirer paid back on the orderId (its table knows no merchant: the
   * tests' orderIds are unique unless a test says otherwise).
   */
  protected static int acquirerRefunds(String orderId) {
    return count("SELECT COUNT(*) FROM simulated_acquirer_refunds WHERE order_id = ?", orderId);
  }

  protected static long refundedInLedger(String orderId) {
    Long sum =
        database()
            .queryForObject(
                "SELECT COALESCE(SUM(amount_minor), 0) FROM refunds"
                    + " WHERE merchant_id = ? AND order_id = ? AND status = 'COMPLETED'",
                Long.class,
                MERCHANT,
                orderId);
    return sum == null ? 0 : sum;
  }

  protected static long refundedAtAcquirer(String orderId) {
    Long sum =
        database()
            .queryForObject(
                "SELECT COALESCE(SUM(amount_minor), 0) FROM simulated_acquirer_refunds"
                    + " WHERE order_id = ?",
                Long.class,
                orderId);
    return sum == null ? 0 : sum;
  }

  /** The acquirer's reference of {@link #MERCHANT}'s refund, as the ledger keeps it. */
  protected static String ledgerReference(String refundId) {
    return database()
        .queryForObject(
            "SELECT gateway_reference FROM refunds WHERE merchant_id = ? AND refund_id = ?",
            String.class,
            MERCHANT,
            refundId);
  }

  /**
   * The reference of the refund the simulated acquirer paid back under the idempotency key that
   * {@link #MERCHANT}'s refund keeps in its row.
   */
  protected static String acquirerReference(String refundId) {
    return database()
        .queryForObject(
            "SELECT refund_reference FROM simulated_acquirer_refunds WHERE idempotency_key = ?",
            String.class,
            acquirerKey(MERCHANT, refundId));
  }

  /** The idempotency key at the acquirer that the refund keeps in its row. */
  protected static String acquirerKey(String merchantId, String refundId) {
    return database()
        .queryForObject(
            "SELECT acquirer_key FROM refunds WHERE merchant_id = ? AND refund_id = ?",
            String.class,
            merchantId,
            refundId);
  }

  private static int count(String sql, Object... args) {
    Integer count = database().queryForObject(sql, Integer.class, args);
    return count == null ? 0 : count;
  }

  private static RecordMetadata get(Future<RecordMetadata> sent) {
    try {
      return sent.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("test record not sent", e.getCause());
    }
  }
}
