package io.payrail.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payrail.events.Channel;
import io.payrail.events.LineItem;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentMethod;
import io.payrail.schemas.registry.RegisteredSchema;
import io.payrail.schemas.registry.SchemaRegistryClient;
import io.payrail.schemas.registry.SchemaRegistryException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The wire format and its error messages, against a fake registry client. */
class AvroSerdeTest {

  private static final Map<String, Object> CONFIG =
      Map.of("schema.registry.url", "http://registry.invalid", "specific.avro.reader", "true");

  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

  @Test
  void writesConfluentWireFormatAndReadsItBack() {
    OrderPlaced order = order("o-1");
    byte[] bytes = serializer(CONFIG).serialize("orders", order);

    assertThat(bytes[0]).isZero();
    int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
    assertThat(registry.schemaById(id)).isEqualTo(OrderPlaced.getClassSchema());
    OrderPlaced read = this.<OrderPlaced>deserializer(CONFIG).deserialize("orders", bytes);
    assertThat(read).isEqualTo(order);
  }

  @Test
  void registersUnderTheTopicValueSubjectOncePerSchema() {
    AvroSerializer<OrderPlaced> serializer = serializer(CONFIG);
    for (int i = 0; i < 100; i++) {
      serializer.serialize("orders", order("o-" + i));
    }
    assertThat(registry.calls).hasValue(1);
    assertThat(registry.latest("orders-value").schema()).isEqualTo(OrderPlaced.getClassSchema());
  }

  @Test
  void withoutAutoRegisterAnUnregisteredSchemaFailsNamingTheSubject() {
    AvroSerializer<OrderPlaced> serializer =
        serializer(Map.of("schema.registry.url", "http://r", "auto.register.schemas", "false"));

    assertThatThrownBy(() -> serializer.serialize("orders", order("o-1")))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("orders-value")
        .hasMessageContaining("40403");
  }

  @Test
  void useLatestVersionWritesWithTheSubjectsNewestSchema() {
    Schema newer =
        new Schema.Parser()
            .parse(
                OrderPlaced.getClassSchema()
                    .toString()
                    .replace(
                        "{\"name\":\"shippingCountry\"",
                        "{\"name\":\"couponCode\",\"type\":[\"null\",\"string\"],\"default\":null},"
                            + "{\"name\":\"shippingCountry\""));
    int newerId = registry.register("orders-value", newer);
    AvroSerializer<OrderPlaced> serializer =
        serializer(Map.of("schema.registry.url", "http://r", "use.latest.version", "true"));

    byte[] bytes = serializer.serialize("orders", order("o-9"));

    assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(newerId);
    OrderPlaced read = this.<OrderPlaced>deserializer(CONFIG).deserialize("orders", bytes);
    assertThat(read).isEqualTo(order("o-9"));
  }

  @Test
  void genericRecordsRoundTripWithoutGeneratedClasses() {
    Schema schema =
        new Schema.Parser()
            .parse(
                "{\"type\":\"record\",\"name\":\"Probe\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}");
    GenericRecord record = new GenericData.Record(schema);
    record.put("id", "p-1");

    AvroSerializer<GenericRecord> serializer = new AvroSerializer<>(registry);
    serializer.configure(CONFIG, false);
    byte[] bytes = serializer.serialize("probes", record);
    GenericRecord read =
        this.<GenericRecord>deserializer(Map.of("schema.registry.url", "http://r"))
            .deserialize("probes", bytes);

    assertThat(read.get("id").toString()).isEqualTo("p-1");
  }

  @Test
  void corruptPayloadsNameTheTopicAndTheProblem() {
    byte[] valid = serializer(CONFIG).serialize("orders", order("o-1"));
    AvroDeserializer<OrderPlaced> deserializer = deserializer(CONFIG);

    byte[] wrongMagic = valid.clone();
    wrongMagic[0] = 1;
    assertThatThrownBy(() -> deserializer.deserialize("orders", wrongMagic))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("topic orders")
        .hasMessageContaining("magic byte 0x01");
    assertThatThrownBy(() -> deserializer.deserialize("orders", new byte[] {0, 0, 1}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("topic orders")
        .hasMessageContaining("shorter than the 5-byte header");
    byte[] unknownId = valid.clone();
    unknownId[4] = 42;
    assertThatThrownBy(() -> deserializer.deserialize("orders", unknownId))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("topic orders")
        .hasMessageContaining("schema id 42");
    assertThatThrownBy(() -> deserializer.deserialize("orders", Arrays.copyOf(valid, 12)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("topic orders")
        .hasMessageContaining("truncated or corrupt");
  }

  @Test
  void nullsStayNullForTombstones() {
    assertThat(serializer(CONFIG).serialize("orders", null)).isNull();
    assertThat(deserializer(CONFIG).deserialize("orders", (byte[]) null)).isNull();
  }

  @Test
  void aRegistryThatCannotAnswerIsRetriableNotACorruptRecord() {
    byte[] bytes = serializer(CONFIG).serialize("orders", order("o-1"));
    for (int status : new int[] {0, 500, 503, 408, 429}) {
      AvroDeserializer<OrderPlaced> deserializer =
          new AvroDeserializer<>(failingRegistry(status, status == 0 ? 0 : 50001));
      deserializer.configure(CONFIG, false);

      assertThatThrownBy(() -> deserializer.deserialize("orders", bytes))
          .as("registry answering HTTP %d", status)
          .isInstanceOf(SchemaRegistryUnavailableException.class)
          .isNotInstanceOf(SerializationException.class)
          .satisfies(e -> assertThat(SchemaRegistryUnavailableException.isCause(e)).isTrue());
    }
  }

  @Test
  void anUnknownSchemaIdIsACorruptRecord() {
    byte[] bytes = serializer(CONFIG).serialize("orders", order("o-1"));
    AvroDeserializer<OrderPlaced> deserializer =
        new AvroDeserializer<>(failingRegistry(404, SchemaRegistryException.SCHEMA_NOT_FOUND));
    deserializer.configure(CONFIG, false);

    assertThatThrownBy(() -> deserializer.deserialize("orders", bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("40403")
        .satisfies(e -> assertThat(SchemaRegistryUnavailableException.isCause(e)).isFalse());
  }

  private static SchemaRegistryClient failingRegistry(int httpStatus, int errorCode) {
    SchemaRegistryException failure =
        httpStatus == 0
            ? new SchemaRegistryException(
                "registry did not answer", new java.io.IOException("refused"))
            : new SchemaRegistryException(httpStatus, errorCode, "registry said no");
    return new SchemaRegistryClient() {
      @Override
      public int register(String subject, Schema schema) {
        throw failure;
      }

      @Override
      public int idOf(String subject, Schema schema) {
        throw failure;
      }

      @Override
      public Schema schemaById(int id) {
        throw failure;
      }

      @Override
      public RegisteredSchema latest(String subject) {
        throw failure;
      }
    };
  }

  private AvroSerializer<OrderPlaced> serializer(Map<String, Object> config) {
    AvroSerializer<OrderPlaced> serializer = new AvroSerializer<>(registry);
    serializer.configure(config, false);
    return serializer;
  }

  private <T extends org.apache.avro.generic.IndexedRecord> AvroDeserializer<T> deserializer(
      Map<String, Object> config) {
    AvroDeserializer<T> deserializer = new AvroDeserializer<>(registry);
    deserializer.configure(config, false);
    return deserializer;
  }

  static OrderPlaced order(String orderId) {
    return OrderPlaced.newBuilder()
        .setOrderId(orderId)
        .setMerchantId("m-1")
        .setCustomerId("c-1")
        .setAmountMinor(1_000)
        .setCurrency("EUR")
        .setItems(List.of(new LineItem("sku", 1, 1_000L)))
        .setPaymentMethod(new PaymentMethod("tok_visa", "visa", "4242", "DE"))
        .setShippingCountry("DE")
        .setChannel(Channel.WEB)
        .setPlacedAt(Instant.ofEpochMilli(1_700_000_000_000L))
        .build();
  }
}
