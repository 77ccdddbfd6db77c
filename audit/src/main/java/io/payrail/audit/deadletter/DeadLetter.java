package io.payrail.audit.deadletter;

import io.payrail.audit.kafka.RecordCoordinates;
import io.payrail.schemas.topics.DeadLetterHeaders;
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
   * Reads a dead letter's {@link DeadLetterHeaders}; a missing or malformed header becomes null,
   * never a failure.
   */
  public static DeadLetter from(ConsumerRecord<byte[], byte[]> record) {
    return new DeadLetter(
        new RecordCoordinates(record.topic(), record.partition(), record.offset()),
        record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
        text(record, DeadLetterHeaders.ORIGINAL_TOPIC),
        bytes(record, DeadLetterHeaders.ORIGINAL_PARTITION)
            .filter(value -> value.length == Integer.BYTES)
            .map(value -> ByteBuffer.wrap(value).getInt())
            .orElse(null),
        bytes(record, DeadLetterHeaders.ORIGINAL_OFFSET)
            .filter(value -> value.length == Long.BYTES)
            .map(value -> ByteBuffer.wrap(value).getLong())
            .orElse(null),
        text(record, DeadLetterHeaders.EXCEPTION_FQCN),
        text(record, DeadLetterHeaders.EXCEPTION_MESSAGE),
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
