package io.payrail.localstack.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.payrail.schemas.compatibility.CompatibilityLevel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The registry's state: schemas by global id, versions by subject, compatibility settings. Every
 * change is written to a compacted Kafka topic (in Confluent's record layout) before it is applied,
 * and the topic is replayed at start-up, so ids survive restarts.
 *
 * <p>One writer per topic: this registry is for local runs and tests, without Confluent's leader
 * election. All methods are synchronized; the registry's traffic is a handful of calls per schema.
 */
final class SchemaStore implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

  private record Version(int version, int id, boolean deleted) {}

  private final String topic;
  private final KafkaProducer<String, String> producer;

  private final Map<Integer, Schema> schemasById = new HashMap<>();
  private final Map<String, Integer> idsByCanonical = new HashMap<>();
  private final Map<String, TreeMap<Integer, Version>> subjects = new TreeMap<>();
  private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
  private CompatibilityLevel globalLevel;
  private int maxId;

  SchemaStore(Map<String, Object> kafka, String topic, CompatibilityLevel defaultLevel) {
    this.topic = topic;
    this.globalLevel = defaultLevel;
    createTopic(kafka, topic);
    replay(kafka, topic);
    Map<String, Object> producerConfig = new HashMap<>(kafka);
    producerConfig.put("key.serializer", StringSerializer.class.getName());
    producerConfig.put("value.serializer", StringSerializer.class.getName());
    producerConfig.put("acks", "all");
    producerConfig.put("enable.idempotence", "true");
    producerConfig.put("linger.ms", "0");
    this.producer = new KafkaProducer<>(producerConfig);
  }

  synchronized List<String> subjects(boolean includeDeleted) {
    return subjects.entrySet().stream()
        .filter(e -> includeDeleted || e.getValue().values().stream().anyMatch(v -> !v.deleted()))
        .map(Map.Entry::getKey)
        .toList();
  }

  synchronized List<Integer> versions(String subject) {
    List<Integer> versions = liveVersions(subject).stream().map(Version::version).toList();
    if (versions.isEmpty()) {
      throw RegistryError.subjectNotFound(subject);
    }
    return versions;
  }

  synchronized Schema schemaById(int id) {
    Schema schema = schemasById.get(id);
    if (schema == null) {
      throw RegistryError.schemaNotFound();
    }
    return schema;
  }

  /** A subject's version: a positive number, {@code latest} or {@code -1}. */
  synchronized ObjectNode version(String subject, String version) {
    Version found = resolveVersion(subject, version);
    return describe(subject, found);
  }

  /** Registers the schema under the subject, or returns its id if it is already there. */
  synchronized int register(String subject, String schemaText) {
    Schema schema = parse(schemaText);
    String canonical = schema.toString();
    Optional<Version> existing =
        liveVersions(subject).stream()
            .filter(v -> schemasById.get(v.id()).toString().equals(canonical))
            .findFirst();
    if (existing.isPresent()) {
      return existing.get().id();
    }
    List<String> violations =
        levelOf(subject)
            .violations(schema, liveVersions(subject).stream().map(this::schemaOf).toList());
    if (!violations.isEmpty()) {
      throw RegistryError.incompatible(String.join("; ", violations));
    }
    int id = idsByCanonical.getOrDefault(canonical, maxId + 1);
    TreeMap<Integer, Version> versions = subjects.get(subject);
    int next = versions == null || versions.isEmpty() ? 1 : versions.lastKey() + 1;
    ObjectNode key = schemaKey(subject, next);
    ObjectNode value = JSON.createObjectNode();
    value.put("subject", subject).put("version", next).put("id", id).put("schema", canonical);
    value.put("deleted", false);
    write(key, value);
    return id;
  }

  /** Finds the schema under the subject: {@code subject, id, version, schema}. */
  synchronized ObjectNode lookup(String subject, String schemaText) {
    Schema schema = parse(schemaText);
    List<Version> live = liveVersions(subject);
    if (live.isEmpty()) {
      throw RegistryError.subjectNotFound(subject);
    }
    String canonical = schema.toString();
    return live.stream()
        .filter(v -> schemaOf(v).toString().equals(canonical))
        .findFirst()
        .map(v -> describe(subject, v))
        .orElseThrow(RegistryError::schemaNotFound);
  }

  /** Compatibility of a candidate with one version, or with all versions the level covers. */
  synchronized List<String> compatibility(String subject, String version, String schemaText) {
    Schema candidate = parse(schemaText);
    CompatibilityLevel level = levelOf(subject);
    if (isLatest(version)) {
      if (liveVersions(subject).isEmpty()) {
        throw RegistryError.subjectNotFound(subject);
      }
      return level.violations(
          candidate, liveVersions(subject).stream().map(this::schemaOf).toList());
    }
    return level.violations(candidate, List.of(schemaOf(resolveVersion(subject, version))));
  }

  /** Soft-deletes (or, when already soft-deleted, permanently deletes) every version. */
  synchronized List<Integer> deleteSubject(String subject, boolean permanent) {
    TreeMap<Integer, Version> versions = subjects.get(subject);
    if (versions == null || versions.isEmpty()) {
      throw RegistryError.subjectNotFound(subject);
    }
    List<Version> live = liveVersions(subject);
    if (permanent) {
      if (!live.isEmpty()) {
        throw RegistryError.subjectNotSoftDeleted(subject);
      }
      List<Integer> deleted = new ArrayList<>(versions.keySet());
      for (int version : deleted) {
        write(schemaKey(subject, version), null);
      }
      return deleted;
    }
    if (live.isEmpty()) {
      throw RegistryError.subjectNotFound(subject);
    }
    for (Version v : live) {
      ObjectNode value = JSON.createObjectNode();
      value.put("subject", subject).put("version", v.version()).put("id", v.id());
      value.put("schema", schemaOf(v).toString()).put("deleted", true);
      write(schemaKey(subject, v.version()), value);
    }
    return live.stream().map(Version::version).toList();
  }

  synchronized CompatibilityLevel globalLevel() {
    return globalLevel;
  }

  synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
    return Optional.ofNullable(subjectLevels.get(subject));
  }

  /** Sets the global level ({@code subject} null) or a subject's level. */
  synchronized void setLevel(String subject, CompatibilityLevel level) {
    ObjectNode value = JSON.createObjectNode().put("compatibilityLevel", level.name());
    write(configKey(subject), value);
  }

  synchronized CompatibilityLevel deleteSubjectLevel(String subject) {
    CompatibilityLevel previous = subjectLevels.get(subject);
    if (previous == null) {
      throw RegistryError.subjectLevelConfigNotFound(subject);
    }
    write(configKey(subject), null);
    return previous;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }

  private CompatibilityLevel levelOf(String subject) {
    return subjectLevels.getOrDefault(subject, globalLevel);
  }

  private List<Version> liveVersions(String subject) {
    TreeMap<Integer, Version> versions = subjects.get(subject);
    if (versions == null) {
      return List.of();
    }
    return versions.values().stream().filter(v -> !v.deleted()).toList();
  }

  private Schema schemaOf(Version version) {
    return schemasById.get(version.id());
  }

  private Version resolveVersion(String subject, String version) {
    List<Version> live = liveVersions(subject);
    if (isLatest(version)) {
      if (live.isEmpty()) {
        throw RegistryError.subjectNotFound(subject);
      }
      return live.get(live.size() - 1);
    }
    int number;
    try {
      number = Integer.parseInt(version);
    } catch (NumberFormatException e) {
      throw RegistryError.invalidVersion(version);
    }
    if (number < 1) {
      throw RegistryError.invalidVersion(version);
    }
    if (live.isEmpty()) {
      throw RegistryError.subjectNotFound(subject);
    }
    return live.stream()
        .filter(v -> v.version() == number)
        .findFirst()
        .orElseThrow(() -> RegistryError.versionNotFound(subject, version));
  }

  private static boolean isLatest(String version) {
    return "latest".equals(version) || "-1".equals(version);
  }

  private ObjectNode describe(String subject, Version version) {
    ObjectNode node = JSON.createObjectNode();
    node.put("subject", subject).put("version", version.version()).put("id", version.id());
    node.put("schema", schemaOf(version).toString());
    return node;
  }

  private static Schema parse(String schemaText) {
    if (schemaText == null || schemaText.isBlank()) {
      throw RegistryError.invalidSchema("the request has no schema");
    }
    try {
      return new Schema.Parser().parse(schemaText);
    } catch (SchemaParseException | NullPointerException e) {
      throw RegistryError.invalidSchema(e.getMessage());
    }
  }

  private static ObjectNode schemaKey(String subject, int version) {
    ObjectNode key = JSON.createObjectNode();
    key.put("keytype", "SCHEMA").put("subject", subject).put("version", version).put("magic", 1);
    return key;
  }

  private static ObjectNode configKey(String subject) {
    ObjectNode key = JSON.createObjectNode().put("keytype", "CONFIG");
    if (subject == null) {
      key.putNull("subject");
    } else {
      key.put("subject", subject);
    }
    return key.put("magic", 0);
  }

  /** Writes the change to the log, waits for the broker's ack, then applies it. */
  private void write(ObjectNode key, ObjectNode value) {
    String keyText = key.toString();
    String valueText = value == null ? null : value.toString();
    try {
      producer
          .send(new ProducerRecord<>(topic, keyText, valueText))
          .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RegistryError.storeError("interrupted while writing to " + topic, e);
    } catch (ExecutionException | TimeoutException e) {
      throw RegistryError.storeError("cannot write to " + topic, e);
    }
    apply(keyText, valueText);
  }

  private void apply(String keyText, String valueText) {
    try {
      JsonNode key = JSON.readTree(keyText);
      JsonNode value = valueText == null ? null : JSON.readTree(valueText);
      switch (key.path("keytype").asText()) {
        case "SCHEMA" -> applySchema(key, value);
        case "CONFIG" -> applyConfig(key, value);
        default -> {
          // Confluent writes NOOP and other record kinds; they carry no state we serve.
        }
      }
    } catch (java.io.IOException e) {
      throw RegistryError.storeError("unreadable record in " + topic + ": " + keyText, e);
    }
  }

  private void applySchema(JsonNode key, JsonNode value) {
    String subject = key.path("subject").asText();
    int version = key.path("version").asInt();
    if (value == null) {
      TreeMap<Integer, Version> versions = subjects.get(subject);
      if (versions != null) {
        versions.remove(version);
        if (versions.isEmpty()) {
          subjects.remove(subject);
        }
      }
      return;
    }
    int id = value.path("id").asInt();
    Schema schema = new Schema.Parser().parse(value.path("schema").asText());
    schemasById.putIfAbsent(id, schema);
    idsByCanonical.putIfAbsent(schema.toString(), id);
    maxId = Math.max(maxId, id);
    subjects
        .computeIfAbsent(subject, s -> new TreeMap<>())
        .put(version, new Version(version, id, value.path("deleted").asBoolean(false)));
  }

  private void applyConfig(JsonNode key, JsonNode value) {
    JsonNode subject = key.path("subject");
    if (subject.isMissingNode() || subject.isNull()) {
      if (value != null) {
        globalLevel = CompatibilityLevel.parse(value.path("compatibilityLevel").asText());
      }
      return;
    }
    if (value == null) {
      subjectLevels.remove(subject.asText());
    } else {
      subjectLevels.put(
          subject.asText(), CompatibilityLevel.parse(value.path("compatibilityLevel").asText()));
    }
  }

  private static void createTopic(Map<String, Object> kafka, String topic) {
    try (Admin admin = Admin.create(kafka)) {
      NewTopic newTopic =
          new NewTopic(topic, 1, (short) 1)
              .configs(
                  Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
      try {
        admin.createTopics(List.of(newTopic)).all().get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw RegistryError.storeError("cannot create " + topic, e.getCause());
        }
      }
      awaitLeader(admin, topic);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RegistryError.storeError("interrupted while creating " + topic, e);
    } catch (TimeoutException e) {
      throw RegistryError.storeError("timed out creating " + topic, e);
    }
  }

  /** A new topic's leader reaches the broker's metadata shortly after the controller's answer. */
  private static void awaitLeader(Admin admin, String topic)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + WRITE_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        var description =
            admin
                .describeTopics(List.of(topic))
                .allTopicNames()
                .get(5, TimeUnit.SECONDS)
                .get(topic);
        if (description.partitions().stream().allMatch(p -> p.leader() != null)) {
          return;
        }
      } catch (ExecutionException e) {
        // not known to the broker yet: ask again
      }
    }
    throw new TimeoutException("no leader for " + topic + " after " + WRITE_TIMEOUT);
  }

  private void replay(Map<String, Object> kafka, String topic) {
    Map<String, Object> consumerConfig = new HashMap<>(kafka);
    consumerConfig.put("key.deserializer", StringDeserializer.class.getName());
    consumerConfig.put("value.deserializer", StringDeserializer.class.getName());
    consumerConfig.put("enable.auto.commit", "false");
    consumerConfig.put("isolation.level", "read_committed");
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig)) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      while (consumer.position(partition) < end) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          apply(record.key(), record.value());
        }
      }
    }
  }
}
