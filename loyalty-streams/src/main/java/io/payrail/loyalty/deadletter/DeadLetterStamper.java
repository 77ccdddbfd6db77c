package io.payrail.loyalty.deadletter;

import io.payrail.loyalty.points.LoyaltyMetrics;
import io.payrail.schemas.topics.Topic;
import io.payrail.schemas.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.TopicNameExtractor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a dead letter into the record written to the DLT: the original bytes, the original headers
 * and headers saying why and where from. The header names and encodings are Spring Kafka's {@code
 * DeadLetterPublishingRecoverer}'s, so one DLT reader serves every Payrail service.
 */
public final class DeadLetterStamper<T> implements FixedKeyProcessor<String, Outcome<T>, byte[]> {

  public static final String EXCEPTION_FQCN = "kafka_dlt-exception-fqcn";
  public static final String EXCEPTION_MESSAGE = "kafka_dlt-exception-message";
  public static final String ORIGINAL_TOPIC = "kafka_dlt-original-topic";
  public static final String ORIGINAL_PARTITION = "kafka_dlt-original-partition";
  public static final String ORIGINAL_OFFSET = "kafka_dlt-original-offset";
  public static final String ORIGINAL_TIMESTAMP = "kafka_dlt-original-timestamp";

  private static final Logger log = LoggerFactory.getLogger(DeadLetterStamper.class);

  private final LoyaltyMetrics metrics;
  private FixedKeyProcessorContext<String, byte[]> context;

  public DeadLetterStamper(LoyaltyMetrics metrics) {
    this.metrics = metrics;
  }

  /** Sends each stamped record to the DLT of the contract topic it came from. */
  public static TopicNameExtractor<String, byte[]> deadLetterTopic() {
    return (key, value, recordContext) -> deadLetterTopicOf(recordContext.headers());
  }

  @Override
  public void init(FixedKeyProcessorContext<String, byte[]> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, Outcome<T>> record) {
    if (!(record.value() instanceof Outcome.DeadLetter<?> deadLetter)) {
      throw new IllegalStateException("only dead letters are routed to the DLT");
    }
    Headers headers = new RecordHeaders(record.headers().toArray());
    Exception cause = deadLetter.cause();
    copy(headers, SourceStamp.TOPIC, ORIGINAL_TOPIC);
    copy(headers, SourceStamp.PARTITION, ORIGINAL_PARTITION);
    copy(headers, SourceStamp.OFFSET, ORIGINAL_OFFSET);
    SourceStamp.remove(headers);
    put(headers, EXCEPTION_FQCN, utf8(cause.getClass().getName()));
    put(headers, EXCEPTION_MESSAGE, utf8(Objects.toString(cause.getMessage(), "")));
    put(
        headers,
        ORIGINAL_TIMESTAMP,
        ByteBuffer.allocate(Long.BYTES).putLong(record.timestamp()).array());
    String deadLetterTopic = deadLetterTopicOf(headers);
    log.warn("Record {} sent to {}: {}", record.key(), deadLetterTopic, cause.toString());
    metrics.deadLettered(deadLetterTopic);
    context.forward(record.withValue(deadLetter.originalValue()).withHeaders(headers));
  }

  private static String deadLetterTopicOf(Headers headers) {
    Header original = headers.lastHeader(ORIGINAL_TOPIC);
    if (original == null) {
      throw new IllegalStateException("dead letter without " + ORIGINAL_TOPIC + " header");
    }
    String topic = new String(original.value(), StandardCharsets.UTF_8);
    return Topics.byName(topic)
        .map(Topic::deadLetterTopic)
        .orElse(topic + Topic.DEAD_LETTER_SUFFIX);
  }

  private static void copy(Headers headers, String from, String to) {
    Header source = headers.lastHeader(from);
    if (source != null) {
      put(headers, to, source.value());
    }
  }

  private static void put(Headers headers, String key, byte[] value) {
    headers.remove(key);
    headers.add(key, value);
  }

  private static byte[] utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
