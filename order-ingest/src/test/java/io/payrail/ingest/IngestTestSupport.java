package io.payrail.ingest;

import static org.awaitility.Awaitility.await;

import io.payrail.localstack.testing.TestInfrastructure;
import io.payrail.schemas.keys.ApiKeys;
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
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/** What the module's integration tests share: keys, properties, an HTTP client, topic readers. */
public final class IngestTestSupport {

  /** The documented development key (its hash is the default configuration). */
  /** The facades' shared forwarding secret in tests (payrail.ingest.internal.secret). */
  public static final String INTERNAL_SECRET = "order-ingest-tests-internal-secret-32b+";

  public static final String DEV_KEY = "pk_dev_payrail_local_only";

  public static final String DEV_MERCHANT = "dev-merchant";
  public static final String OTHER_KEY = "pk_test_other_merchant";
  public static final String OTHER_MERCHANT = "other-merchant";

  /**
   * A key of the development merchant whose entry lists only reviews:read: written before orders
   * and the rest had scopes, so it keeps those too, but not reviews:write.
   */
  public static final String REVIEWS_READ_ONLY_KEY = "pk_test_reviews_read_only";

  /**
   * A key of the development merchant whose entry lists no scope ({@code ;scopes=}): no reviews.
   */
  public static final String NO_SCOPES_KEY = "pk_test_no_scopes";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** How long a status view may take to start: a rebalance of a group with fresh members. */
  private static final Duration VIEW_START = Duration.ofSeconds(60);

  private IngestTestSupport() {}

  /** Properties of one facade instance against the shared broker and registry. */
  public static Map<String, String> properties(String applicationId) {
    Map<String, String> properties =
        new HashMap<>(TestInfrastructure.shared().kafkaSpringProperties());
    properties.put("spring.kafka.streams.application-id", applicationId);
    properties.put(
        "spring.kafka.streams.state-dir",
        TestInfrastructure.newTempDirectory("order-status-").toString());
    // The suites fire requests as fast as they can; FacadeExhaustionTest tests the limits.
    properties.put("payrail.ingest.limits.requests-per-second", "100000");
    properties.put("payrail.ingest.limits.burst", "100000");
    // The development key is one of the test merchants (DEV_KEY), as in a local run.
    properties.put("payrail.ingest.allow-development-key", "true");
    // Every instance of a test shares it, as the instances of a deployment do.
    properties.put("payrail.ingest.internal.secret", INTERNAL_SECRET);
    // The documented test references of customer verification (vrf_test_verified, ...).
    properties.put("payrail.ingest.verification.simulated-provider", "true");
    // Actuator's own port (application.yml); several instances run side by side in tests.
    properties.put("management.server.port", "0");
    properties.put(
        "payrail.ingest.merchants",
        DEV_MERCHANT
            + ":"
            + HexFormat.of().formatHex(ApiKeys.sha256(DEV_KEY))
            + ","
            + OTHER_MERCHANT
            + ":"
            + HexFormat.of().formatHex(ApiKeys.sha256(OTHER_KEY))
            + ","
            + DEV_MERCHANT
            + ":"
            + HexFormat.of().formatHex(ApiKeys.sha256(REVIEWS_READ_ONLY_KEY))
            + ";scopes=reviews:read,"
            + DEV_MERCHANT
            + ":"
            + HexFormat.of().formatHex(ApiKeys.sha256(NO_SCOPES_KEY))
            + ";scopes=");
    return properties;
  }

  /**
   * A fresh id without digits from the UUID: a UUID's hex has runs of 13 or more digits now and
   * then, which the contract refuses as a possible card number (see {@code CardNumbers}).
   */
  public static String uniqueId(String prefix) {
    StringBuilder id = new StringBuilder(prefix).append('-');
    for (char c : UUID.randomUUID().toString().toCharArray()) {
      id.append(Character.isDigit(c) ? (char) ('g' + (c - '0')) : c);
    }
    return id.toString();
  }

  /** Waits until the facade's status view runs (the factory bean starts it), and returns it. */
  public static KafkaStreams awaitRunning(StreamsBuilderFactoryBean view) {
    await().atMost(VIEW_START).until(() -> running(view));
    return view.getKafkaStreams();
  }

  /** Whether the status view's Kafka Streams client has started and is RUNNING. */
  public static boolean running(StreamsBuilderFactoryBean view) {
    KafkaStreams streams = view.getKafkaStreams();
    return streams != null && streams.state() == KafkaStreams.State.RUNNING;
  }

  /**
   * Starts one more facade instance on {@code port} against the shared broker and registry, with
   * {@code overrides} on top of {@link #properties}; the caller closes it.
   */
  public static ConfigurableApplicationContext startFacade(
      String applicationId, int port, Map<String, Object> overrides) {
    Map<String, Object> properties = new HashMap<>(properties(applicationId));
    properties.put("server.port", port);
    properties.put("spring.kafka.streams.properties.application.server", "localhost:" + port);
    properties.putAll(overrides);
    // Command-line arguments, so they win over application.yml (builder properties would not).
    String[] args =
        properties.entrySet().stream()
            .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
            .toArray(String[]::new);
    return new SpringApplicationBuilder(OrderIngestApplication.class).run(args);
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

  /** Every value now in {@code topic} under {@code key}, decoded, in offset order per partition. */
  public static <V extends SpecificRecord> List<V> valuesWithKey(
      Topic<String, V> topic, String key) {
    TopicSerdes serdes =
        new TopicSerdes(
            Map.of(
                "schema.registry.url", TestInfrastructure.shared().schemaRegistryUrl().toString()));
    return readAll(topic.name()).stream()
        .filter(record -> key.equals(record.key()))
        .map(
            record ->
                serdes.valueSerde(topic).deserializer().deserialize(topic.name(), record.value()))
        .toList();
  }

  /** Writes contract events (Avro, Confluent wire format), acknowledged before returning. */
  public static <V extends SpecificRecord> void write(Topic<String, V> topic, String key, V value) {
    writeAll(topic, key, List.of(value));
  }

  /** Writes one contract event and answers where it landed (partition and offset). */
  public static <V extends SpecificRecord> RecordMetadata writeOne(
      Topic<String, V> topic, String key, V value) {
    TopicSerdes serdes =
        new TopicSerdes(
            Map.of(
                "schema.registry.url", TestInfrastructure.shared().schemaRegistryUrl().toString()));
    AvroSerializer<V> serializer = new AvroSerializer<>(serdes.registry());
    serializer.configure(serdes.configs(), false);
    try (KafkaProducer<String, V> producer =
        new KafkaProducer<>(
            TestInfrastructure.shared().clientConfig(), new StringSerializer(), serializer)) {
      return producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
    } catch (ExecutionException | RuntimeException e) {
      throw new IllegalStateException("cannot write to " + topic.name(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Writes contract events under one key, in order, all acknowledged before returning. */
  public static <V extends SpecificRecord> void writeAll(
      Topic<String, V> topic, String key, List<V> values) {
    TopicSerdes serdes =
        new TopicSerdes(
            Map.of(
                "schema.registry.url", TestInfrastructure.shared().schemaRegistryUrl().toString()));
    Map<String, Object> config = TestInfrastructure.shared().clientConfig();
    AvroSerializer<V> serializer = new AvroSerializer<>(serdes.registry());
    serializer.configure(serdes.configs(), false);
    try (KafkaProducer<String, V> producer =
        new KafkaProducer<>(config, new StringSerializer(), serializer)) {
      for (V value : values) {
        producer.send(new ProducerRecord<>(topic.name(), key, value));
      }
      producer.flush();
    } catch (RuntimeException e) {
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
