package io.payrail.localstack.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.payrail.schemas.compatibility.CompatibilityLevel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
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
 * The registry's state: schemas by global id, versions by subject, compatibility levels and modes.
 * Every change is written to a compacted Kafka topic (in Confluent's record layout) before it is
 * applied, and the topic is replayed at start-up, so ids survive restarts.
 *
 * <p>One writer per topic: this registry is for local runs and tests, without Confluent's leader
 * election. All methods are synchronized; the registry's traffic is a handful of calls per schema.
 */
final class SchemaStore implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

  /** A named type another subject's version defines: {@code references} of Confluent's API. */
  record Reference(String name, String subject, int version) {}

  /**
   * What a client asks to register, look up or check: the schema text, its references and, in
   * IMPORT mode, the id and version to register it with (-1 and 0 when not given).
   */
  record SchemaRequest(String schema, List<Reference> references, int id, int version) {}

  /** A schema as registered: its text (referenced types not inlined) and its references. */
  private record Stored(String text, List<Reference> references) {}

  private record Version(String subject, int version, int id, boolean deleted) {}

  /** Which versions a read sees: the live ones, or the soft-deleted ones as well. */
  private static Predicate<Version> visible(boolean includeDeleted) {
    return version -> includeDeleted || !version.deleted();
  }

  private final String topic;
  private final KafkaProducer<String, String> producer;

  private final Map<Integer, Stored> schemasById = new HashMap<>();
  private final Map<Stored, Integer> idsByStored = new HashMap<>();
  private final Map<Integer, Schema> parsedById = new HashMap<>();
  private final Map<String, TreeMap<Integer, Version>> subjects = new TreeMap<>();
  private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
  private final Map<String, RegistryMode> subjectModes = new HashMap<>();
  private CompatibilityLevel globalLevel;
  private RegistryMode globalMode = RegistryMode.READWRITE;
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

  // ---------------------------------------------------------------- subjects and versions

  synchronized List<String> subjects(String prefix, boolean includeDeleted, boolean deletedOnly) {
    return subjects.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .filter(
            e ->
                e.getValue().values().stream()
                    .anyMatch(v -> deletedOnly ? v.deleted() : includeDeleted || !v.deleted()))
        .map(Map.Entry::getKey)
        .toList();
  }

  synchronized List<Integer> versions(String subject, boolean includeDeleted, boolean deletedOnly) {
    List<Integer> versions =
        versionsOf(subject).stream()
            .filter(v -> deletedOnly ? v.deleted() : includeDeleted || !v.deleted())
            .map(Version::version)
            .toList();
    if (versions.isEmpty()) {
      throw RegistryError.subjectNotFound(subject);
    }
    return versions;
  }

  /** A subject's version: a positive number, {@code latest} or {@code -1}. */
  synchronized ObjectNode version(String subject, String version, boolean includeDeleted) {
    return describe(resolveVersion(subject, version, includeDeleted));
  }

  /** Registers the schema under the subject, or returns its id if it is already there. */
  synchronized int register(String subject, SchemaRequest request) {
    RegistryMode mode = modeInScope(subject);
    if (mode.isReadOnly()) {
      throw RegistryError.operationNotPermitted("Subject " + subject + " is in read-only mode");
    }
    boolean importing = request.id() >= 0;
    if (importing && mode != RegistryMode.IMPORT) {
      throw RegistryError.operationNotPermitted("Subject " + subject + " is not in import mode");
    }
    if (!importing && mode != RegistryMode.READWRITE) {
      throw RegistryError.operationNotPermitted(
          "Subject " + subject + " is not in read-write mode");
    }
    Stored stored = canonical(request);
    Schema schema = parse(stored);
    Integer knownId = idsByStored.get(stored);
    if (knownId != null && (!importing || knownId == request.id())) {
      Optional<Version> existing =
          versionsOf(subject).stream()
              .filter(visible(false))
              .filter(v -> v.id() == knownId)
              .findFirst();
      if (existing.isPresent() && request.version() <= 0) {
        return existing.get().id();
      }
    }
    int id;
    if (importing) {
      if (knownId != null && knownId != request.id()) {
        throw RegistryError.idDoesNotMatch(knownId, request.id());
      }
      Stored holder = schemasById.get(request.id());
      if (holder != null && !holder.equals(stored)) {
        throw RegistryError.operationNotPermitted(
            "Overwrite new schema with id " + request.id() + " is not permitted.");
      }
      id = request.id();
    } else {
      List<String> violations =
          levelOf(subject)
              .violations(
                  schema,
                  versionsOf(subject).stream()
                      .filter(visible(false))
                      .map(v -> parsed(v.id()))
                      .toList());
      if (!violations.isEmpty()) {
        throw RegistryError.incompatible(subject, String.join("; ", violations));
      }
      id = knownId != null ? knownId : maxId + 1;
    }
    TreeMap<Integer, Version> versions = subjects.get(subject);
    int next = versions == null || versions.isEmpty() ? 1 : versions.lastKey() + 1;
    int version = importing && request.version() > 0 ? request.version() : next;
    if (versions != null && versions.containsKey(version)) {
      throw RegistryError.operationNotPermitted(
          "Version " + version + " of subject " + subject + " already exists");
    }
    write(schemaKey(subject, version), schemaValue(subject, version, id, stored, false));
    return id;
  }

  /** Finds the schema under the subject: {@code subject, id, version, schema}. */
  synchronized ObjectNode lookup(String subject, SchemaRequest request, boolean includeDeleted) {
    List<Version> candidates =
        versionsOf(subject).stream().filter(visible(includeDeleted)).toList();
    if (candidates.isEmpty()) {
      throw RegistryError.subjectNotFound(subject);
    }
    Stored stored = canonical(request);
    Integer id = idsByStored.get(stored);
    return candidates.stream()
        .filter(v -> id != null && v.id() == id)
        .reduce((first, second) -> second)
        .map(this::describe)
        .orElseThrow(RegistryError::schemaNotFound);
  }

  /**
   * Compatibility of a candidate as Confluent checks it: against one version (or the latest), or,
   * with {@code version} null, against the versions the subject's level covers. A subject without
   * versions accepts anything.
   */
  synchronized List<String> compatibility(String subject, String version, SchemaRequest request) {
    Schema candidate = parse(canonical(request));
    List<Version> live = versionsOf(subject).stream().filter(visible(false)).toList();
    List<Version> against;
    if (version == null) {
      against = live;
    } else if (isLatest(version)) {
      against = live.isEmpty() ? List.of() : List.of(live.get(live.size() - 1));
    } else {
      int number = parseVersion(version);
      against =
          List.of(
              live.stream()
                  .filter(v -> v.version() == number)
                  .findFirst()
                  .orElseThrow(() -> RegistryError.versionNotFound(version)));
    }
    return levelOf(subject)
        .violations(candidate, against.stream().map(v -> parsed(v.id())).toList());
  }

  /** Soft-deletes one version, or permanently deletes a soft-deleted one; answers its number. */
  synchronized int deleteVersion(String subject, String version, boolean permanent) {
    List<Version> all = versionsOf(subject);
    Version found;
    if (isLatest(version)) {
      found =
          all.stream()
              .filter(visible(permanent))
              .reduce((first, second) -> second)
              .orElseThrow(() -> RegistryError.subjectNotFound(subject));
    } else {
      int number = parseVersion(version);
      found =
          all.stream()
              .filter(v -> v.version() == number)
              .findFirst()
              .orElseThrow(
                  () ->
                      all.isEmpty()
                          ? RegistryError.subjectNotFound(subject)
                          : RegistryError.versionNotFound(version));
    }
    if (!permanent && found.deleted()) {
      throw RegistryError.versionSoftDeleted(subject, version);
    }
    if (modeInScope(subject).isReadOnly()) {
      throw RegistryError.operationNotPermitted("Subject " + subject + " is in read-only mode");
    }
    if (!referencedBy(subject, found.version()).isEmpty()) {
      throw RegistryError.referenceExists(subject, found.version());
    }
    if (permanent) {
      if (!found.deleted()) {
        throw RegistryError.versionNotSoftDeleted(subject, version);
      }
      write(schemaKey(subject, found.version()), null);
    } else {
      softDelete(found);
      dropSettingsOfEmptySubject(subject);
    }
    return found.version();
  }

  /** Soft-deletes every live version, or permanently deletes a soft-deleted subject. */
  synchronized List<Integer> deleteSubject(String subject, boolean permanent) {
    List<Version> all = versionsOf(subject);
    if (all.isEmpty()) {
      throw RegistryError.subjectNotFound(subject);
    }
    if (modeInScope(subject).isReadOnly()) {
      throw RegistryError.operationNotPermitted("Subject " + subject + " is in read-only mode");
    }
    List<Version> live = all.stream().filter(visible(false)).toList();
    if (permanent && !live.isEmpty()) {
      throw RegistryError.subjectNotSoftDeleted(subject);
    }
    if (!permanent && live.isEmpty()) {
      throw RegistryError.subjectSoftDeleted(subject);
    }
    List<Version> deleting = permanent ? all : live;
    for (Version v : deleting) {
      if (!referencedBy(subject, v.version()).isEmpty()) {
        throw RegistryError.referenceExists(subject, v.version());
      }
    }
    for (Version v : deleting) {
      if (permanent) {
        write(schemaKey(subject, v.version()), null);
      } else {
        softDelete(v);
      }
    }
    dropSettingsOfEmptySubject(subject);
    return deleting.stream().map(Version::version).toList();
  }

  /** Ids of the schemas whose references name this version of the subject. */
  synchronized List<Integer> referencedBy(String subject, String version) {
    Version found = resolveVersion(subject, version, true);
    return referencedBy(subject, found.version());
  }

  // ---------------------------------------------------------------- schemas by id

  /** {@code {"schema": …, "references": […]}} of a global id. */
  synchronized ObjectNode schemaById(int id) {
    Stored stored = storedById(id);
    ObjectNode node = JSON.createObjectNode().put("schema", stored.text());
    putReferences(node, stored.references());
    return node;
  }

  synchronized String schemaTextById(int id) {
    return storedById(id).text();
  }

  /** The subjects that hold a version with this id. */
  synchronized List<String> subjectsOfId(int id, boolean includeDeleted) {
    storedById(id);
    return usesOf(id, includeDeleted).stream().map(Version::subject).distinct().sorted().toList();
  }

  /** {@code [{"subject": …, "version": …}]} of every version with this id. */
  synchronized ArrayNode versionsOfId(int id, boolean includeDeleted) {
    storedById(id);
    ArrayNode answer = JSON.createArrayNode();
    for (Version v : usesOf(id, includeDeleted)) {
      answer.addObject().put("subject", v.subject()).put("version", v.version());
    }
    return answer;
  }

  /** {@code GET /schemas}: every version, as {@code GET /subjects/{s}/versions/{v}} shows it. */
  synchronized ArrayNode schemas(
      String subjectPrefix, boolean includeDeleted, boolean latestOnly, int offset, int limit) {
    List<Version> selected = new ArrayList<>();
    for (var entry : subjects.entrySet()) {
      if (!entry.getKey().startsWith(subjectPrefix)) {
        continue;
      }
      List<Version> versions =
          entry.getValue().values().stream().filter(visible(includeDeleted)).toList();
      if (latestOnly && !versions.isEmpty()) {
        selected.add(versions.get(versions.size() - 1));
      } else if (!latestOnly) {
        selected.addAll(versions);
      }
    }
    ArrayNode answer = JSON.createArrayNode();
    selected.stream()
        .skip(Math.max(0, offset))
        .limit(limit < 0 ? Long.MAX_VALUE : limit)
        .forEach(v -> answer.add(describe(v)));
    return answer;
  }

  // ---------------------------------------------------------------- compatibility levels

  synchronized CompatibilityLevel globalLevel() {
    return globalLevel;
  }

  synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
    return Optional.ofNullable(subjectLevels.get(subject));
  }

  /** Sets the global level ({@code subject} null) or a subject's level. */
  synchronized void setLevel(String subject, CompatibilityLevel level) {
    ObjectNode value = JSON.createObjectNode().put("compatibilityLevel", level.name());
    write(settingKey("CONFIG", subject), value);
  }

  synchronized CompatibilityLevel deleteSubjectLevel(String subject) {
    CompatibilityLevel previous = subjectLevels.get(subject);
    if (previous == null) {
      throw RegistryError.subjectLevelConfigNotFound(subject);
    }
    write(settingKey("CONFIG", subject), null);
    return previous;
  }

  // ---------------------------------------------------------------- modes

  synchronized RegistryMode globalMode() {
    return globalMode;
  }

  synchronized Optional<RegistryMode> subjectMode(String subject) {
    return Optional.ofNullable(subjectModes.get(subject));
  }

  /** The mode that governs the subject: a global READONLY_OVERRIDE, else its own, else global. */
  synchronized RegistryMode modeInScope(String subject) {
    if (globalMode == RegistryMode.READONLY_OVERRIDE) {
      return globalMode;
    }
    return subjectModes.getOrDefault(subject, globalMode);
  }

  /**
   * Sets the global mode ({@code subject} null) or a subject's. IMPORT is refused while the scope
   * holds live versions, unless {@code force}: imported ids must not collide with existing ones.
   */
  synchronized void setMode(String subject, RegistryMode mode, boolean force) {
    if (mode == RegistryMode.IMPORT && modeInScope(subject) != RegistryMode.IMPORT && !force) {
      boolean hasLive =
          subject == null
              ? !subjects("", false, false).isEmpty()
              : versionsOf(subject).stream().anyMatch(visible(false));
      if (hasLive) {
        throw RegistryError.operationNotPermitted("Cannot import since found existing subjects");
      }
    }
    write(settingKey("MODE", subject), JSON.createObjectNode().put("mode", mode.name()));
  }

  synchronized RegistryMode deleteSubjectMode(String subject) {
    RegistryMode previous = subjectModes.get(subject);
    if (previous == null) {
      throw RegistryError.subjectNotFound(subject);
    }
    write(settingKey("MODE", subject), null);
    return previous;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }

  // ---------------------------------------------------------------- internals

  private CompatibilityLevel levelOf(String subject) {
    return subjectLevels.getOrDefault(subject, globalLevel);
  }

  private List<Version> versionsOf(String subject) {
    TreeMap<Integer, Version> versions = subjects.get(subject);
    return versions == null ? List.of() : List.copyOf(versions.values());
  }

  private List<Version> usesOf(int id, boolean includeDeleted) {
    return subjects.values().stream()
        .flatMap(versions -> versions.values().stream())
        .filter(v -> v.id() == id)
        .filter(visible(includeDeleted))
        .toList();
  }

  private List<Integer> referencedBy(String subject, int version) {
    return schemasById.entrySet().stream()
        .filter(
            entry ->
                entry.getValue().references().stream()
                    .anyMatch(r -> r.subject().equals(subject) && r.version() == version))
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  private Stored storedById(int id) {
    Stored stored = schemasById.get(id);
    if (stored == null) {
      throw RegistryError.schemaNotFound(id);
    }
    return stored;
  }

  private Version resolveVersion(String subject, String version, boolean includeDeleted) {
    List<Version> candidates =
        versionsOf(subject).stream().filter(visible(includeDeleted)).toList();
    if (isLatest(version)) {
      if (candidates.isEmpty()) {
        throw RegistryError.subjectNotFound(subject);
      }
      return candidates.get(candidates.size() - 1);
    }
    int number = parseVersion(version);
    if (candidates.isEmpty()) {
      throw RegistryError.subjectNotFound(subject);
    }
    return candidates.stream()
        .filter(v -> v.version() == number)
        .findFirst()
        .orElseThrow(() -> RegistryError.versionNotFound(version));
  }

  private static int parseVersion(String version) {
    int number;
    try {
      number = Integer.parseInt(version);
    } catch (NumberFormatException e) {
      throw RegistryError.invalidVersion(version);
    }
    if (number < 1) {
      throw RegistryError.invalidVersion(version);
    }
    return number;
  }

  private static boolean isLatest(String version) {
    return "latest".equals(version) || "-1".equals(version);
  }

  private void softDelete(Version version) {
    write(
        schemaKey(version.subject(), version.version()),
        schemaValue(
            version.subject(),
            version.version(),
            version.id(),
            schemasById.get(version.id()),
            true));
  }

  /** As Confluent: a subject whose last live version goes takes its own level and mode along. */
  private void dropSettingsOfEmptySubject(String subject) {
    if (versionsOf(subject).stream().anyMatch(visible(false))) {
      return;
    }
    if (subjectModes.containsKey(subject)) {
      write(settingKey("MODE", subject), null);
    }
    if (subjectLevels.containsKey(subject)) {
      write(settingKey("CONFIG", subject), null);
    }
  }

  private ObjectNode describe(Version version) {
    Stored stored = schemasById.get(version.id());
    ObjectNode node = JSON.createObjectNode();
    node.put("subject", version.subject()).put("version", version.version());
    node.put("id", version.id());
    putReferences(node, stored.references());
    node.put("schema", stored.text());
    if (version.deleted()) {
      node.put("deleted", true);
    }
    return node;
  }

  private static void putReferences(ObjectNode node, List<Reference> references) {
    if (references.isEmpty()) {
      return;
    }
    ArrayNode array = node.putArray("references");
    for (Reference reference : references) {
      array
          .addObject()
          .put("name", reference.name())
          .put("subject", reference.subject())
          .put("version", reference.version());
    }
  }

  /**
   * The schema's identity: the parsed schema printed back (so whitespace and attribute order do not
   * make a new id), with the referenced named types left as names, as Confluent keeps them.
   */
  private Stored canonical(SchemaRequest request) {
    if (request.schema() == null || request.schema().isBlank()) {
      throw RegistryError.invalidSchema("the request has no schema");
    }
    Map<String, Schema> referenced = referencedTypes(request.references());
    Schema schema = parseWith(request.schema(), referenced);
    String text =
        referenced.isEmpty() ? schema.toString() : printLeavingNames(schema, referenced.values());
    return new Stored(text, List.copyOf(request.references()));
  }

  @SuppressWarnings("deprecation") // Avro 1.12's replacement has no way to leave names unexpanded
  private static String printLeavingNames(Schema schema, java.util.Collection<Schema> known) {
    return schema.toString(known, false);
  }

  /** Every named type the references bring, nested ones included, by full name. */
  private Map<String, Schema> referencedTypes(List<Reference> references) {
    Map<String, Schema> types = new LinkedHashMap<>();
    for (Reference reference : references) {
      if (reference.name() == null || reference.subject() == null) {
        throw RegistryError.invalidSchema("a reference needs a name, a subject and a version");
      }
      Version version =
          versionsOf(reference.subject()).stream()
              .filter(v -> v.version() == reference.version())
              .findFirst()
              .orElseThrow(
                  () ->
                      RegistryError.invalidSchema(
                          "Invalid schema reference " + reference + ": no such subject version"));
      collectNamedTypes(parsed(version.id()), types);
    }
    return types;
  }

  private Schema parse(Stored stored) {
    return parseWith(stored.text(), referencedTypes(stored.references()));
  }

  /** The schema of an id, parsed once (with its references) and kept. */
  private Schema parsed(int id) {
    Schema schema = parsedById.get(id);
    if (schema == null) {
      schema = parse(schemasById.get(id));
      parsedById.put(id, schema);
    }
    return schema;
  }

  private static Schema parseWith(String text, Map<String, Schema> referenced) {
    try {
      return new Schema.Parser().addTypes(referenced.values()).parse(text);
    } catch (AvroRuntimeException | NullPointerException e) {
      throw RegistryError.invalidSchema(e.getMessage());
    }
  }

  private static void collectNamedTypes(Schema schema, Map<String, Schema> into) {
    switch (schema.getType()) {
      case RECORD, ENUM, FIXED -> {
        if (into.putIfAbsent(schema.getFullName(), schema) != null) {
          return;
        }
        if (schema.getType() == Schema.Type.RECORD) {
          schema.getFields().forEach(field -> collectNamedTypes(field.schema(), into));
        }
      }
      case ARRAY -> collectNamedTypes(schema.getElementType(), into);
      case MAP -> collectNamedTypes(schema.getValueType(), into);
      case UNION -> schema.getTypes().forEach(type -> collectNamedTypes(type, into));
      default -> {
        // primitives name nothing
      }
    }
  }

  private static ObjectNode schemaKey(String subject, int version) {
    ObjectNode key = JSON.createObjectNode();
    key.put("keytype", "SCHEMA").put("subject", subject).put("version", version).put("magic", 1);
    return key;
  }

  private static ObjectNode schemaValue(
      String subject, int version, int id, Stored stored, boolean deleted) {
    ObjectNode value = JSON.createObjectNode();
    value.put("subject", subject).put("version", version).put("id", id);
    putReferences(value, stored.references());
    value.put("schema", stored.text()).put("deleted", deleted);
    return value;
  }

  /** The key of a CONFIG (compatibility) or MODE record, global when {@code subject} is null. */
  private static ObjectNode settingKey(String keytype, String subject) {
    ObjectNode key = JSON.createObjectNode().put("keytype", keytype);
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
        case "MODE" -> applyMode(key, value);
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
      Version removed = versions == null ? null : versions.remove(version);
      if (versions != null && versions.isEmpty()) {
        subjects.remove(subject);
      }
      if (removed != null && usesOf(removed.id(), true).isEmpty()) {
        // No version holds the id any more: it is gone, as in Confluent (never reused: maxId).
        Stored stored = schemasById.remove(removed.id());
        idsByStored.remove(stored);
        parsedById.remove(removed.id());
      }
      return;
    }
    int id = value.path("id").asInt();
    List<Reference> references = new ArrayList<>();
    for (JsonNode reference : value.path("references")) {
      references.add(
          new Reference(
              reference.path("name").asText(),
              reference.path("subject").asText(),
              reference.path("version").asInt()));
    }
    // Parsing waits for the first use: a referenced version may come later in a compacted log.
    Stored stored = new Stored(value.path("schema").asText(), List.copyOf(references));
    schemasById.putIfAbsent(id, stored);
    idsByStored.putIfAbsent(stored, id);
    maxId = Math.max(maxId, id);
    subjects
        .computeIfAbsent(subject, s -> new TreeMap<>())
        .put(version, new Version(subject, version, id, value.path("deleted").asBoolean(false)));
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

  private void applyMode(JsonNode key, JsonNode value) {
    JsonNode subject = key.path("subject");
    if (subject.isMissingNode() || subject.isNull()) {
      globalMode =
          value == null ? RegistryMode.READWRITE : RegistryMode.parse(value.path("mode").asText());
      return;
    }
    if (value == null) {
      subjectModes.remove(subject.asText());
    } else {
      subjectModes.put(subject.asText(), RegistryMode.parse(value.path("mode").asText()));
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
