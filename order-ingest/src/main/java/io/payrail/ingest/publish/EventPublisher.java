package io.payrail.ingest.publish;

import io.payrail.ingest.observability.IngestMetrics;
import io.payrail.ingest.problem.ProblemException;
import io.payrail.ingest.problem.ProblemType;
import io.payrail.schemas.topics.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one event and waits, bounded, for the broker's acknowledgement: the facade answers 202
 * only for what Kafka has. Kafka down or slow is a 503 with Retry-After, never a hang or a 500. A
 * 503 does not prove the event was not written; the client's retry with the same body is then an
 * idempotent replay.
 */
public final class EventPublisher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);

  private final Producer<String, SpecificRecord> producer;
  private final PublishProperties properties;
  private final IngestMetrics metrics;

  public EventPublisher(
      Producer<String, SpecificRecord> producer,
      PublishProperties properties,
      IngestMetrics metrics) {
    this.producer = producer;
    this.properties = properties;
    this.metrics = metrics;
  }

  public <V extends SpecificRecord> RecordMetadata publish(
      Topic<String, V> topic, String key, V value) {
    long started = System.nanoTime();
    try {
      Future<RecordMetadata> ack = producer.send(new ProducerRecord<>(topic.name(), key, value));
      RecordMetadata metadata = ack.get(properties.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
      metrics.published(Duration.ofNanos(System.nanoTime() - started), "ok");
      return metadata;
    } catch (TimeoutException e) {
      throw unavailable(topic, started, "ack_timeout", e);
    } catch (ExecutionException | KafkaException e) {
      throw unavailable(topic, started, "kafka_error", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(topic, started, "interrupted", e);
    }
  }

  private ProblemException unavailable(
      Topic<String, ?> topic, long started, String outcome, Exception cause) {
    metrics.published(Duration.ofNanos(System.nanoTime() - started), outcome);
    // The cause's class and message name the broker problem; the record itself is never logged.
    log.warn("Publishing to {} failed ({}): {}", topic.name(), outcome, cause.toString());
    return new ProblemException(
        ProblemType.UNAVAILABLE,
        "The event store did not acknowledge in time; retry with the same body",
        List.of(),
        Map.of("Retry-After", Long.toString(properties.retryAfter().toSeconds())));
  }

  @Override
  public void close() {
    producer.close(properties.ackTimeout());
  }
}
