package io.payrail.risk.topology;

import static io.payrail.risk.topology.RiskFixtures.order;
import static io.payrail.risk.topology.RiskFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.payrail.events.OrderPlaced;
import io.payrail.events.RiskAssessed;
import io.payrail.localstack.testing.InMemorySchemaRegistry;
import io.payrail.localstack.testing.TestInfrastructure;
import io.payrail.risk.deadletter.DeadLetterStamper;
import io.payrail.risk.intake.InvalidOrderException;
import io.payrail.risk.rules.RiskRules;
import io.payrail.risk.scoring.MicrometerRiskMetrics;
import io.payrail.schemas.serde.AvroSerdeConfig;
import io.payrail.schemas.serde.TopicSerdes;
import io.payrail.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Orders published straight to Kafka meet the same contract as the facade's: what breaks it is
 * dead-lettered, and what holds a card number is dead-lettered without copying the number.
 */
class OrdersFromKafkaContractTest {

  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  private static final String PAN = "4111111111111111";

  private final TopicSerdes serdes =
      new TopicSerdes(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_CLIENT, new InMemorySchemaRegistry()));
  private TopologyTestDriver driver;
  private TestInputTopic<String, OrderPlaced> orders;
  private TestInputTopic<String, byte[]> rawOrders;
  private TestOutputTopic<String, RiskAssessed> risk;
  private TestOutputTopic<String, byte[]> deadLetters;

  @BeforeEach
  void start() {
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "risk-contract-test");
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    config.put(
        StreamsConfig.STATE_DIR_CONFIG,
        TestInfrastructure.newTempDirectory("risk-contract-").toString());
    driver =
        new TopologyTestDriver(
            RiskTopology.topology(
                new StreamsBuilder(),
                RiskFixtures.shippedStreams().topologySettings(),
                new RiskRules(RiskFixtures.shippedRules()),
                serdes,
                new MicrometerRiskMetrics(new SimpleMeterRegistry())),
            config,
            T0);
    orders =
        driver.createInputTopic(
            Topics.ORDERS.name(),
            Serdes.String().serializer(),
            serdes.valueSerde(Topics.ORDERS).serializer());
    rawOrders =
        driver.createInputTopic(
            Topics.ORDERS.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
    risk =
        driver.createOutputTopic(
            Topics.ORDER_RISK.name(),
            Serdes.String().deserializer(),
            serdes.valueSerde(Topics.ORDER_RISK).deserializer());
    deadLetters =
        driver.createOutputTopic(
            Topics.ORDERS.deadLetterTopic(),
            Serdes.String().deserializer(),
            Serdes.ByteArray().deserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  @Test
  void ordersThatBreakTheContractAreDeadLetteredAsTheyCame() {
    for (UnaryOperator<OrderPlaced.Builder> broken :
        java.util.List.<UnaryOperator<OrderPlaced.Builder>>of(
            b -> b.setCurrency("XXX"),
            b -> b.setCurrency("XAU"),
            b -> b.setOrderId(".."),
            b -> b.setShippingCountry("XX"))) {
      OrderPlaced order = with(order("o-broken", "c-broken", 1_000, T0), broken);
      orders.pipeInput("o-broken", order);

      TestRecord<String, byte[]> deadLetter = deadLetters.readRecord();
      assertThat(header(deadLetter.headers(), DeadLetterStamper.EXCEPTION_FQCN))
          .isEqualTo(InvalidOrderException.class.getName());
      assertThat(
              serdes
                  .valueSerde(Topics.ORDERS)
                  .deserializer()
                  .deserialize(Topics.ORDERS.name(), deadLetter.value()))
          .isEqualTo(order);
    }
    assertThat(risk.isEmpty()).isTrue();
  }

  @Test
  void anOrderHoldingACardNumberIsDeadLetteredWithoutIt() {
    orders.pipeInput(
        "o-card", with(order("o-card", "c-card", 1_000, T0), b -> b.setCustomerId("c " + PAN)));
    orders.pipeInput(PAN, with(order(PAN, "c-card", 1_000, T0), b -> b.setOrderId(PAN)));
    rawOrders.pipeInput("o-raw", ("not avro, card " + PAN).getBytes(StandardCharsets.UTF_8));
    orders.pipeInput(
        "o-sku",
        with(
            order("o-sku", "c-card", 1_000, T0),
            b ->
                b.setItems(
                    java.util.List.of(
                        new io.payrail.events.LineItem("4111.1111.1111.1111", 1, 1_000L)))));
    OrderPlaced next = order("o-after-card", "c-card", 1_000, T0.plusSeconds(1));
    orders.pipeInput("o-after-card", next);

    var letters = deadLetters.readRecordsToList();
    assertThat(letters).hasSize(4);
    assertThat(letters).allSatisfy(letter -> assertThat(letter.value()).isNull());
    assertThat(letters)
        .extracting(TestRecord::key)
        .containsExactly("o-card", null, "o-raw", "o-sku");
    for (TestRecord<String, byte[]> letter : letters) {
      for (Header header : letter.headers()) {
        assertThat(new String(header.value(), StandardCharsets.UTF_8))
            .as(header.key())
            .doesNotContain("4111");
      }
    }
    assertThat(header(letters.get(0).headers(), DeadLetterStamper.EXCEPTION_MESSAGE))
        .contains("customerId holds what looks like a card number");
    assertThat(risk.readRecord().value().getOrder().getOrderId()).isEqualTo("o-after-card");
  }

  private static String header(Headers headers, String key) {
    return new String(headers.lastHeader(key).value(), StandardCharsets.UTF_8);
  }
}
