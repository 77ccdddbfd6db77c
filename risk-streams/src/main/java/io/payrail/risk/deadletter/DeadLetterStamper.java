package io.payrail.risk.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a dead letter into the record written to the DLT: the original bytes, the original headers
 * and headers saying why. The header names and encodings are Spring Kafka's {@code
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

  private FixedKeyProcessorContext<String, byte[]> context;

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
    put(headers, EXCEPTION_FQCN, utf8(cause.getClass().getName()));
    put(headers, EXCEPTION_MESSAGE, utf8(Objects.toString(cause.getMessage(), "")));
    put(
        headers,
        ORIGINAL_TIMESTAMP,
        ByteBuffer.allocate(Long.BYTES).putLong(record.timestamp()).array());
    context
        .recordMetadata()
        .ifPresent(
            source -> {
              put(headers, ORIGINAL_TOPIC, utf8(source.topic()));
              put(
                  headers,
                  ORIGINAL_PARTITION,
                  ByteBuffer.allocate(Integer.BYTES).putInt(source.partition()).array());
              put(
                  headers,
                  ORIGINAL_OFFSET,
                  ByteBuffer.allocate(Long.BYTES).putLong(source.offset()).array());
            });
    log.warn(
        "Order record {} from {} sent to the dead-letter topic: {}",
        record.key(),
        context.recordMetadata().map(DeadLetterStamper::describe).orElse("an unknown source"),
        cause.toString());
    context.forward(record.withValue(deadLetter.originalValue()).withHeaders(headers));
  }

  private static String describe(RecordMetadata source) {
    return source.topic() + "-" + source.partition() + "@" + source.offset();
  }

  private static void put(Headers headers, String key, byte[] value) {
    headers.remove(key);
    headers.add(key, value);
  }

  private static byte[] utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
