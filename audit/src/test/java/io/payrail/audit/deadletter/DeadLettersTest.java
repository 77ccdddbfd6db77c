package io.payrail.audit.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.audit.kafka.KafkaClients;
import io.payrail.audit.kafka.TopicSnapshot;
import io.payrail.events.ReviewDecided;
import io.payrail.events.ReviewOutcome;
import io.payrail.localstack.testing.TestInfrastructure;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.serde.TopicSerdes;
import io.payrail.schemas.topics.DeadLetterHeaders;
import io.payrail.schemas.topics.Topic;
import io.payrail.schemas.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The dead-letter tools on the real broker. Each test uses a dead-letter topic no other test of the
 * module writes to, so that what it lists and replays is its own.
 */
class DeadLettersTest {

  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  private final DeadLetters deadLetters =
      new DeadLetters(
          new DeadLetterSettings(
              TestInfrastructure.shared().bootstrapServers(), Map.of(), READ_TIMEOUT));

  @Test
  void listShowsWhyAndWhereFromButNotTheValue() throws Exception {
    String key = "dlt-list-" + UUID.randomUUID();
    byte[] value = "SECRET-CARD-DATA".getBytes(StandardCharsets.UTF_8);
    deadLetter(Topics.ORDER_RISK, key, value, 7, 4242L);

    List<DeadLetter> listed = deadLetters.list(Topics.ORDER_RISK.name());

    assertThat(listed)
        .filteredOn(letter -> key.equals(letter.key()))
        .singleElement()
        .satisfies(
            letter -> {
              assertThat(letter.location().topic()).isEqualTo(Topics.ORDER_RISK.deadLetterTopic());
              assertThat(letter.originalTopic()).isEqualTo(Topics.ORDER_RISK.name());
              assertThat(letter.originalPartition()).isEqualTo(7);
              assertThat(letter.originalOffset()).isEqualTo(4242L);
              assertThat(letter.exceptionClass()).isEqualTo("org.example.PoisonException");
              assertThat(letter.exceptionMessage()).isEqualTo("cannot decode " + key);
              assertThat(letter.valueSize()).isEqualTo(value.length);
              assertThat(letter.render())
                  .contains(key, "order-risk-7@4242", "org.example.PoisonException")
                  .doesNotContain("SECRET");
            });
  }

  @Test
  void replayRepublishesEachDeadLetterOnceAndASecondReplayNothing() throws Exception {
    Topic<String, ?> topic = Topics.REFUND_REQUESTS;
    String prefix = "dlt-replay-" + UUID.randomUUID() + "-";
    Map<String, byte[]> sent = new HashMap<>();
    for (int i = 0; i < 3; i++) {
      byte[] value = ("payload-" + i).getBytes(StandardCharsets.UTF_8);
      sent.put(prefix + i, value);
      deadLetter(topic, prefix + i, value, i, 100L + i);
    }
    int waiting = deadLetters.list(topic.name()).size();

    ReplayResult first = deadLetters.replay(topic.deadLetterTopic());

    assertThat(first.republished()).isEqualTo(waiting).isGreaterThanOrEqualTo(sent.size());
    assertThat(first.byOriginalTopic()).containsOnlyKeys(topic.name());
    assertThat(first.consumerGroup()).isEqualTo("payrail-dlt-replay-" + topic.name());
    List<ConsumerRecord<byte[], byte[]>> replayed = recordsWithPrefix(topic, prefix);
    assertThat(replayed).hasSize(sent.size());
    for (ConsumerRecord<byte[], byte[]> record : replayed) {
      String key = TopicSnapshot.key(record);
      assertThat(record.value()).isEqualTo(sent.get(key));
      assertThat(record.headers().lastHeader("trace-id").value())
          .isEqualTo(key.getBytes(StandardCharsets.UTF_8));
      assertThat(record.headers().lastHeader(DeadLetters.REPLAYED_FROM_HEADER)).isNotNull();
      assertThat(record.headers().lastHeader(DeadLetterHeaders.EXCEPTION_FQCN)).isNull();
    }

    ReplayResult second = deadLetters.replay(topic.name());

    assertThat(second.republished()).isZero();
    assertThat(recordsWithPrefix(topic, prefix)).hasSize(sent.size());
  }

  @Test
  void replayRefusesDeadLettersThatNameAnInternalTopic() throws Exception {
    Topic<String, ?> topic = Topics.PAYMENTS;
    String prefix = "dlt-internal-" + UUID.randomUUID() + "-";
    String repartition = "payrail-loyalty-loyalty-events-by-customer-repartition";
    String changelog = "payrail-loyalty-loyalty-orders-changelog";
    deadLetter(topic, repartition, prefix + "repartition", new byte[] {1}, 0, 1L);
    deadLetter(topic, changelog, prefix + "changelog", new byte[] {2}, 0, 2L);
    deadLetter(topic, topic.deadLetterTopic(), prefix + "dlt", new byte[] {3}, 0, 3L);
    deadLetter(topic, topic.name(), prefix + "contract", new byte[] {4}, 0, 4L);

    ReplayResult result = deadLetters.replay(topic.name());

    assertThat(result.byOriginalTopic()).containsOnlyKeys(topic.name());
    assertThat(result.refused())
        .filteredOn(letter -> letter.key() != null && letter.key().startsWith(prefix))
        .extracting(DeadLetter::originalTopic)
        .containsExactlyInAnyOrder(repartition, changelog, topic.deadLetterTopic());
    assertThat(recordsWithPrefix(topic, prefix))
        .extracting(TopicSnapshot::key)
        .containsExactly(prefix + "contract");
    try (Admin admin =
        Admin.create(Map.of("bootstrap.servers", TestInfrastructure.shared().bootstrapServers()))) {
      assertThat(admin.listTopics().names().get()).doesNotContain(repartition, changelog);
    }
    // Refused once, passed over since: a second replay neither sends nor reports them again.
    assertThat(deadLetters.replay(topic.name()).refused()).isEmpty();
  }

  /** A dead letter whose value was left out (it held a card number) is never a tombstone. */
  @Test
  void replayRefusesDeadLettersWithoutAValue() throws Exception {
    Topic<String, ?> topic = Topics.ORDERS;
    String prefix = "dlt-no-value-" + UUID.randomUUID() + "-";
    deadLetter(topic, prefix + "card", null, 0, 1L);
    deadLetter(topic, prefix + "kept", new byte[] {4}, 0, 2L);

    ReplayResult result = deadLetters.replay(topic.name());

    assertThat(result.refused())
        .extracting(DeadLetter::key)
        .filteredOn(key -> key != null && key.startsWith(prefix))
        .containsExactly(prefix + "card");
    assertThat(recordsWithPrefix(topic, prefix))
        .extracting(TopicSnapshot::key)
        .containsExactly(prefix + "kept");
  }

  /**
   * A dead letter whose key was nulled (it looked like a card number: {@code merchantId/orderId}
   * may) or is not {@code merchantId/orderId} goes back under its order's key, made from its value,
   * so that it lands on the order's partition; a usable key is kept as it is.
   */
  @Test
  void replayGivesADeadLetterWithoutAUsableKeyItsOrdersKeyBack() throws Exception {
    Topic<String, ReviewDecided> topic = Topics.REVIEW_DECISIONS;
    TestInfrastructure infra = TestInfrastructure.shared();
    String merchant = "dlt-rekey-" + UUID.randomUUID();
    TopicSerdes serdes = new TopicSerdes(infra.clientConfig());
    deadLetter(topic, null, decision(serdes, merchant, "o-nulled"), 0, 1L);
    deadLetter(topic, "o-legacy", decision(serdes, merchant, "o-legacy"), 0, 2L);
    deadLetter(topic, OrderKey.of(merchant, "o-kept"), decision(serdes, merchant, "o-kept"), 0, 3L);
    DeadLetters withRegistry =
        new DeadLetters(
            new DeadLetterSettings(
                infra.bootstrapServers(),
                infra.schemaRegistryUrl().toString(),
                Map.of(),
                READ_TIMEOUT));

    ReplayResult result = withRegistry.replay(topic.name());

    assertThat(result.rekeyed()).isEqualTo(2);
    assertThat(recordsWithPrefix(topic, merchant + "/"))
        .extracting(TopicSnapshot::key)
        .containsExactlyInAnyOrder(
            OrderKey.of(merchant, "o-nulled"),
            OrderKey.of(merchant, "o-legacy"),
            OrderKey.of(merchant, "o-kept"));
  }

  private static byte[] decision(TopicSerdes serdes, String merchantId, String orderId) {
    ReviewDecided value =
        ReviewDecided.newBuilder()
            .setDecisionId("d-" + orderId)
            .setOrderId(orderId)
            .setMerchantId(merchantId)
            .setDecision(ReviewOutcome.APPROVE)
            .setReviewer("ops")
            .setDecidedAt(Instant.now())
            .build();
    return serdes
        .valueSerde(Topics.REVIEW_DECISIONS)
        .serializer()
        .serialize(Topics.REVIEW_DECISIONS.name(), value);
  }

  /** A dead letter as Spring Kafka's recoverer writes it, with one header of the original. */
  private static void deadLetter(
      Topic<String, ?> topic, String key, byte[] value, int partition, long offset)
      throws Exception {
    deadLetter(topic, topic.name(), key, value, partition, offset);
  }

  private static void deadLetter(
      Topic<String, ?> topic,
      String originalTopic,
      String key,
      byte[] value,
      int partition,
      long offset)
      throws Exception {
    RecordHeaders headers = new RecordHeaders();
    if (key != null) {
      headers.add("trace-id", key.getBytes(StandardCharsets.UTF_8));
    }
    headers.add(DeadLetterHeaders.ORIGINAL_TOPIC, originalTopic.getBytes(StandardCharsets.UTF_8));
    headers.add(
        DeadLetterHeaders.ORIGINAL_PARTITION,
        ByteBuffer.allocate(Integer.BYTES).putInt(partition).array());
    headers.add(
        DeadLetterHeaders.ORIGINAL_OFFSET, ByteBuffer.allocate(Long.BYTES).putLong(offset).array());
    headers.add(
        DeadLetterHeaders.EXCEPTION_FQCN,
        "org.example.PoisonException".getBytes(StandardCharsets.UTF_8));
    headers.add(
        DeadLetterHeaders.EXCEPTION_MESSAGE,
        ("cannot decode " + key).getBytes(StandardCharsets.UTF_8));
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", TestInfrastructure.shared().bootstrapServers()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic.deadLetterTopic(), null, key, value, headers)).get();
    }
  }

  /** The committed records of the topic whose key starts with {@code prefix}, read to its end. */
  private static List<ConsumerRecord<byte[], byte[]>> recordsWithPrefix(
      Topic<String, ?> topic, String prefix) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        KafkaClients.rawConsumer(TestInfrastructure.shared().bootstrapServers(), Map.of(), null)) {
      return TopicSnapshot.read(
              consumer,
              List.of(topic.name()),
              true,
              (name, key) -> key != null && key.startsWith(prefix),
              READ_TIMEOUT)
          .records(topic.name());
    }
  }
}
