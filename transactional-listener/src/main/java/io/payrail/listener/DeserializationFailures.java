package io.payrail.listener;

import io.payrail.schemas.serde.SchemaRegistryUnavailableException;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * Why the {@code ErrorHandlingDeserializer} handed a record over without its key or value (the
 * exception travels in a header), sorted: corrupt bytes or an unknown schema id make a dead letter;
 * the schema registry away does not, the record is fine and must be read again later.
 */
public final class DeserializationFailures {

  private static final LogAccessor LOG =
      new LogAccessor(LogFactory.getLog(DeserializationFailures.class));

  private DeserializationFailures() {}

  /**
   * The record's deserialization failure, null when its key and value were read.
   *
   * @throws SchemaRegistryUnavailableException when it could not be read because the registry did
   *     not answer: the batch fails and is retried, nothing is dead-lettered
   */
  public static DeserializationException of(ConsumerRecord<?, ?> record) {
    DeserializationException failure =
        SerializationUtils.getExceptionFromHeader(
            record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
    if (failure == null) {
      failure =
          SerializationUtils.getExceptionFromHeader(
              record, SerializationUtils.KEY_DESERIALIZER_EXCEPTION_HEADER, LOG);
    }
    if (failure != null && SchemaRegistryUnavailableException.isCause(failure)) {
      throw new SchemaRegistryUnavailableException(
          "cannot read " + record.topic() + "-" + record.partition() + "@" + record.offset(),
          failure);
    }
    return failure;
  }
}
