package com.example.orders;

import io.payrail.events.Channel;
import io.payrail.events.LineItem;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentMethod;
import io.payrail.events.PaymentProcessed;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.serde.AvroDeserializer;
import io.payrail.schemas.serde.AvroSerializer;
import io.payrail.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes one OrderPlaced to Payrail's {@code orders} topic as a JVM upstream system would, then
 * waits for that order's PaymentProcessed on {@code payments}.
 *
 * <pre>
 * java -cp "target/classes:$(cat target/classpath.txt)" \
 *   com.example.orders.PublishOrder [orderId [merchantId]]
 * </pre>
 *
 * An order is identified by its merchant and its orderId together: the orderId is unique only
 * within its merchant, so the same orderId at another merchant is another order, with its own
 * payment. Exits 0 when the payment was read, 1 when it did not come within 60 s.
 */
public final class PublishOrder {

  private static final Duration PAYMENT_TIMEOUT = Duration.ofSeconds(60);

  public static void main(String[] args) throws Exception {
    String bootstrap = env("PAYRAIL_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    String registry = env("PAYRAIL_SCHEMA_REGISTRY_URL", "http://127.0.0.1:8081");
    String orderId = args.length > 0 ? args[0] : "java-" + Long.toString(System.nanoTime(), 36);
    // Agreed with Payrail's operators: on Kafka nothing but this field names the merchant.
    String merchantId = args.length > 1 ? args[1] : "java-example-merchant";

    OrderPlaced order =
        OrderPlaced.newBuilder()
            .setOrderId(orderId)
            .setMerchantId(merchantId)
            .setCustomerId("java-customer-1")
            // Money: long minor units and an ISO-4217 code; never a float.
            .setAmountMinor(1250)
            .setCurrency("EUR")
            .setItems(List.of(new LineItem("pen-7", 5, 250L)))
            // Card data: a token, the brand and the last four digits; never a card number.
            .setPaymentMethod(new PaymentMethod("tok_visa", "visa", "4242", "DE"))
            .setShippingCountry("DE")
            .setChannel(Channel.API)
            .setPlacedAt(Instant.now())
            .build();

    // The key every record of this order has on every topic: "merchantId/orderId".
    String key = OrderKey.of(order.getMerchantId(), order.getOrderId());
    Map<TopicPartition, Long> paymentsEnd = endOffsets(bootstrap);
    RecordMetadata sent = publish(bootstrap, registry, key, order);
    System.out.printf(
        "published OrderPlaced %s to orders partition %d offset %d%n",
        key, sent.partition(), sent.offset());

    try (KafkaConsumer<String, PaymentProcessed> payments = paymentsConsumer(bootstrap, registry)) {
      payments.assign(paymentsEnd.keySet());
      paymentsEnd.forEach(payments::seek);
      long deadline = System.nanoTime() + PAYMENT_TIMEOUT.toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, PaymentProcessed> record :
            payments.poll(Duration.ofMillis(500))) {
          // The payment of this merchant's order, not another merchant's order with this id.
          if (key.equals(record.key())) {
            PaymentProcessed payment = record.value();
            System.out.printf(
                "read PaymentProcessed %s for %s: %s %d %s from payments partition %d offset %d%n",
                payment.getPaymentId(),
                OrderKey.of(payment.getMerchantId(), payment.getOrderId()),
                payment.getStatus(),
                payment.getAmountMinor(),
                payment.getCurrency(),
                record.partition(),
                record.offset());
            return;
          }
        }
      }
    }
    System.err.println("no PaymentProcessed for " + key + " within " + PAYMENT_TIMEOUT);
    System.exit(1);
  }

  /**
   * The producer settings the contract asks for: acks=all and idempotence (a retried send is
   * written once), the default partitioner (murmur2 of the key, as Payrail's own producers, so the
   * order lands on the partition number its payment will have), the order's {@code
   * merchantId/orderId} as a plain string key (the key every record of the order has, on every
   * topic), and a value serializer that writes the registered contract schema and never registers
   * one.
   */
  private static RecordMetadata publish(
      String bootstrap, String registry, String key, OrderPlaced order) throws Exception {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put("schema.registry.url", registry);
    config.put("auto.register.schemas", false);
    config.put("use.latest.version", true);
    try (KafkaProducer<String, OrderPlaced> producer =
        new KafkaProducer<>(config, new StringSerializer(), serializer(config))) {
      return producer
          .send(new ProducerRecord<>(Topics.ORDERS.name(), key, order))
          .get();
    }
  }

  private static AvroSerializer<OrderPlaced> serializer(Properties config) {
    AvroSerializer<OrderPlaced> serializer = new AvroSerializer<>();
    serializer.configure(toMap(config), false);
    return serializer;
  }

  /** Payrail's results are written in transactions: read committed records only. */
  private static KafkaConsumer<String, PaymentProcessed> paymentsConsumer(
      String bootstrap, String registry) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put("schema.registry.url", registry);
    config.put("specific.avro.reader", true);
    AvroDeserializer<PaymentProcessed> values = new AvroDeserializer<>();
    values.configure(toMap(config), false);
    return new KafkaConsumer<>(config, new StringDeserializer(), values);
  }

  private static Map<TopicPartition, Long> endOffsets(String bootstrap) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.PAYMENTS.name()).stream()
              .map(info -> new TopicPartition(info.topic(), info.partition()))
              .toList();
      return consumer.endOffsets(partitions);
    }
  }

  private static Map<String, Object> toMap(Properties properties) {
    return properties.entrySet().stream()
        .collect(
            java.util.stream.Collectors.toMap(e -> e.getKey().toString(), Map.Entry::getValue));
  }

  private static String env(String name, String defaultValue) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? defaultValue : value;
  }
}
