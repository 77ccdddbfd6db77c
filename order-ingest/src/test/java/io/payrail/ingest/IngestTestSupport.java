package io.payrail.ingest;

import io.payrail.ingest.auth.MerchantKeys;
import io.payrail.localstack.testing.TestInfrastructure;
import io.payrail.schemas.serde.AvroSerializer;
import io.payrail.schemas.serde.TopicSerdes;
import io.payrail.schemas.topics.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** What the module's integration tests share: keys, properties, an HTTP client, topic readers. */
public final class IngestTestSupport {

  /** The documented development key (its hash is the default configuration). */
  public static final String DEV_KEY = "pk_dev_payrail_local_only";

  public static final String DEV_MERCHANT = "dev-merchant";
  public static final String OTHER_KEY = "pk_test_other_merchant";
  public static final String OTHER_MERCHANT = "other-merchant";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private IngestTestSupport() {}

  /** Properties of one facade instance against the shared broker and registry. */
  public static Map<String, String> properties(String applicationId) {
    Map<String, String> properties =
        new HashMap<>(TestInfrastructure.shared().kafkaSpringProperties());
    properties.put("spring.kafka.streams.application-id", applicationId);
    properties.put(
        "spring.kafka.streams.state-dir",
        TestInfrastructure.newTempDirectory("order-status-").toString());
    properties.put(
        "payrail.ingest.merchants",
        DEV_MERCHANT
            + ":"
            + HexFormat.of().formatHex(MerchantKeys.sha256(DEV_KEY))
            + ","
            + OTHER_MERCHANT
            + ":"
            + HexFormat.of().formatHex(MerchantKeys.sha256(OTHER_KEY)));
    return properties;
  }

  public static String uniqueId(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static HttpResponse<String> post(int port, String path, String key, String json) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .timeout(Duration.ofSeconds(40))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return send(request.build());
  }

  public static HttpResponse<String> get(int port, String pathAndQuery, String key) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
            .timeout(Duration.ofSeconds(40))
            .GET();
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return send(request.build());
  }

  /** A valid order body: 2 x 1500 + 1 x 999 = 3999 EUR cents. */
  public static String orderJson(String orderId) {
    return orderJson(orderId, "customer-1", 3999, 1);
  }

  public static String orderJson(String orderId, String customerId, long amount, int secondQty) {
    long total = 3000 + 999L * secondQty;
    return """
        {"orderId":"%s","customerId":"%s","amountMinor":%d,"currency":"EUR",
         "items":[{"sku":"sku-1","quantity":2,"unitAmountMinor":1500},
                  {"sku":"sku-2","quantity":%d,"unitAmountMinor":999}],
         "paymentMethod":{"token":"tok_abc","brand":"visa","last4":"4242","issuingCountry":"DE"},
         "shippingCountry":"DE","channel":"WEB"}
        """
        .formatted(
            orderId, customerId, amount == 3999 && secondQty != 1 ? total : amount, secondQty);
  }

  /**
   * Every record now in {@code topic} (read up to the end offsets as of this call, so the result is
   * complete for everything acknowledged before), as raw bytes.
   */
  public static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
    Map<String, Object> config = TestInfrastructure.shared().clientConfig();
    config.put(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
        org.apache.kafka.common.serialization.StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo info : consumer.partitionsFor(topic)) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " to its end");
        }
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
      }
    }
    return records;
  }

  /** Writes contract events (Avro, Confluent wire format), acknowledged before returning. */
  public static <V extends SpecificRecord> void write(Topic<String, V> topic, String key, V value) {
    TopicSerdes serdes =
        new TopicSerdes(
            Map.of(
                "schema.registry.url", TestInfrastructure.shared().schemaRegistryUrl().toString()));
    Map<String, Object> config = TestInfrastructure.shared().clientConfig();
    AvroSerializer<V> values = new AvroSerializer<>(serdes.registry());
    values.configure(serdes.configs(), false);
    try (KafkaProducer<String, V> producer =
        new KafkaProducer<>(config, new StringSerializer(), values)) {
      producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
    } catch (Exception e) {
      throw new IllegalStateException("cannot write to " + topic.name(), e);
    }
  }

  /** Calls {@code each} for every record of {@code topic} with key {@code key}. */
  public static void forEachWithKey(String topic, String key, BiConsumer<String, byte[]> each) {
    readAll(topic).stream()
        .filter(r -> key.equals(r.key()))
        .forEach(r -> each.accept(r.key(), r.value()));
  }
}
