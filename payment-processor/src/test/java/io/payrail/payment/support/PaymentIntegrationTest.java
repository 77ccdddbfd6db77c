package io.payrail.payment.support;

import static org.awaitility.Awaitility.await;

import io.payrail.events.PaymentProcessed;
import io.payrail.events.PointsReservation;
import io.payrail.events.ReviewDecided;
import io.payrail.events.RiskAssessed;
import io.payrail.listener.testing.StepCrasher;
import io.payrail.localstack.database.DatabaseSettings;
import io.payrail.localstack.testing.TestInfrastructure;
import io.payrail.payment.listener.PaymentBatchListener;
import io.payrail.payment.listener.PaymentStep;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.serde.AvroDeserializer;
import io.payrail.schemas.serde.AvroSerializer;
import io.payrail.schemas.topics.Topic;
import io.payrail.schemas.topics.Topics;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
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
 * One application context for every integration test of the module (so one consumer group member
 * owns every partition), on the shared broker, registry and MariaDB. The application reaches the
 * database through a {@link DatabaseProxy}; the tests read it directly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@Import(StepCrasherConfiguration.class)
public abstract class PaymentIntegrationTest {

  protected static final String GROUP_ID = "payment-processor";
  protected static final int MAX_ATTEMPTS = 3;
  protected static final Duration PROCESSED_WITHIN = Duration.ofSeconds(30);

  private static DatabaseProxy proxy;
  private static JdbcTemplate database;
  private static KafkaProducer<String, RiskAssessed> producer;
  private static KafkaProducer<String, byte[]> rawProducer;
  private static KafkaProducer<String, ReviewDecided> decisionProducer;
  private static KafkaProducer<String, PointsReservation> answerProducer;
  private static Admin admin;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure infra = TestInfrastructure.shared();
    infra.kafkaSpringProperties().forEach((key, value) -> registry.add(key, () -> value));
    DatabaseSettings db = infra.database();
    registry.add("spring.datasource.url", () -> throughProxy(db.jdbcUrl()));
    registry.add("spring.datasource.username", db::username);
    registry.add("spring.datasource.password", db::password);
    registry.add("spring.datasource.hikari.connection-timeout", () -> "2000");
    registry.add("spring.kafka.producer.properties.linger.ms", () -> "5");
    registry.add("payrail.listener.batch-retry.initial-interval", () -> "100ms");
    registry.add("payrail.listener.batch-retry.max-interval", () -> "500ms");
    registry.add("payrail.listener.record-retry.backoff", () -> "100ms");
    registry.add("payrail.gateway.max-attempts", () -> String.valueOf(MAX_ATTEMPTS));
    registry.add("payrail.gateway.retry-backoff", () -> "20ms");
    registry.add("payrail.gateway.timeout", () -> "100ms");
    registry.add("payrail.gateway.simulated.latency", () -> "0ms");
    registry.add("payrail.reconciler.interval", () -> "300ms");
    registry.add("payrail.reconciler.unknown-after", () -> "200ms");
  }

  @Autowired protected StepCrasher<PaymentStep> crasher;
  @Autowired private KafkaListenerEndpointRegistry listeners;

  private static synchronized String throughProxy(String jdbcUrl) {
    URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
    if (proxy == null) {
      proxy = DatabaseProxy.start(uri.getHost(), uri.getPort());
    }
    return jdbcUrl.replace(
        "//" + uri.getHost() + ":" + uri.getPort() + "/", "//127.0.0.1:" + proxy.port() + "/");
  }

  protected static DatabaseProxy databaseProxy() {
    return proxy;
  }

  /** The database itself, not through the proxy, for the tests' own queries. */
  protected static synchronized JdbcTemplate database() {
    if (database == null) {
      DatabaseSettings db = TestInfrastructure.shared().database();
      database =
          new JdbcTemplate(new DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password()));
    }
    return database;
  }

  /** Sends an assessment keyed by its order ({@code merchantId/orderId}), as risk-streams does. */
  protected static synchronized RecordMetadata send(RiskAssessed value) {
    return send(
        OrderKey.of(value.getOrder().getMerchantId(), value.getOrder().getOrderId()), value, null);
  }

  protected static synchronized RecordMetadata send(
      String key, RiskAssessed value, Integer partition) {
    if (producer == null) {
      Map<String, Object> config = TestInfrastructure.shared().clientConfig();
      config.put(ProducerConfig.ACKS_CONFIG, "all");
      producer = new KafkaProducer<>(config, new StringSerializer(), avroSerializer(config));
    }
    return get(
        producer.send(new ProducerRecord<>(Topics.ORDER_RISK.name(), partition, key, value)));
  }

  protected static RecordMetadata sendRaw(String key, byte[] value, int partition) {
    return sendRaw(new ProducerRecord<>(Topics.ORDER_RISK.name(), partition, key, value));
  }

  protected static synchronized RecordMetadata sendRaw(ProducerRecord<String, byte[]> record) {
    if (rawProducer == null) {
      Map<String, Object> config = TestInfrastructure.shared().clientConfig();
      config.put(ProducerConfig.ACKS_CONFIG, "all");
      rawProducer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }
    return get(rawProducer.send(record));
  }

  /** Sends a review decision keyed by its order, to this partition (null: by the key). */
  protected static RecordMetadata sendDecision(ReviewDecided value, Integer partition) {
    return sendDecision(OrderKey.of(value.getMerchantId(), value.getOrderId()), value, partition);
  }

  /** Sends a review decision with this key, whatever its order, to the key's partition. */
  protected static RecordMetadata sendDecision(String key, ReviewDecided value) {
    return sendDecision(key, value, null);
  }

  private static synchronized RecordMetadata sendDecision(
      String key, ReviewDecided value, Integer partition) {
    if (decisionProducer == null) {
      Map<String, Object> config = TestInfrastructure.shared().clientConfig();
      config.put(ProducerConfig.ACKS_CONFIG, "all");
      AvroSerializer<ReviewDecided> serializer = new AvroSerializer<>();
      serializer.configure(config, false);
      decisionProducer = new KafkaProducer<>(config, new StringSerializer(), serializer);
    }
    return get(
        decisionProducer.send(
            new ProducerRecord<>(Topics.REVIEW_DECISIONS.name(), partition, key, value)));
  }

  /** Sends a points answer keyed by its order, as loyalty-streams publishes it. */
  protected static synchronized RecordMetadata sendAnswer(PointsReservation value) {
    if (answerProducer == null) {
      Map<String, Object> config = TestInfrastructure.shared().clientConfig();
      config.put(ProducerConfig.ACKS_CONFIG, "all");
      AvroSerializer<PointsReservation> serializer = new AvroSerializer<>();
      serializer.configure(config, false);
      answerProducer = new KafkaProducer<>(config, new StringSerializer(), serializer);
    }
    return get(
        answerProducer.send(
            new ProducerRecord<>(
                Topics.POINTS_RESERVATIONS.name(),
                OrderKey.of(value.getMerchantId(), value.getOrderId()),
                value)));
  }

  /** Waits until the processor's committed offsets are past every one of these records. */
  protected static void awaitConsumed(RecordMetadata... records) {
    awaitConsumed(GROUP_ID, records);
  }

  /** Waits until this group's committed offsets are past every one of these records. */
  protected static void awaitConsumed(String group, RecordMetadata... records) {
    await()
        .atMost(PROCESSED_WITHIN)
        .until(
            () -> {
              Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets(group);
              for (RecordMetadata record : records) {
                OffsetAndMetadata offset =
                    committed.get(new TopicPartition(record.topic(), record.partition()));
                if (offset == null || offset.offset() <= record.offset()) {
                  return false;
                }
              }
              return true;
            });
  }

  private static synchronized Map<TopicPartition, OffsetAndMetadata> committedOffsets(String group)
      throws ExecutionException, InterruptedException {
    if (admin == null) {
      admin = Admin.create(TestInfrastructure.shared().clientConfig());
    }
    return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
  }

  /**
   * Every committed {@code PaymentProcessed} of these orders of {@link Assessments#MERCHANT}, read
   * from the start of payments.
   */
  protected static List<PaymentProcessed> committedPayments(Collection<String> orderIds) {
    return committedPaymentsOf(orderIds.stream().map(Assessments::key).toList());
  }

  /** Every committed {@code PaymentProcessed} of these orders, read from the start of payments. */
  protected static List<PaymentProcessed> committedPaymentsOf(Collection<OrderKey> orders) {
    Map<String, Object> config = TestInfrastructure.shared().clientConfig();
    config.put("specific.avro.reader", "true");
    AvroDeserializer<PaymentProcessed> values = new AvroDeserializer<>();
    values.configure(config, false);
    return readCommitted(
            Topics.PAYMENTS.name(), values, orders.stream().map(OrderKey::encoded).toList())
        .stream()
        .map(ConsumerRecord::value)
        .toList();
  }

  /** Every committed dead letter of order-risk with one of these keys, in offset order. */
  protected static List<ConsumerRecord<String, byte[]>> committedDeadLetters(
      Collection<String> keys) {
    return committedDeadLetters(Topics.ORDER_RISK, keys);
  }

  /** Every committed dead letter of this topic with one of these keys, in offset order. */
  protected static List<ConsumerRecord<String, byte[]>> committedDeadLetters(
      Topic<?, ?> source, Collection<String> keys) {
    return readCommitted(source.deadLetterTopic(), new ByteArrayDeserializer(), keys);
  }

  private static <V> List<ConsumerRecord<String, V>> readCommitted(
      String topic, Deserializer<V> values, Collection<String> keys) {
    Set<String> wanted = Set.copyOf(keys);
    Map<String, Object> config = new HashMap<>(TestInfrastructure.shared().clientConfig());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<ConsumerRecord<String, V>> found = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), values)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
          if (wanted.contains(record.key())) {
            found.add(record);
          }
        }
      }
    }
    return found;
  }

  /** How many payments rows this orderId has, at any merchant. */
  protected static int payments(String orderId) {
    return count("SELECT COUNT(*) FROM payments WHERE order_id = ?", orderId);
  }

  /** How many charges the acquirer holds for this orderId, at any merchant. */
  protected static int charges(String orderId) {
    return count("SELECT COUNT(*) FROM simulated_acquirer_charges WHERE order_id = ?", orderId);
  }

  /** The acquirer's charges of one merchant's order, every column. */
  protected static List<Map<String, Object>> chargesOf(OrderKey order) {
    return database()
        .queryForList(
            "SELECT * FROM simulated_acquirer_charges WHERE merchant_id = ? AND order_id = ?",
            order.merchantId(),
            order.orderId());
  }

  /** The payments row of an orderId (tests' orderIds are unique to one merchant). */
  protected static Map<String, Object> paymentRow(String orderId) {
    return database().queryForMap("SELECT * FROM payments WHERE order_id = ?", orderId);
  }

  /** The payments row of one merchant's order. */
  protected static Map<String, Object> paymentRow(OrderKey order) {
    return database()
        .queryForMap(
            "SELECT * FROM payments WHERE merchant_id = ? AND order_id = ?",
            order.merchantId(),
            order.orderId());
  }

  /** The status history of an order as "FROM>TO" strings, oldest first. */
  protected static List<String> history(String orderId) {
    return database()
        .queryForList(
            "SELECT CONCAT(COALESCE(from_status, 'NONE'), '>', to_status)"
                + " FROM payment_status_history WHERE order_id = ? ORDER BY id",
            String.class,
            orderId);
  }

  /** The status history of one merchant's order as "FROM>TO" strings, oldest first. */
  protected static List<String> history(OrderKey order) {
    return database()
        .queryForList(
            "SELECT CONCAT(COALESCE(from_status, 'NONE'), '>', to_status)"
                + " FROM payment_status_history WHERE merchant_id = ? AND order_id = ? ORDER BY id",
            String.class,
            order.merchantId(),
            order.orderId());
  }

  /** The status history of an order, oldest first, every column. */
  protected static List<Map<String, Object>> historyRows(String orderId) {
    return database()
        .queryForList(
            "SELECT * FROM payment_status_history WHERE order_id = ? ORDER BY id", orderId);
  }

  private static int count(String sql, String orderId) {
    Integer count = database().queryForObject(sql, Integer.class, orderId);
    return count == null ? 0 : count;
  }

  /** Stops the listener container (its consumer leaves the group) and starts a new one. */
  protected void restartListener(Runnable whileStopped) {
    restartListener(PaymentBatchListener.LISTENER_ID, whileStopped);
  }

  /** Stops this listener's container and starts a new one, as after a crash. */
  protected void restartListener(String listenerId, Runnable whileStopped) {
    MessageListenerContainer container = listeners.getListenerContainer(listenerId);
    container.stop();
    whileStopped.run();
    container.start();
  }

  private static AvroSerializer<RiskAssessed> avroSerializer(Map<String, Object> config) {
    AvroSerializer<RiskAssessed> serializer = new AvroSerializer<>();
    serializer.configure(config, false);
    return serializer;
  }

  private static RecordMetadata get(java.util.concurrent.Future<RecordMetadata> sent) {
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
