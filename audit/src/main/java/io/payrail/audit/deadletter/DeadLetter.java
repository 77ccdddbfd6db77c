package io.payrail.audit.deadletter;

import io.payrail.audit.kafka.RecordCoordinates;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A record of a dead-letter topic as ops may see it: its key, where it came from and why it is
 * here, and only the size of its value: the value may hold anything, so it is never shown.
 *
 * @param location where the dead letter itself is (the {@code .DLT} topic, partition, offset)
 * @param key the original key, null when it had none
 * @param originalTopic the topic the record failed in, null when the header is missing
 * @param originalPartition its partition there, null when the header is missing
 * @param originalOffset its offset there, null when the header is missing
 * @param exceptionClass the failure's exception class, null when the header is missing
 * @param exceptionMessage the failure's message, null when the header is missing
 * @param valueSize bytes of the value, -1 for a null value
 * @param deadLetteredAt the dead letter's record timestamp
 */
public record DeadLetter(
    RecordCoordinates location,
    String key,
    String originalTopic,
    Integer originalPartition,
    Long originalOffset,
    String exceptionClass,
    String exceptionMessage,
    int valueSize,
    Instant deadLetteredAt) {

  /**
   * Spring Kafka's {@code DeadLetterPublishingRecoverer} header names, which every service uses.
   */
  public static final String ORIGINAL_TOPIC = "kafka_dlt-original-topic";

  public static final String ORIGINAL_PARTITION = "kafka_dlt-original-partition";
  public static final String ORIGINAL_OFFSET = "kafka_dlt-original-offset";
  public static final String EXCEPTION_FQCN = "kafka_dlt-exception-fqcn";
  public static final String EXCEPTION_MESSAGE = "kafka_dlt-exception-message";

  /** Prefix of every header the dead-letter publisher adds; none of them goes back on replay. */
  public static final String DEAD_LETTER_HEADER_PREFIX = "kafka_dlt-";

  /** Reads a dead letter's headers; a missing or malformed header becomes null, never a failure. */
  public static DeadLetter from(ConsumerRecord<byte[], byte[]> record) {
    return new DeadLetter(
        new RecordCoordinates(record.topic(), record.partition(), record.offset()),
        record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
        text(record, ORIGINAL_TOPIC),
        bytes(record, ORIGINAL_PARTITION)
            .filter(value -> value.length == Integer.BYTES)
            .map(value -> ByteBuffer.wrap(value).getInt())
            .orElse(null),
        bytes(record, ORIGINAL_OFFSET)
            .filter(value -> value.length == Long.BYTES)
            .map(value -> ByteBuffer.wrap(value).getLong())
            .orElse(null),
        text(record, EXCEPTION_FQCN),
        text(record, EXCEPTION_MESSAGE),
        record.value() == null ? -1 : record.value().length,
        Instant.ofEpochMilli(record.timestamp()));
  }

  /** The record this dead letter stands for, when its headers say. */
  public Optional<RecordCoordinates> original() {
    if (originalTopic == null || originalPartition == null || originalOffset == null) {
      return Optional.empty();
    }
    return Optional.of(new RecordCoordinates(originalTopic, originalPartition, originalOffset));
  }

  /** One line for ops: never the value's bytes. */
  public String render() {
    return location
        + " key="
        + key
        + " from="
        + original().map(RecordCoordinates::toString).orElse("unknown")
        + " exception="
        + exceptionClass
        + " message="
        + exceptionMessage
        + " valueBytes="
        + valueSize
        + " at="
        + deadLetteredAt;
  }

  private static Optional<byte[]> bytes(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return Optional.ofNullable(header).map(Header::value);
  }

  private static String text(ConsumerRecord<byte[], byte[]> record, String name) {
    return bytes(record, name).map(value -> new String(value, StandardCharsets.UTF_8)).orElse(null);
  }
}
