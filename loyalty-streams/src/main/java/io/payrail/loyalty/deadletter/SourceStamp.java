package io.payrail.loyalty.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Writes where a record came from (topic, partition, offset) into its headers, right after the
 * source. Headers travel through the repartition topic, so a record that fails after it still
 * reaches the DLT naming its original coordinates, not the repartition topic's.
 */
public final class SourceStamp<V> implements FixedKeyProcessor<String, V, V> {

  static final String TOPIC = "payrail-source-topic";
  static final String PARTITION = "payrail-source-partition";
  static final String OFFSET = "payrail-source-offset";

  private FixedKeyProcessorContext<String, V> context;

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

  /** Removes the stamp, for records leaving the application as results. */
  public static void remove(Headers headers) {
    headers.remove(TOPIC);
    headers.remove(PARTITION);
    headers.remove(OFFSET);
  }

  private static void replace(Headers headers, String key, byte[] value) {
    headers.remove(key);
    headers.add(key, value);
  }
}
