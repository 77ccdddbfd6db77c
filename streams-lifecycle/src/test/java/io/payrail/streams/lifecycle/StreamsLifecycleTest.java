package io.payrail.streams.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.payrail.schemas.serde.SchemaRegistryUnavailableException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.DeserializationHandlerResponse;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

class StreamsLifecycleTest {

  private static final RetryBackoff BACKOFF =
      new RetryBackoff(Duration.ofMillis(1), Duration.ofMillis(2));

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @Test
  void settingsWinAndTheInstanceIsAStaticMemberNamedByItsApplicationServer() {
    StreamsBuilderFactoryBean factory =
        new StreamsBuilderFactoryBean(
            new KafkaStreamsConfiguration(
                Map.of(
                    "application.id", "payrail-view",
                    "bootstrap.servers", "broker:9092",
                    "application.server", "view-0.view:8080",
                    "commit.interval.ms", "1000")));

    new StreamsLifecycle(Map.of("commit.interval.ms", 100L), Duration.ofSeconds(5), BACKOFF, meters)
        .configure(factory);

    Properties config = factory.getStreamsConfiguration();
    assertThat(config)
        .containsEntry("commit.interval.ms", 100L)
        .containsEntry("main.consumer.group.instance.id", "payrail-view-view-0.view_8080")
        .containsEntry(
            "deserialization.exception.handler", RegistryAwareDeserializationHandler.class);
    assertThat(factory.getStreamsUncaughtExceptionHandler()).isInstanceOf(ReplaceThread.class);
  }

  @Test
  void anInstanceWithoutIdentityOrWithAGivenOneIsLeftAlone() {
    Properties anonymous = new Properties();
    anonymous.put("application.id", "payrail-risk");
    anonymous.put("application.server", "");
    StreamsLifecycle.staticMember(anonymous);
    assertThat(anonymous).doesNotContainKey("main.consumer.group.instance.id");

    Properties named = new Properties();
    named.put("application.id", "payrail-risk");
    named.put("application.server", "risk-0:8082");
    named.put("group.instance.id", "risk-0");
    StreamsLifecycle.staticMember(named);
    assertThat(named).doesNotContainKey("main.consumer.group.instance.id");
  }

  @Test
  void anAwayRegistryFailsTheThreadAndACorruptRecordIsSkipped() {
    RegistryAwareDeserializationHandler handler = new RegistryAwareDeserializationHandler();
    ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("orders", 3, 42L, null, null);
    ErrorHandlerContext context = null;

    assertThat(
            handler.handle(
                context,
                record,
                new StreamsException(
                    new SchemaRegistryUnavailableException("connection refused", null))))
        .isEqualTo(DeserializationHandlerResponse.FAIL);
    assertThat(handler.handle(context, record, new SerializationException("unknown schema id 7")))
        .isEqualTo(DeserializationHandlerResponse.CONTINUE);
  }

  @Test
  void everyDeadThreadIsReplacedAndRegistryOutagesAreCounted() {
    ReplaceThread replace = new ReplaceThread("payrail-risk", BACKOFF, meters);

    assertThat(
            replace.handle(
                new StreamsException(new SchemaRegistryUnavailableException("timed out", null))))
        .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    assertThat(replace.handle(new IllegalStateException("bug")))
        .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    assertThat(meters.get(ReplaceThread.REPLACED).tag("cause", "registry-away").counter().count())
        .isEqualTo(1);
    assertThat(meters.get(ReplaceThread.REPLACED).tag("cause", "failure").counter().count())
        .isEqualTo(1);
  }
}
