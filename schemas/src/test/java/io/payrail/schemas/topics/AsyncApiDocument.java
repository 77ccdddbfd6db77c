package io.payrail.schemas.topics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.payrail.schemas.compatibility.SchemaEvolutionGuard;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine-readable contract, {@code docs/asyncapi.yaml} (AsyncAPI 3.0), generated from {@link
 * Topics}: every topic and dead-letter topic with its key, its value schema (a {@code $ref} to the
 * {@code .avsc} file), partitions, cleanup policy, who writes and reads it, and the dead letters'
 * headers. {@code AsyncApiDocumentTest} keeps the checked-in file equal to this.
 */
final class AsyncApiDocument {

  /** Where the document is, from the repository root; it refers to the schemas from there. */
  static final String PATH = "docs/asyncapi.yaml";

  private static final String AVSC_DIRECTORY = "../schemas/src/main/avro/";
  private static final String AVRO_FORMAT = "application/vnd.apache.avro+json;version=1.9.0";
  private static final String KAFKA_BINDING_VERSION = "0.5.0";
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** Who writes a topic and which consumer groups of Payrail read it. */
  record Flow(String writers, List<String> readerGroups, String deadLetterWriter) {}

  /**
   * Writers and readers per topic (docs/operations.md's service table). A topic added to {@link
   * Topics} without an entry here fails the document's test until its flow is written down.
   */
  static final Map<Topic<?, ?>, Flow> FLOWS = new LinkedHashMap<>();

  static {
    FLOWS.put(
        Topics.ORDERS,
        new Flow(
            "upstream systems (shops, order management) and order-ingest (POST /v1/orders)",
            List.of("payrail-risk", "payrail-order-status", "payrail-loyalty"),
            "risk-streams"));
    FLOWS.put(
        Topics.ORDER_RISK,
        new Flow(
            "risk-streams only",
            List.of("payment-processor", "payrail-order-status"),
            "payment-processor"));
    FLOWS.put(
        Topics.REVIEW_DECISIONS,
        new Flow(
            "order-ingest (POST /v1/orders/{orderId}/review) and payment-processor (hold expiry)",
            List.of("payment-review", "payrail-order-status"),
            "payment-processor"));
    FLOWS.put(
        Topics.POINTS_RESERVATIONS,
        new Flow(
            "loyalty-streams, and payment-processor when an answer is late (answer_timeout)",
            List.of("payment-points"),
            "payment-processor"));
    FLOWS.put(
        Topics.PAYMENTS,
        new Flow(
            "payment-processor only",
            List.of("payrail-loyalty", "payrail-order-status"),
            "loyalty-streams"));
    FLOWS.put(
        Topics.REFUND_REQUESTS,
        new Flow(
            "order-ingest only (POST /v1/orders/{orderId}/refunds)",
            List.of("refund-processor"),
            "refund-processor"));
    FLOWS.put(
        Topics.REFUNDS,
        new Flow(
            "refund-processor only",
            List.of("payrail-loyalty", "payrail-order-status"),
            "loyalty-streams"));
    FLOWS.put(
        Topics.LOYALTY_BALANCES,
        new Flow(
            "loyalty-streams only",
            List.of(),
            "no Payrail service (reserved for the topic's consumers)"));
    FLOWS.put(
        Topics.CUSTOMER_VERIFICATIONS,
        new Flow(
            "order-ingest only (POST /v1/customers/{customerId}/verification)",
            List.of("payrail-risk"),
            "risk-streams"));
    FLOWS.put(
        Topics.CUSTOMERS,
        new Flow(
            "order-ingest only (POST /v1/customers)",
            List.of("payrail-loyalty", "payrail-order-status"),
            "loyalty-streams"));
    FLOWS.put(
        Topics.COUPONS,
        new Flow(
            "order-ingest only (POST /v1/coupons)",
            List.of(),
            "no Payrail service (order-ingest checks a coupon before it writes it, and reads the"
                + " topic into a global store, without a consumer group)"));
    FLOWS.put(
        Topics.MERCHANT_KEYS,
        new Flow(
            "operators only (./payrail keys create, rotate, revoke)",
            List.of(),
            "no Payrail service (order-ingest reads the topic into a global store, without a"
                + " consumer group, and authenticates API keys from it)"));
  }

  /**
   * Spring Kafka's dead-letter headers, which every Payrail service writes (docs/contract.md, "How
   * errors surface"), with their encodings.
   */
  private static final Map<String, String> DEAD_LETTER_HEADERS = new LinkedHashMap<>();

  static {
    DEAD_LETTER_HEADERS.put(
        "kafka_dlt-exception-fqcn",
        "Class name of the exception that made the dead letter (UTF-8).");
    DEAD_LETTER_HEADERS.put(
        "kafka_dlt-exception-message",
        "The exception's message: why the record was refused (UTF-8).");
    DEAD_LETTER_HEADERS.put(
        "kafka_dlt-exception-stacktrace",
        "Stack trace (UTF-8); written by the Spring Kafka consumers (payment- and refund-processor)"
            + " only.");
    DEAD_LETTER_HEADERS.put(
        "kafka_dlt-original-topic", "The topic the record was read from (UTF-8).");
    DEAD_LETTER_HEADERS.put(
        "kafka_dlt-original-partition", "The partition it was read from: 4-byte big-endian int.");
    DEAD_LETTER_HEADERS.put(
        "kafka_dlt-original-offset", "Its offset there: 8-byte big-endian long.");
    DEAD_LETTER_HEADERS.put(
        "kafka_dlt-original-timestamp", "Its record timestamp: 8-byte big-endian long, epoch ms.");
  }

  private AsyncApiDocument() {}

  /** The document as YAML, the way it is checked in. */
  static String render() {
    YAMLMapper yaml =
        new YAMLMapper(
            YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .disable(YAMLGenerator.Feature.SPLIT_LINES)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .build());
    try {
      return "# Generated from io.payrail.schemas.topics.Topics by AsyncApiDocument (schemas, test"
          + " code). Do not edit:\n# ./mvnw -B -pl schemas test -Dtest=AsyncApiDocumentTest"
          + " -Dpayrail.asyncapi.write=true\n"
          + yaml.writeValueAsString(document());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static ObjectNode document() {
    ObjectNode root = JSON.objectNode();
    root.put("asyncapi", "3.0.0");
    ObjectNode info = root.putObject("info");
    info.put("title", "Payrail event contract");
    info.put("version", "1.0.0");
    info.put(
        "description",
        "The Kafka topics of Payrail, an event-driven payment pipeline. Keys are plain UTF-8"
            + " strings; values are Avro in Confluent's wire format (magic byte 0, 4-byte schema id,"
            + " Avro binary) under the subject <topic>-value, registered before any service runs"
            + " with compatibility "
            + SchemaEvolutionGuard.CONTRACT_LEVEL
            + ". Every orderId-keyed topic has the same partition count, so they are"
            + " co-partitioned: produce with murmur2 partitioning of the key (the Java client's"
            + " default). Results are written in Kafka transactions: read them with"
            + " isolation.level=read_committed. Producers' guide: docs/contract.md.");

    ObjectNode local = root.putObject("servers").putObject("local");
    local.put("host", "127.0.0.1:9092");
    local.put("protocol", "kafka");
    local.put(
        "description",
        "./payrail run: one in-process broker, the local schema registry on 127.0.0.1:8081.");
    ObjectNode serverBinding = local.putObject("bindings").putObject("kafka");
    serverBinding.put("schemaRegistryUrl", "http://127.0.0.1:8081");
    serverBinding.put("schemaRegistryVendor", "confluent");
    serverBinding.put("bindingVersion", KAFKA_BINDING_VERSION);

    ObjectNode channels = root.putObject("channels");
    ObjectNode operations = root.putObject("operations");
    ObjectNode messages = JSON.objectNode();
    for (Topic<?, ?> topic : Topics.ALL) {
      Flow flow = FLOWS.get(topic);
      if (flow == null) {
        throw new IllegalStateException(
            "AsyncApiDocument.FLOWS has no writers and readers for " + topic.name());
      }
      String event = topic.valueType().getSimpleName();
      messages.set(event, message(topic, event, false));
      messages.set(event + "DeadLetter", message(topic, event, true));
      channels.set(topic.name(), channel(topic, topic.name(), event, flow));
      channels.set(topic.deadLetterTopic(), channel(topic, topic.deadLetterTopic(), event, flow));
      operations.set(operationId("write", topic.name()), writeOperation(topic, event, flow));
      for (String group : flow.readerGroups()) {
        operations.set(
            operationId("read", topic.name()) + "By" + operationId("", group),
            readOperation(topic, event, group));
      }
      operations.set(
          operationId("deadLetter", topic.name()), deadLetterOperation(topic, event, flow));
    }
    root.putObject("components").set("messages", messages);
    return root;
  }

  private static ObjectNode channel(Topic<?, ?> topic, String address, String event, Flow flow) {
    boolean deadLetters = !address.equals(topic.name());
    ObjectNode channel = JSON.objectNode();
    channel.put("address", address);
    channel.put(
        "description",
        deadLetters
            ? "Dead letters of "
                + topic.name()
                + ": records "
                + flow.deadLetterWriter()
                + " could not read or process: the original key, value bytes and headers, the"
                + " reason and the original topic, partition and offset in kafka_dlt-* headers."
            : event
                + " events keyed by "
                + topic.keyDescription()
                + ". Written by "
                + flow.writers()
                + ".");
    String messageName = deadLetters ? event + "DeadLetter" : event;
    channel
        .putObject("messages")
        .putObject(messageName)
        .put("$ref", "#/components/messages/" + messageName);
    ObjectNode binding = channel.putObject("bindings").putObject("kafka");
    binding.put("topic", address);
    binding.put("partitions", topic.defaultPartitions());
    CleanupPolicy cleanup = deadLetters ? CleanupPolicy.DELETE : topic.cleanupPolicy();
    binding.putObject("topicConfiguration").putArray("cleanup.policy").add(cleanup.configValue());
    binding.put("bindingVersion", KAFKA_BINDING_VERSION);
    return channel;
  }

  private static ObjectNode message(Topic<?, ?> topic, String event, boolean deadLetter) {
    ObjectNode message = JSON.objectNode();
    message.put("name", deadLetter ? event + "DeadLetter" : event);
    message.put("title", deadLetter ? event + " dead letter" : event);
    message.put("contentType", "application/vnd.apache.avro+binary");
    message.put(
        "summary",
        deadLetter
            ? "The original record, unchanged: its key, its value bytes (usually an "
                + event
                + " in Confluent's wire format, or whatever could not be read) and its headers,"
                + " plus the reason."
            : "One "
                + event
                + " in Confluent's wire format, subject "
                + topic.valueSubject()
                + ".");
    ObjectNode payload = message.putObject("payload");
    payload.put("schemaFormat", AVRO_FORMAT);
    payload.putObject("schema").put("$ref", AVSC_DIRECTORY + event + ".avsc");
    ObjectNode binding = message.putObject("bindings").putObject("kafka");
    ObjectNode key = binding.putObject("key");
    key.put("type", "string");
    key.put(
        "description",
        "The "
            + topic.keyDescription()
            + " as a plain UTF-8 string (no Avro, no schema id); partition with murmur2 of its"
            + " bytes, the Java client's default.");
    binding.put("schemaIdLocation", "payload");
    binding.put("schemaIdPayloadEncoding", "confluent");
    binding.put("schemaLookupStrategy", "TopicIdStrategy");
    binding.put("bindingVersion", KAFKA_BINDING_VERSION);
    if (deadLetter) {
      ObjectNode headers = message.putObject("headers");
      headers.put("type", "object");
      ObjectNode properties = headers.putObject("properties");
      DEAD_LETTER_HEADERS.forEach(
          (name, description) ->
              properties.putObject(name).put("type", "string").put("description", description));
      ArrayNode required = headers.putArray("required");
      DEAD_LETTER_HEADERS.keySet().stream()
          .filter(name -> !name.endsWith("stacktrace"))
          .forEach(required::add);
    }
    return message;
  }

  private static ObjectNode writeOperation(Topic<?, ?> topic, String event, Flow flow) {
    ObjectNode operation = operation("send", topic.name(), event);
    operation.put(
        "summary", "Write " + event + " to " + topic.name() + ": " + flow.writers() + ".");
    return operation;
  }

  private static ObjectNode readOperation(Topic<?, ?> topic, String event, String group) {
    ObjectNode operation = operation("receive", topic.name(), event);
    operation.put("summary", "Payrail's consumer group " + group + " reads " + topic.name() + ".");
    ObjectNode binding = operation.putObject("bindings").putObject("kafka");
    binding.putObject("groupId").put("type", "string").putArray("enum").add(group);
    binding.put("bindingVersion", KAFKA_BINDING_VERSION);
    return operation;
  }

  private static ObjectNode deadLetterOperation(Topic<?, ?> topic, String event, Flow flow) {
    ObjectNode operation = operation("send", topic.deadLetterTopic(), event + "DeadLetter");
    operation.put(
        "summary",
        "Dead-letter what cannot be read or processed from "
            + topic.name()
            + ": "
            + flow.deadLetterWriter()
            + ".");
    return operation;
  }

  private static ObjectNode operation(String action, String channel, String message) {
    ObjectNode operation = JSON.objectNode();
    operation.put("action", action);
    String escaped = channel.replace("~", "~0").replace("/", "~1");
    operation.putObject("channel").put("$ref", "#/channels/" + escaped);
    operation
        .putArray("messages")
        .addObject()
        .put("$ref", "#/channels/" + escaped + "/messages/" + message);
    return operation;
  }

  /** {@code write} + {@code order-risk} = {@code writeOrderRisk}. */
  private static String operationId(String verb, String name) {
    StringBuilder id = new StringBuilder(verb);
    for (String part : name.split("[-.]")) {
      if (!part.isEmpty()) {
        id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return id.toString();
  }
}
