package io.payrail.streams.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Writes where a record came from (topic, partition, offset) into its headers, right after the
 * source. Headers travel through repartition topics, so a record that fails after a repartition
 * still reaches the DLT naming its contract topic, not the internal repartition topic that a replay
 * must never write to. {@link #removed()} takes the stamp, and every other header its input had,
 * off records leaving as results.
 */
public final class SourceStamp<V> implements FixedKeyProcessor<String, V, V> {

  static final String TOPIC = "payrail-source-topic";
  static final String PARTITION = "payrail-source-partition";
  static final String OFFSET = "payrail-source-offset";

  private FixedKeyProcessorContext<String, V> context;

  /**
   * Where a stamped record came from.
   *
   * @param topic the contract topic it was read from
   * @param partition its partition there
   * @param offset its offset there
   */
  record Source(String topic, int partition, long offset) {}

  @Override
  public void init(FixedKeyProcessorContext<String, V> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, V> record) {
    Headers headers = record.headers();
    context
        .recordMetadata()
        .ifPresent(
            source -> {
              replace(headers, TOPIC, source.topic().getBytes(StandardCharsets.UTF_8));
              replace(
                  headers,
                  PARTITION,
                  ByteBuffer.allocate(Integer.BYTES).putInt(source.partition()).array());
              replace(
                  headers,
                  OFFSET,
                  ByteBuffer.allocate(Long.BYTES).putLong(source.offset()).array());
            });
    context.forward(record);
  }

  /**
   * Takes every header off, the stamp included: for records that leave the application as results.
   * An input's headers are its producer's (an upstream system may put anything there, even a card
   * number); a result carries only what Payrail writes, which is its key and value.
   */
  public static <V> FixedKeyProcessor<String, V, V> removed() {
    return new FixedKeyProcessor<>() {
      private FixedKeyProcessorContext<String, V> context;

      @Override
      public void init(FixedKeyProcessorContext<String, V> context) {
        this.context = context;
      }

      @Override
      public void process(FixedKeyRecord<String, V> record) {
        context.forward(record.withHeaders(new RecordHeaders()));
      }
    };
  }

  /** The stamp in these headers, if a complete one is there. */
  static Optional<Source> read(Headers headers) {
    Header topic = headers.lastHeader(TOPIC);
    Header partition = headers.lastHeader(PARTITION);
    Header offset = headers.lastHeader(OFFSET);
    if (topic == null
        || partition == null
        || partition.value().length != Integer.BYTES
        || offset == null
        || offset.value().length != Long.BYTES) {
      return Optional.empty();
    }
    return Optional.of(
        new Source(
            new String(topic.value(), StandardCharsets.UTF_8),
            ByteBuffer.wrap(partition.value()).getInt(),
            ByteBuffer.wrap(offset.value()).getLong()));
  }

  static void remove(Headers headers) {
    headers.remove(TOPIC);
    headers.remove(PARTITION);
    headers.remove(OFFSET);
  }

  private static void replace(Headers headers, String key, byte[] value) {
    headers.remove(key);
    headers.add(key, value);
  }
}
