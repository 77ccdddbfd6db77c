package io.payrail.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.payrail.localstack.testing.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The router against two real Kafka Streams instances of one application: it must answer every key
 * as Kafka Streams' own metadata does, before and after an assignment changes, though it answers
 * from a map it keeps between assignments.
 */
class KeyRouterTest {

  private static final String STORE = "values";
  private static final int PARTITIONS = 6;
  private static final HostInfo FIRST = new HostInfo("first.payrail.test", 8080);
  private static final HostInfo SECOND = new HostInfo("second.payrail.test", 8080);

  private final List<KafkaStreams> started = new ArrayList<>();

  @AfterEach
  void stop() {
    started.forEach(streams -> streams.close(Duration.ofSeconds(10)));
  }

  @Test
  void everyKeyGoesWhereKafkaStreamsSaysBeforeAndAfterAnInstanceLeaves(
      @TempDir Path firstState, @TempDir Path secondState) throws Exception {
    String topic = newTopic();
    String application = "key-router-" + UUID.randomUUID();
    KafkaStreams first = start(application, topic, firstState, FIRST);
    KafkaStreams second = start(application, topic, secondState, SECOND);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> runningWithClients(first, 2) && runningWithClients(second, 2));
    KeyRouter<String> router =
        new KeyRouter<>(() -> first, STORE, topic, new StringSerializer(), FIRST);
    List<String> keys = keys();

    Map<Class<?>, Integer> kinds = new HashMap<>();
    for (String key : keys) {
      KeyOwner owner = router.ownerOf(key);
      assertThat(owner).as(key).isEqualTo(kafkaStreamsAnswer(first, key));
      kinds.merge(owner.getClass(), 1, Integer::sum);
    }
    // Both instances own partitions, so both answers were given, each many times over.
    assertThat(kinds).containsOnlyKeys(KeyOwner.Local.class, KeyOwner.Remote.class);

    second.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(Duration.ofSeconds(10)));
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(keys)
                    .allSatisfy(
                        key ->
                            assertThat(router.ownerOf(key))
                                .isEqualTo(
                                    new KeyOwner.Local(
                                        KeyRouter.partition(
                                            key.getBytes(StandardCharsets.UTF_8), PARTITIONS)))));
    for (String key : keys) {
      assertThat(router.ownerOf(key)).as(key).isEqualTo(kafkaStreamsAnswer(first, key));
    }
  }

  @Test
  void keysOfAnInstanceThatDoesNotAdvertiseItselfHaveNoOwnerAsKafkaStreamsSays(
      @TempDir Path firstState, @TempDir Path secondState) throws Exception {
    String topic = newTopic();
    String application = "key-router-" + UUID.randomUUID();
    KafkaStreams first = start(application, topic, firstState, FIRST);
    // No application.server: Kafka Streams' metadata lists none of its partitions.
    KafkaStreams second = start(application, topic, secondState, null);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                first.state() == KafkaStreams.State.RUNNING
                    && second.state() == KafkaStreams.State.RUNNING
                    && !second.metadataForLocalThreads().iterator().next().activeTasks().isEmpty()
                    && first.metadataForAllStreamsClients().size() == 1);
    KeyRouter<String> router =
        new KeyRouter<>(() -> first, STORE, topic, new StringSerializer(), FIRST);

    Map<Class<?>, Integer> kinds = new HashMap<>();
    for (String key : keys()) {
      KeyOwner owner = router.ownerOf(key);
      KeyQueryMetadata kafkaStreams = first.queryMetadataForKey(STORE, key, new StringSerializer());
      if (kafkaStreams.activeHost().port() < 0) {
        assertThat(owner).as(key).isInstanceOf(KeyOwner.Unavailable.class);
      } else {
        assertThat(owner).as(key).isEqualTo(new KeyOwner.Local(kafkaStreams.partition()));
      }
      kinds.merge(owner.getClass(), 1, Integer::sum);
    }
    assertThat(kinds).containsOnlyKeys(KeyOwner.Local.class, KeyOwner.Unavailable.class);
  }

  private static String newTopic() throws Exception {
    String topic = "routed-" + UUID.randomUUID();
    try (Admin admin = Admin.create(TestInfrastructure.shared().clientConfig())) {
      admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
    }
    return topic;
  }

  private static List<String> keys() {
    return IntStream.range(0, 300).mapToObj(i -> "merchant-" + i % 7 + "/order-" + i).toList();
  }

  /** An instance of the application; {@code self} null for one that does not advertise itself. */
  private KafkaStreams start(String application, String topic, Path state, HostInfo self) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.table(
        topic,
        Consumed.with(Serdes.String(), Serdes.String()),
        Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as(STORE)
            .withKeySerde(Serdes.String())
            .withValueSerde(Serdes.String()));
    Map<String, Object> config = new HashMap<>(TestInfrastructure.shared().clientConfig());
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, application);
    config.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    String name = "instance-" + UUID.randomUUID();
    if (self != null) {
      config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
    }
    // Static members, as Payrail's instances are: leaving the group on close needs it, and the
    // remaining instance takes the partitions at once instead of after the session timeout.
    config.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), name);
    KafkaStreams streams = new KafkaStreams(builder.build(), new StreamsConfig(config));
    started.add(streams);
    streams.start();
    return streams;
  }

  private static boolean runningWithClients(KafkaStreams streams, int clients) {
    return streams.state() == KafkaStreams.State.RUNNING
        && streams.metadataForAllStreamsClients().size() == clients;
  }

  private static KeyOwner kafkaStreamsAnswer(KafkaStreams streams, String key) {
    KeyQueryMetadata metadata = streams.queryMetadataForKey(STORE, key, new StringSerializer());
    return metadata.activeHost().equals(FIRST)
        ? new KeyOwner.Local(metadata.partition())
        : new KeyOwner.Remote(metadata.activeHost(), metadata.partition());
  }
}
