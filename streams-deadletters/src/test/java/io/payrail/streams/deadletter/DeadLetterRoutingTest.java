package io.payrail.streams.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payrail.schemas.serde.SchemaRegistryUnavailableException;
import io.payrail.schemas.topics.DeadLetterHeaders;
import io.payrail.schemas.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A topology of the shape risk and loyalty have: an intake that dead-letters, a repartition, a step
 * after it that can fail. Whatever fails, the dead letter names the contract topic it was read
 * from, so that a replay publishes it there and never into an internal topic.
 */
class DeadLetterRoutingTest {

  private static final String SOURCE = Topics.ORDERS.name();
  private static final String RESULTS = Topics.ORDER_RISK.name();
  private static final String CARD_NUMBER = "4111111111111111";

  private final List<String> counted = new ArrayList<>();
  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> input;
  private TestOutputTopic<String, String> results;
  private TestOutputTopic<String, byte[]> deadLetters;

  @BeforeEach
  void start() {
    StreamsBuilder builder = new StreamsBuilder();
    KStream<String, String> accepted =
        DeadLetterRouting.deadLettersOff(
            builder.stream(
                    SOURCE,
                    Consumed.with(
                        Serdes.String(),
                        Intake.serde(
                            contract(),
                            Intake.problems(
                                value -> value.isBlank() ? "blank value" : null,
                                IllegalArgumentException::new))))
                .processValues(SourceStamp::new, Named.as("stamp")),
            "intake",
            counted::add);
    KStream<String, Outcome<String>> handled =
        accepted
            .selectKey((key, value) -> "by-" + value)
            .repartition(
                Repartitioned.<String, String>as("by-value")
                    .withKeySerde(Serdes.String())
                    .withValueSerde(Serdes.String()))
            .mapValues(DeadLetterRoutingTest::handle);
    DeadLetterRouting.deadLettersOff(handled, "step", counted::add)
        .processValues(SourceStamp::removed, Named.as("unstamp"))
        .to(RESULTS, Produced.with(Serdes.String(), Serdes.String()));
    Topology topology = builder.build();
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "dead-letter-routing-test");
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    driver = new TopologyTestDriver(topology, config);
    input =
        driver.createInputTopic(SOURCE, new StringSerializer(), Serdes.ByteArray().serializer());
    results = driver.createOutputTopic(RESULTS, new StringDeserializer(), new StringDeserializer());
    deadLetters =
        driver.createOutputTopic(
            Topics.ORDERS.deadLetterTopic(),
            new StringDeserializer(),
            Serdes.ByteArray().deserializer());
  }

  @AfterEach
  void close() {
    driver.close();
  }

  @Test
  void valuesPassWithoutTheSourceStamp() {
    input.pipeInput("k1", bytes("fine"));

    TestRecord<String, String> result = results.readRecord();
    assertThat(result.value()).isEqualTo("FINE");
    assertThat(result.headers().toArray()).isEmpty();
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void resultsLeaveWithoutTheHeadersTheirInputCarried() {
    RecordHeaders upstream = new RecordHeaders();
    upstream.add("card", CARD_NUMBER.getBytes(StandardCharsets.UTF_8));
    upstream.add("traceparent", bytes("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
    input.pipeInput(new TestRecord<>("k1", bytes("fine"), upstream));

    TestRecord<String, String> result = results.readRecord();
    assertThat(result.value()).isEqualTo("FINE");
    assertThat(result.headers().toArray()).isEmpty();
  }

  @Test
  void failureAfterTheRepartitionNamesTheSourceTopicNotTheRepartitionTopic() {
    input.pipeInput("k1", bytes("other"));
    input.pipeInput("k2", bytes("fail-me"));

    TestRecord<String, byte[]> deadLetter = deadLetters.readRecord();
    assertThat(deadLetter.value()).isEqualTo(bytes("fail-me"));
    Headers headers = deadLetter.headers();
    assertThat(text(headers, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo(SOURCE);
    assertThat(ByteBuffer.wrap(header(headers, DeadLetterHeaders.ORIGINAL_OFFSET)).getLong())
        .isEqualTo(1);
    assertThat(ByteBuffer.wrap(header(headers, DeadLetterHeaders.ORIGINAL_PARTITION)).getInt())
        .isZero();
    assertThat(text(headers, DeadLetterHeaders.EXCEPTION_FQCN))
        .isEqualTo(IllegalStateException.class.getName());
    assertThat(text(headers, DeadLetterHeaders.EXCEPTION_MESSAGE))
        .isEqualTo("cannot handle fail-me");
    assertThat(headers.lastHeader(SourceStamp.TOPIC)).isNull();
    assertThat(counted).containsExactly(Topics.ORDERS.deadLetterTopic());
    assertThat(results.readValuesToList()).containsExactly("OTHER");
  }

  @Test
  void poisonPillsAtTheIntakeAreDeadLettersWithTheirOriginalBytes() {
    input.pipeInput("corrupt", bytes("corrupt"));
    input.pipeInput("blank", bytes(" "));
    input.pipeInput("tombstone", (byte[]) null);
    input.pipeInput("next", bytes("next"));

    List<TestRecord<String, byte[]>> letters = deadLetters.readRecordsToList();
    assertThat(letters)
        .extracting(TestRecord::key)
        .containsExactly("corrupt", "blank", "tombstone");
    assertThat(letters.get(0).value()).isEqualTo(bytes("corrupt"));
    assertThat(text(letters.get(0).headers(), DeadLetterHeaders.EXCEPTION_FQCN))
        .isEqualTo(SerializationException.class.getName());
    assertThat(text(letters.get(1).headers(), DeadLetterHeaders.EXCEPTION_MESSAGE))
        .isEqualTo("blank value");
    assertThat(letters.get(2).value()).isNull();
    assertThat(letters)
        .allSatisfy(
            letter ->
                assertThat(text(letter.headers(), DeadLetterHeaders.ORIGINAL_TOPIC))
                    .isEqualTo(SOURCE));
    assertThat(results.readValuesToList()).containsExactly("NEXT");
  }

  @Test
  void aCardNumberInTheBytesKeyOrHeadersOfADeadLetterIsCopiedNowhere() {
    input.pipeInput("corrupt", bytes("corrupt, card " + CARD_NUMBER));
    input.pipeInput("order " + CARD_NUMBER, bytes(" "));
    input.pipeInput(
        new TestRecord<>(
            "headed",
            bytes(" "),
            new RecordHeaders()
                .add("trace", bytes("card 4111 1111 1111 1111"))
                .add("source", bytes("shop-1"))));
    input.pipeInput("next", bytes("next"));

    List<TestRecord<String, byte[]>> letters = deadLetters.readRecordsToList();
    assertThat(letters).hasSize(3);
    // Undecodable bytes holding a number: no value, the reason in the headers.
    assertThat(letters.get(0).key()).isEqualTo("corrupt");
    assertThat(letters.get(0).value()).isNull();
    assertThat(text(letters.get(0).headers(), DeadLetterHeaders.EXCEPTION_FQCN))
        .isEqualTo(SerializationException.class.getName());
    // A key holding a number: no key.
    assertThat(letters.get(1).key()).isNull();
    assertThat(letters.get(1).value()).isEqualTo(bytes(" "));
    // A header of the record holding a number: left out, the others kept.
    assertThat(letters.get(2).headers().lastHeader("trace")).isNull();
    assertThat(text(letters.get(2).headers(), "source")).isEqualTo("shop-1");
    for (TestRecord<String, byte[]> letter : letters) {
      for (Header header : letter.headers()) {
        assertThat(new String(header.value(), StandardCharsets.UTF_8))
            .as(header.key())
            .doesNotContain(CARD_NUMBER)
            .doesNotContain("4111 1111");
      }
    }
    assertThat(results.readValuesToList()).containsExactly("NEXT");
  }

  @Test
  void registryAwayIsNotADeadLetter() {
    Serde<Outcome<String>> intake =
        Intake.serde(contract(), (value, original) -> new Outcome.Ok<>(value));

    assertThatThrownBy(() -> intake.deserializer().deserialize(SOURCE, bytes("away")))
        .isInstanceOf(SchemaRegistryUnavailableException.class);
  }

  private static Outcome<String> handle(String value) {
    return value.startsWith("fail")
        ? new Outcome.DeadLetter<>(
            value.getBytes(StandardCharsets.UTF_8),
            new IllegalStateException("cannot handle " + value))
        : new Outcome.Ok<>(value.toUpperCase(Locale.ROOT));
  }

  /**
   * A contract serde: bytes starting "corrupt" are corrupt, "away" need a registry that is away.
   */
  private static Serde<String> contract() {
    return Serdes.serdeFrom(
        new StringSerializer(),
        (topic, data) -> {
          String text = new String(data, StandardCharsets.UTF_8);
          if (text.startsWith("corrupt")) {
            throw new SerializationException("corrupt bytes");
          }
          if (text.equals("away")) {
            throw new SchemaRegistryUnavailableException("registry unreachable", null);
          }
          return text;
        });
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] header(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    assertThat(header).as(name).isNotNull();
    return header.value();
  }

  private static String text(Headers headers, String name) {
    return new String(header(headers, name), StandardCharsets.UTF_8);
  }
}
