package io.payrail.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.payrail.events.RefundRequested;
import io.payrail.ingest.IngestTestSupport;
import io.payrail.ingest.observability.IngestMetrics;
import io.payrail.ingest.problem.ProblemException;
import io.payrail.ingest.problem.ProblemType;
import io.payrail.localstack.testing.TestInfrastructure;
import io.payrail.schemas.serde.AvroSerializer;
import io.payrail.schemas.serde.TopicSerdes;
import io.payrail.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** A broker that does not answer is a bounded 503 with Retry-After, never a hang or a 500. */
class EventPublisherTest {

  @Test
  void unreachableBrokerAnswers503WithinTheAckTimeout() {
    TopicSerdes serdes =
        new TopicSerdes(
            Map.of(
                "schema.registry.url", TestInfrastructure.shared().schemaRegistryUrl().toString()));
    AvroSerializer<SpecificRecord> values = new AvroSerializer<>(serdes.registry());
    values.configure(serdes.configs(), false);
    Map<String, Object> config =
        Map.of(
            "bootstrap.servers", "127.0.0.1:" + IngestTestSupport.freePort(),
            "max.block.ms", 500,
            "request.timeout.ms", 500,
            "delivery.timeout.ms", 1000,
            "acks", "all");
    PublishProperties properties =
        new PublishProperties(Duration.ofSeconds(1), Duration.ofSeconds(2));
    RefundRequested refund =
        RefundRequested.newBuilder()
            .setRefundId("r")
            .setOrderId("o")
            .setMerchantId("m")
            .setReason("x")
            .setRequestedAt(Instant.now())
            .build();
    long started = System.nanoTime();
    try (EventPublisher publisher =
        new EventPublisher(
            new KafkaProducer<>(config, new StringSerializer(), values),
            properties,
            new IngestMetrics(new SimpleMeterRegistry()))) {
      ProblemException problem =
          catchThrowableOfType(
              ProblemException.class, () -> publisher.publish(Topics.REFUND_REQUESTS, "o", refund));

      assertThat(problem.type()).isEqualTo(ProblemType.UNAVAILABLE);
      assertThat(problem.headers()).containsEntry("Retry-After", "2");
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }
}
