package io.payrail.streams.deadletter;

import io.payrail.schemas.contract.CardNumbers;
import io.payrail.schemas.topics.DeadLetterHeaders;
import io.payrail.schemas.topics.Topic;
import io.payrail.schemas.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
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
 * (but one holding what looks like a card number), and the contract's {@link DeadLetterHeaders}
 * saying why and where from. Where from is the {@link SourceStamp} when the record carries one (it
 * may have crossed a repartition topic since), else the record the processor is handling now.
 */
public final class DeadLetterStamper<T> implements FixedKeyProcessor<String, Outcome<T>, byte[]> {

  /** Told about every dead letter, e.g. to count them. */
  public interface Listener {

    Listener NONE = deadLetterTopic -> {};

    void deadLettered(String deadLetterTopic);
  }

  private static final Logger log = LoggerFactory.getLogger(DeadLetterStamper.class);

  private final Listener listener;
  private FixedKeyProcessorContext<String, byte[]> context;

  public DeadLetterStamper(Listener listener) {
    this.listener = listener;
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
    // The record's own headers were never checked by the contract: one holding what looks like a
    // card number is left out (as the transactional listeners' dead letters do).
    for (Header header : headers.toArray()) {
      if (header.value() != null
          && CardNumbers.containsCardNumber(new String(header.value(), StandardCharsets.UTF_8))) {
        headers.remove(header.key());
      }
    }
    Optional<SourceStamp.Source> source =
        SourceStamp.read(headers)
            .or(
                () ->
                    context
                        .recordMetadata()
                        .map(
                            now ->
                                new SourceStamp.Source(
                                    now.topic(), now.partition(), now.offset())));
    SourceStamp.remove(headers);
    source.ifPresent(
        from -> {
          put(headers, DeadLetterHeaders.ORIGINAL_TOPIC, utf8(from.topic()));
          put(
              headers,
              DeadLetterHeaders.ORIGINAL_PARTITION,
              ByteBuffer.allocate(Integer.BYTES).putInt(from.partition()).array());
          put(
              headers,
              DeadLetterHeaders.ORIGINAL_OFFSET,
              ByteBuffer.allocate(Long.BYTES).putLong(from.offset()).array());
        });
    Exception cause = deadLetter.cause();
    put(headers, DeadLetterHeaders.EXCEPTION_FQCN, utf8(cause.getClass().getName()));
    put(
        headers,
        DeadLetterHeaders.EXCEPTION_MESSAGE,
        utf8(Objects.toString(cause.getMessage(), "")));
    put(
        headers,
        DeadLetterHeaders.ORIGINAL_TIMESTAMP,
        ByteBuffer.allocate(Long.BYTES).putLong(record.timestamp()).array());
    String deadLetterTopic = deadLetterTopicOf(headers);
    log.warn(
        "Record {} from {} sent to {}: {}",
        record.key(),
        source.map(from -> from.topic() + "-" + from.partition() + "@" + from.offset()).orElse("?"),
        deadLetterTopic,
        cause.toString());
    listener.deadLettered(deadLetterTopic);
    context.forward(record.withValue(deadLetter.originalValue()).withHeaders(headers));
  }

  private static String deadLetterTopicOf(Headers headers) {
    Header original = headers.lastHeader(DeadLetterHeaders.ORIGINAL_TOPIC);
    if (original == null) {
      throw new IllegalStateException(
          "dead letter without " + DeadLetterHeaders.ORIGINAL_TOPIC + " header");
    }
    String topic = new String(original.value(), StandardCharsets.UTF_8);
    return Topics.byName(topic)
        .map(Topic::deadLetterTopic)
        .orElse(topic + Topic.DEAD_LETTER_SUFFIX);
  }

  private static void put(Headers headers, String key, byte[] value) {
    headers.remove(key);
    headers.add(key, value);
  }

  private static byte[] utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
