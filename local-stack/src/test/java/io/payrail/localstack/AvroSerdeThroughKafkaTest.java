package io.payrail.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payrail.events.OrderPlaced;
import io.payrail.localstack.testing.TestInfrastructure;
import io.payrail.schemas.registry.RestSchemaRegistryClient;
import io.payrail.schemas.registry.SchemaRegistryClient;
import io.payrail.schemas.serde.AvroDeserializer;
import io.payrail.schemas.serde.AvroSerializer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The Confluent-wire serde against the real broker and the local registry over HTTP. */
class AvroSerdeThroughKafkaTest {

  private static final Schema CUSTOMER_V1 =
      new Schema.Parser()
          .parse(
              """
              {"type":"record","name":"Customer","namespace":"io.payrail.test","fields":[
                {"name":"id","type":"string"},
                {"name":"name","type":"string"}]}
              """);

  private static final Schema CUSTOMER_V2 =
      new Schema.Parser()
          .parse(
              """
              {"type":"record","name":"Customer","namespace":"io.payrail.test","fields":[
                {"name":"id","type":"string"},
                {"name":"name","type":"string"},
                {"name":"email","type":"string","default":"unknown"}]}
              """);

  private final TestInfrastructure infra = TestInfrastructure.shared();

  @Test
  void specificRecordRoundTripsThroughKafka() {
    String topic = KafkaTestClients.newTopic("orders-roundtrip", 3);
    List<OrderPlaced> sent = List.of(SampleOrders.order("o-1"), SampleOrders.order("o-2"));
    try (var producer = producer(new AvroSerializer<OrderPlaced>())) {
      sent.forEach(order -> producer.send(new ProducerRecord<>(topic, order.getOrderId(), order)));
    }

    Map<String, Object> config =
        KafkaTestClients.consumerConfig(Map.of("specific.avro.reader", "true"));
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), specificDeserializer(config))) {
      List<ConsumerRecord<String, OrderPlaced>> records =
          KafkaTestClients.consume(consumer, topic, 2);
      assertThat(records)
          .extracting(ConsumerRecord::value)
          .containsExactlyInAnyOrderElementsOf(sent);
      assertThat(records.get(0).value()).isInstanceOf(OrderPlaced.class);
    }
  }

  @Test
  void olderReaderReadsRecordsWrittenWithNewerSchema() {
    String topic = KafkaTestClients.newTopic("customers-new-to-old", 1);
    GenericRecord written = new GenericData.Record(CUSTOMER_V1);
    written.put("id", "c-1");
    written.put("name", "Ada");
    // The subject's history: v1, then the compatible v2 the producer writes with.
    client().register(topic + "-value", CUSTOMER_V1);
    GenericRecord newer = new GenericData.Record(CUSTOMER_V2);
    newer.put("id", "c-1");
    newer.put("name", "Ada");
    newer.put("email", "ada@example.com");
    produceGeneric(topic, newer);

    GenericRecord read = consumeGeneric(topic, CUSTOMER_V1);

    assertThat(read.getSchema()).isEqualTo(CUSTOMER_V1);
    assertThat(read).isEqualTo(written);
  }

  @Test
  void newerReaderReadsRecordsWrittenWithOlderSchema() {
    String topic = KafkaTestClients.newTopic("customers-old-to-new", 1);
    GenericRecord older = new GenericData.Record(CUSTOMER_V1);
    older.put("id", "c-2");
    older.put("name", "Grace");
    produceGeneric(topic, older);

    GenericRecord read = consumeGeneric(topic, CUSTOMER_V2);

    assertThat(read.get("name").toString()).isEqualTo("Grace");
    assertThat(read.get("email").toString()).isEqualTo("unknown");
  }

  @Test
  void serdeCallsTheRegistryOncePerSchemaNotPerRecord() {
    String topic = KafkaTestClients.newTopic("orders-caching", 3);
    int records = 300;
    long before = infra.registry().requestCount();
    try (var producer = producer(new AvroSerializer<OrderPlaced>())) {
      for (int i = 0; i < records; i++) {
        producer.send(new ProducerRecord<>(topic, "o-" + i, SampleOrders.order("o-" + i)));
      }
    }
    Map<String, Object> config =
        KafkaTestClients.consumerConfig(Map.of("specific.avro.reader", "true"));
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), specificDeserializer(config))) {
      assertThat(KafkaTestClients.consume(consumer, topic, records)).hasSize(records);
    }

    // One registration by the serializer, one schema-by-id fetch by the deserializer.
    assertThat(infra.registry().requestCount() - before).isEqualTo(2);
  }

  @Test
  void corruptPayloadGivesAnErrorNamingWhereItCameFrom() throws Exception {
    String topic = KafkaTestClients.newTopic("orders-corrupt", 1);
    byte[] valid;
    try (var serializer = new AvroSerializer<OrderPlaced>()) {
      serializer.configure(infra.clientConfig(), false);
      valid = serializer.serialize(topic, SampleOrders.order("o-valid"));
    }
    byte[] wrongMagic = valid.clone();
    wrongMagic[0] = 7;
    byte[] unknownId = valid.clone();
    unknownId[1] = 0x7f;
    byte[] truncated = Arrays.copyOf(valid, valid.length / 2);
    try (var producer =
        new KafkaProducer<>(
            infra.clientConfig(), new StringSerializer(), new ByteArraySerializer())) {
      for (byte[] payload : List.of(wrongMagic, unknownId, truncated)) {
        producer.send(new ProducerRecord<>(topic, "bad", payload)).get(10, TimeUnit.SECONDS);
      }
    }

    Map<String, Object> config =
        KafkaTestClients.consumerConfig(
            Map.of("specific.avro.reader", "true", "max.poll.records", 1));
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), specificDeserializer(config))) {
      consumer.subscribe(List.of(topic));
      assertCorrupt(consumer, topic, 0, "unknown magic byte 0x07");
      assertCorrupt(consumer, topic, 1, "names writer schema id");
      assertCorrupt(consumer, topic, 2, "truncated or corrupt payload");
    }
  }

  private void assertCorrupt(
      KafkaConsumer<String, OrderPlaced> consumer, String topic, long offset, String reason) {
    assertThatThrownBy(() -> pollUntilError(consumer))
        .isInstanceOfSatisfying(
            RecordDeserializationException.class,
            e -> {
              assertThat(e.topicPartition().topic()).isEqualTo(topic);
              assertThat(e.offset()).isEqualTo(offset);
              assertThat(e.getMessage()).contains(topic + "-0").contains("offset " + offset);
            })
        .cause()
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining(topic)
        .hasMessageContaining(reason);
    // Skip the poison record, as a dead-letter handler would after recording it.
    consumer.seek(new org.apache.kafka.common.TopicPartition(topic, 0), offset + 1);
  }

  private static void pollUntilError(KafkaConsumer<String, OrderPlaced> consumer) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      consumer.poll(Duration.ofMillis(200));
    }
    throw new AssertionError("no deserialization error within 30 s");
  }

  @Test
  void transactionalProduceIsReadBackWithReadCommitted() {
    String topic = KafkaTestClients.newTopic("orders-transactions", 3);
    Map<String, Object> config = infra.clientConfig();
    config.put("transactional.id", "test-tx-" + topic);
    AvroSerializer<OrderPlaced> serializer = new AvroSerializer<>();
    serializer.configure(config, false);
    try (var producer = new KafkaProducer<>(config, new StringSerializer(), serializer)) {
      producer.initTransactions();
      producer.beginTransaction();
      for (int i = 0; i < 10; i++) {
        producer.send(new ProducerRecord<>(topic, "c-" + i, SampleOrders.order("c-" + i)));
      }
      producer.commitTransaction();
      producer.beginTransaction();
      for (int i = 0; i < 5; i++) {
        producer.send(new ProducerRecord<>(topic, "a-" + i, SampleOrders.order("a-" + i)));
      }
      producer.abortTransaction();
    }

    Map<String, Object> consumerConfig =
        KafkaTestClients.consumerConfig(Map.of("specific.avro.reader", "true"));
    try (var consumer =
        new KafkaConsumer<>(
            consumerConfig, new StringDeserializer(), specificDeserializer(consumerConfig))) {
      List<ConsumerRecord<String, OrderPlaced>> records =
          KafkaTestClients.consume(consumer, topic, 10);
      assertThat(records).hasSize(10).allSatisfy(r -> assertThat(r.key()).startsWith("c-"));
    }
  }

  private <V extends org.apache.avro.generic.IndexedRecord> KafkaProducer<String, V> producer(
      AvroSerializer<V> serializer) {
    Map<String, Object> config = infra.clientConfig();
    serializer.configure(config, false);
    return new KafkaProducer<>(config, new StringSerializer(), serializer);
  }

  private void produceGeneric(String topic, GenericRecord record) {
    try (var producer = producer(new AvroSerializer<GenericRecord>())) {
      producer.send(new ProducerRecord<>(topic, "k", record)).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private GenericRecord consumeGeneric(String topic, Schema readerSchema) {
    Map<String, Object> config = KafkaTestClients.consumerConfig(Map.of());
    var deserializer = new AvroDeserializer<GenericRecord>(client(), readerSchema);
    deserializer.configure(config, false);
    try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), deserializer)) {
      return KafkaTestClients.consume(consumer, topic, 1).get(0).value();
    }
  }

  private static AvroDeserializer<OrderPlaced> specificDeserializer(Map<String, Object> config) {
    AvroDeserializer<OrderPlaced> deserializer = new AvroDeserializer<>();
    deserializer.configure(config, false);
    return deserializer;
  }

  private SchemaRegistryClient client() {
    return new RestSchemaRegistryClient(
        List.of(infra.schemaRegistryUrl()), Optional.empty(), Duration.ofSeconds(10));
  }
}
