package io.payrail.ingest.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.events.CustomerRegistered;
import io.payrail.localstack.testing.InMemorySchemaRegistry;
import io.payrail.localstack.testing.TestInfrastructure;
import io.payrail.routing.ProcessedOffsets;
import io.payrail.schemas.serde.AvroSerdeConfig;
import io.payrail.schemas.serde.TopicSerdes;
import io.payrail.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The members view's topology alone, driven with TopologyTestDriver. */
class CustomerTopologyTest {

  private static final Instant T0 = Instant.parse("2026-12-01T05:00:00Z");

  private final TopicSerdes serdes =
      new TopicSerdes(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_CLIENT, new InMemorySchemaRegistry()));
  private final ProcessedOffsets processed = new ProcessedOffsets();
  private TopologyTestDriver driver;

  @BeforeEach
  void start() {
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "customer-topology-test");
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    config.put(
        StreamsConfig.STATE_DIR_CONFIG,
        TestInfrastructure.newTempDirectory("customer-topology-").toString());
    StreamsBuilder builder = new StreamsBuilder();
    CustomerTopology.profiles(builder, serdes, processed);
    driver = new TopologyTestDriver(builder.build(), config);
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  @Test
  void theFirstRegistrationOfAKeyIsTheProfile() {
    register("m-1/c-1", registered("m-1", "c-1", "Ada", T0));
    register("m-1/c-1", registered("m-1", "c-1", "Grace", T0.plusSeconds(1)));
    register("m-2/c-1", registered("m-2", "c-1", "Linus", T0.plusSeconds(2)));

    KeyValueStore<String, CustomerRegistered> profiles =
        driver.getKeyValueStore(CustomerTopology.PROFILE_STORE);
    assertThat(profiles.get("m-1/c-1").getDisplayName()).isEqualTo("Ada");
    assertThat(profiles.get("m-1/c-1").getCreatedAt()).isEqualTo(T0);
    assertThat(profiles.get("m-2/c-1").getDisplayName()).isEqualTo("Linus");
  }

  @Test
  void anIgnoredRepeatCountsAsProcessedForReadYourWrites() {
    register("m-1/c-1", registered("m-1", "c-1", "Ada", T0));
    register("m-1/c-1", registered("m-1", "c-1", "Grace", T0.plusSeconds(1)));

    assertThat(
            processed.reached(
                Position.emptyPosition().withComponent(Topics.CUSTOMERS.name(), 0, 1)))
        .isTrue();
  }

  @Test
  void anUnreadableRecordIsDroppedButCountsAsProcessedForReadYourWrites() {
    driver
        .createInputTopic(
            Topics.CUSTOMERS.name(), new StringSerializer(), new ByteArraySerializer())
        .pipeInput("m-1/c-bad", "not avro".getBytes(StandardCharsets.UTF_8));
    register("m-1/c-2", registered("m-1", "c-2", "Ada", T0));

    assertThat(
            driver
                .<String, CustomerRegistered>getKeyValueStore(CustomerTopology.PROFILE_STORE)
                .get("m-1/c-bad"))
        .isNull();
    assertThat(
            processed.reached(
                Position.emptyPosition().withComponent(Topics.CUSTOMERS.name(), 0, 1)))
        .isTrue();
  }

  @Test
  void balancesAreKeptAsPublishedForEveryMerchantsCustomer() {
    byte[] mine = {0, 0, 0, 0, 7, 1, 2};
    byte[] theirs = {0, 0, 0, 0, 7, 3, 4};
    TestInputTopic<String, byte[]> balances =
        driver.createInputTopic(
            Topics.LOYALTY_BALANCES.name(), new StringSerializer(), new ByteArraySerializer());
    balances.pipeInput("m-1/c-1", mine);
    balances.pipeInput("m-2/c-1", theirs);

    KeyValueStore<String, byte[]> store = driver.getKeyValueStore(CustomerTopology.BALANCE_STORE);
    assertThat(store.get("m-1/c-1")).isEqualTo(mine);
    assertThat(store.get("m-2/c-1")).isEqualTo(theirs);
    assertThat(store.get("c-1")).isNull();
  }

  private void register(String key, CustomerRegistered customer) {
    driver
        .createInputTopic(
            Topics.CUSTOMERS.name(),
            new StringSerializer(),
            serdes.valueSerde(Topics.CUSTOMERS).serializer())
        .pipeInput(key, customer);
  }

  private static CustomerRegistered registered(
      String merchantId, String customerId, String name, Instant at) {
    return CustomerRegistered.newBuilder()
        .setMerchantId(merchantId)
        .setCustomerId(customerId)
        .setDisplayName(name)
        .setCountry("DE")
        .setCreatedAt(at)
        .build();
  }
}
