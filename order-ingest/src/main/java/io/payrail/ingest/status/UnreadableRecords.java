package io.payrail.ingest.status;

import io.payrail.routing.ProcessedOffsets;
import io.payrail.streams.deadletter.Outcome;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops a record the view can never use (corrupt bytes, an unknown schema id, a tombstone, no key,
 * a key that is not the {@code merchantId/orderId} of its value): logs where it is (never its bytes
 * or its key, which a producer may have filled with anything), counts it, and notes its offset as
 * processed. Without the last, such a record at the end of an {@code orders} partition would hold
 * every read-your-writes wait on that partition (a GET of an unknown order) until its timeout,
 * since the store never reaches that offset. Records of a partition are processed in order, so
 * every record before this one has reached the store already.
 */
final class UnreadableRecords implements FixedKeyProcessor<String, Outcome<SpecificRecord>, Void> {

  private static final Logger log = LoggerFactory.getLogger(UnreadableRecords.class);

  private final ProcessedOffsets processed;
  private final Consumer<String> unreadable;
  private FixedKeyProcessorContext<String, Void> context;

  /**
   * @param unreadable told the topic of every record dropped, e.g. to count them
   */
  UnreadableRecords(ProcessedOffsets processed, Consumer<String> unreadable) {
    this.processed = processed;
    this.unreadable = unreadable;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Void> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, Outcome<SpecificRecord>> record) {
    RecordMetadata source = context.recordMetadata().orElseThrow();
    log.warn(
        "Skipping {}-{}@{}: it cannot be read ({})",
        source.topic(),
        source.partition(),
        source.offset(),
        reason(record));
    unreadable.accept(source.topic());
    processed.record(source.topic(), source.partition(), source.offset());
  }

  private static String reason(FixedKeyRecord<String, Outcome<SpecificRecord>> record) {
    if (record.value() instanceof Outcome.DeadLetter<SpecificRecord> deadLetter) {
      return deadLetter.cause().toString();
    }
    return record.key() == null
        ? "no key"
        : "the record key is not the merchantId/orderId of its value";
  }
}
