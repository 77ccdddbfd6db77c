package io.payrail.streams.lifecycle;

import io.payrail.schemas.serde.SchemaRegistryUnavailableException;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides about a record a source serde could not read. The schema registry being away says nothing
 * about the record: FAIL, so that the stream thread dies, waits out {@link ReplaceThread}'s
 * back-off and its replacement reads the record again from the last commit. Anything else (corrupt
 * bytes, an unknown schema id) is the record's fault and will never read: CONTINUE, which skips it
 * and counts it in Kafka Streams' {@code dropped-records} task metric (on {@code
 * /actuator/prometheus} as {@code kafka_stream_task_dropped_records_total}).
 *
 * <p>Every Payrail topology turns unreadable contract records into values in its source serdes
 * ({@code streams-deadletters}' {@code Intake}) before this handler sees them: risk and loyalty
 * dead-letter them, the status view drops them (it reads topics other services own and
 * dead-letter). Here they only meet the registry outage, and in theory a corrupt record of their
 * own repartition topics.
 */
public final class RegistryAwareDeserializationHandler implements DeserializationExceptionHandler {

  private static final Logger log =
      LoggerFactory.getLogger(RegistryAwareDeserializationHandler.class);

  @Override
  public DeserializationHandlerResponse handle(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    String where = record.topic() + "-" + record.partition() + "@" + record.offset();
    if (SchemaRegistryUnavailableException.isCause(exception)) {
      log.warn(
          "Cannot read {} while the schema registry is away; failing the stream thread to read it"
              + " again: {}",
          where,
          exception.getMessage());
      return DeserializationHandlerResponse.FAIL;
    }
    log.warn("Skipping {}: it cannot be read ({})", where, exception.toString());
    return DeserializationHandlerResponse.CONTINUE;
  }

  @Override
  public void configure(Map<String, ?> configs) {}
}
