package io.payrail.audit.deadletter;

import io.payrail.audit.kafka.KafkaClients;
import io.payrail.audit.kafka.TopicSnapshot;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.serde.AvroSerdeConfig;
import io.payrail.schemas.serde.TopicSerdes;
import io.payrail.schemas.topics.DeadLetterHeaders;
import io.payrail.schemas.topics.Topic;
import io.payrail.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows and re-publishes the dead letters of a contract topic ({@code <topic>.DLT}).
 *
 * <p>A replay sends each dead letter's original key and value bytes back to its original topic,
 * once: what was replayed is remembered as the committed offsets of the consumer group {@code
 * payrail-dlt-replay-<topic>}, committed in the same Kafka transaction as the records sent, so a
 * replay that crashes half-way resends nothing it had committed and a second replay sends only dead
 * letters that arrived since. The transactional id is the group's name, so two replays of the same
 * topic at once fence each other instead of both publishing.
 *
 * <p>A dead letter keeps its key, unless it has none (left out when it was dead-lettered because it
 * looked like a card number: a key {@code merchantId/orderId} may) or one that is not the topic's
 * kind ({@code merchantId/orderId}, {@code merchantId/customerId}, {@code merchantId/code}): then
 * the key is made again from its decoded value, so that it lands on its order's (customer's,
 * coupon's) partition, where the order's other records are and its reader checks it. A value that
 * does not decode (or a replay without a schema registry) keeps the key it has: its reader
 * dead-letters it again, nothing is lost.
 *
 * <p>A dead letter without a value (one whose value held what looks like a card number, left out
 * when it was dead-lettered) is refused like those below: replayed, it would be a tombstone.
 *
 * <p>A replay writes only to contract topics ({@link Topics}). A dead letter that names anything
 * else as its origin (a Streams application's internal {@code -repartition} or {@code -changelog}
 * topic, a topic of another system) is refused: not published, reported in the result, and passed
 * over like the others, so that it does not block later replays. Writing into an internal topic
 * would feed a Streams application records outside its own transactions.
 */
public final class DeadLetters {

  /** Consumer group (and transactional id) of the replay of a topic: this plus the topic name. */
  public static final String REPLAY_GROUP_PREFIX = "payrail-dlt-replay-";

  /** Header on a replayed record naming the dead letter it came from, for tracing. */
  public static final String REPLAYED_FROM_HEADER = "payrail-dlt-replayed-from";

  /** Records per replay transaction: keeps each one well inside the transaction timeout. */
  private static final int REPLAY_BATCH = 500;

  private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

  private final DeadLetterSettings settings;

  /** Decodes values to re-derive keys; null without a schema registry. */
  private final TopicSerdes serdes;

  public DeadLetters(DeadLetterSettings settings) {
    this.settings = settings;
    if (settings.schemaRegistryUrl() == null) {
      this.serdes = null;
    } else {
      Map<String, Object> serdeConfig = new HashMap<>(settings.clientProperties());
      serdeConfig.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, settings.schemaRegistryUrl());
      this.serdes = new TopicSerdes(serdeConfig);
    }
  }

  /**
   * The dead letters of a contract topic, oldest first per partition.
   *
   * @param topicName the topic ({@code orders}) or its dead-letter topic ({@code orders.DLT})
   */
  public List<DeadLetter> list(String topicName) {
    Topic<?, ?> topic = resolve(topicName);
    try (KafkaConsumer<byte[], byte[]> consumer =
        KafkaClients.rawConsumer(settings.bootstrapServers(), settings.clientProperties(), null)) {
      TopicSnapshot snapshot =
          TopicSnapshot.read(
              consumer,
              List.of(topic.deadLetterTopic()),
              true,
              (name, key) -> true,
              settings.readTimeout());
      return snapshot.records(topic.deadLetterTopic()).stream().map(DeadLetter::from).toList();
    }
  }

  /**
   * Re-publishes the dead letters of a contract topic not replayed before, to their original topic
   * (the {@code kafka_dlt-original-topic} header, else the topic itself), keyed as they were; those
   * whose original topic is not a contract topic are refused.
   *
   * @param topicName the topic ({@code orders}) or its dead-letter topic ({@code orders.DLT})
   */
  public ReplayResult replay(String topicName) {
    Topic<?, ?> topic = resolve(topicName);
    String deadLetterTopic = topic.deadLetterTopic();
    String group = REPLAY_GROUP_PREFIX + topic.name();
    Map<String, Integer> byOriginalTopic = new TreeMap<>();
    List<DeadLetter> refused = new ArrayList<>();
    int[] rekeyed = {0};
    try (KafkaConsumer<byte[], byte[]> consumer =
            KafkaClients.rawConsumer(
                settings.bootstrapServers(), settings.clientProperties(), group);
        KafkaProducer<byte[], byte[]> producer = transactionalProducer(group)) {
      producer.initTransactions();
      // Starts at the group's committed offsets: what earlier replays sent is not read again.
      TopicSnapshot snapshot =
          TopicSnapshot.read(
              consumer,
              List.of(deadLetterTopic),
              false,
              (name, key) -> true,
              settings.readTimeout());
      List<ConsumerRecord<byte[], byte[]>> pending = snapshot.records(deadLetterTopic);
      for (int from = 0; from < pending.size(); from += REPLAY_BATCH) {
        List<ConsumerRecord<byte[], byte[]>> batch =
            pending.subList(from, Math.min(pending.size(), from + REPLAY_BATCH));
        boolean last = from + REPLAY_BATCH >= pending.size();
        Map<TopicPartition, OffsetAndMetadata> offsets = last ? ends(snapshot) : nextOffsets(batch);
        rekeyed[0] +=
            sendInTransaction(producer, consumer, topic, batch, offsets, byOriginalTopic, refused);
      }
    }
    int republished = byOriginalTopic.values().stream().mapToInt(Integer::intValue).sum();
    log.info(
        "Replayed {} dead letters of {}: {}, {} under a key made from their value",
        republished,
        deadLetterTopic,
        byOriginalTopic,
        rekeyed[0]);
    return new ReplayResult(
        deadLetterTopic, republished, byOriginalTopic, refused, group, rekeyed[0]);
  }

  /** Sends a batch in one transaction; how many went under a key made from their value. */
  private int sendInTransaction(
      KafkaProducer<byte[], byte[]> producer,
      KafkaConsumer<byte[], byte[]> consumer,
      Topic<?, ?> topic,
      List<ConsumerRecord<byte[], byte[]>> batch,
      Map<TopicPartition, OffsetAndMetadata> offsets,
      Map<String, Integer> byOriginalTopic,
      List<DeadLetter> refused) {
    Map<String, Integer> sent = new HashMap<>();
    List<DeadLetter> refusedHere = new ArrayList<>();
    int rekeyed = 0;
    producer.beginTransaction();
    try {
      for (ConsumerRecord<byte[], byte[]> deadLetter : batch) {
        DeadLetter described = DeadLetter.from(deadLetter);
        String target = targetOf(described, topic);
        if (!isContractTopic(target)) {
          log.warn(
              "Refused to replay {} into {}: not a contract topic", described.render(), target);
          refusedHere.add(described);
          continue;
        }
        if (deadLetter.value() == null) {
          // Its value was left out (it held what looks like a card number): sent back, it would be
          // a tombstone, a delete of the order's key. The sender must send the order again.
          log.warn("Refused to replay {}: it has no value", described.render());
          refusedHere.add(described);
          continue;
        }
        byte[] key = deadLetter.key();
        Optional<String> derived = derivedKey(described, target, deadLetter.value());
        if (derived.isPresent()) {
          key = derived.get().getBytes(StandardCharsets.UTF_8);
          rekeyed++;
        }
        producer.send(replayOf(deadLetter, key, described, target));
        sent.merge(target, 1, Integer::sum);
      }
      producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
      producer.commitTransaction();
    } catch (ProducerFencedException fenced) {
      // Another replay of the same topic took over; its transaction will do the work.
      throw new IllegalStateException("another replay of " + topic.name() + " is running", fenced);
    } catch (KafkaException e) {
      producer.abortTransaction();
      throw e;
    }
    sent.forEach((name, count) -> byOriginalTopic.merge(name, count, Integer::sum));
    refused.addAll(refusedHere);
    return rekeyed;
  }

  /**
   * The key to replay a dead letter under instead of its own, made from its value: only when its
   * own is null or not {@code merchantId/<id>}, on a topic keyed so, and the value decodes.
   */
  private Optional<String> derivedKey(DeadLetter deadLetter, String target, byte[] value) {
    Topic<?, ?> topic = Topics.byName(target).orElseThrow();
    if (!topic.keyDescription().startsWith("merchantId/") || isScopedKey(deadLetter.key())) {
      return Optional.empty();
    }
    if (serdes == null) {
      log.warn(
          "Replaying {} with its key: no schema registry to make one from its value",
          deadLetter.location());
      return Optional.empty();
    }
    @SuppressWarnings("unchecked") // Every contract topic's values are generated Avro records.
    Topic<?, SpecificRecord> avroTopic = (Topic<?, SpecificRecord>) topic;
    GenericRecord decoded;
    try {
      decoded =
          (GenericRecord) serdes.valueSerde(avroTopic).deserializer().deserialize(target, value);
    } catch (RuntimeException undecodable) {
      // Its reader dead-letters it again, whatever its key.
      return Optional.empty();
    }
    // RiskAssessed carries its order whole.
    GenericRecord owner =
        decoded.hasField("order") && decoded.get("order") instanceof GenericRecord order
            ? order
            : decoded;
    String idField = topic.keyDescription().substring("merchantId/".length());
    Object merchantId = owner.hasField("merchantId") ? owner.get("merchantId") : null;
    Object id = owner.hasField(idField) ? owner.get(idField) : null;
    if (merchantId == null || id == null) {
      return Optional.empty();
    }
    // OrderKey, CustomerKey and CouponKey all encode as merchantId/id.
    return Optional.of(OrderKey.of(merchantId.toString(), id.toString()));
  }

  /** Whether a key has the shape of every merchant-scoped key: {@code merchantId/id}. */
  private static boolean isScopedKey(String key) {
    try {
      OrderKey.parse(key);
      return true;
    } catch (IllegalArgumentException notScoped) {
      return false;
    }
  }

  private static String targetOf(DeadLetter deadLetter, Topic<?, ?> topic) {
    return deadLetter.originalTopic() == null ? topic.name() : deadLetter.originalTopic();
  }

  /** A topic of the contract itself: not its DLT, not an internal or foreign topic. */
  private static boolean isContractTopic(String name) {
    return Topics.ALL.stream().anyMatch(contract -> contract.name().equals(name));
  }

  private static ProducerRecord<byte[], byte[]> replayOf(
      ConsumerRecord<byte[], byte[]> deadLetter, byte[] key, DeadLetter described, String target) {
    RecordHeaders headers = new RecordHeaders();
    for (Header header : deadLetter.headers()) {
      if (!header.key().startsWith(DeadLetterHeaders.PREFIX)) {
        headers.add(header);
      }
    }
    headers.add(
        REPLAYED_FROM_HEADER, described.location().toString().getBytes(StandardCharsets.UTF_8));
    // No partition: the key picks it, as it did (or should have) for the original record.
    return new ProducerRecord<>(target, null, key, deadLetter.value(), headers);
  }

  private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(
      List<ConsumerRecord<byte[], byte[]>> batch) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : batch) {
      offsets.put(
          new TopicPartition(record.topic(), record.partition()),
          new OffsetAndMetadata(record.offset() + 1));
    }
    return offsets;
  }

  /** Past the end of the read, transaction markers included, so the next replay starts there. */
  private static Map<TopicPartition, OffsetAndMetadata> ends(TopicSnapshot snapshot) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
    snapshot
        .endOffsets()
        .forEach((partition, end) -> offsets.put(partition, new OffsetAndMetadata(end)));
    return offsets;
  }

  private KafkaProducer<byte[], byte[]> transactionalProducer(String transactionalId) {
    Map<String, Object> config = new HashMap<>(settings.clientProperties());
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static Topic<?, ?> resolve(String topicName) {
    return Topics.byName(topicName)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "not a contract topic: "
                        + topicName
                        + "; one of "
                        + new ArrayList<>(Topics.ALL.stream().map(Topic::name).toList())));
  }
}
