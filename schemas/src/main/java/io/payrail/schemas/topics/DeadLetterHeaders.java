package io.payrail.schemas.topics;

/**
 * The headers of a record on a dead-letter topic ({@code <topic>.DLT}), part of the contract so
 * that one reader serves every dead-letter topic. The names and encodings are those Spring Kafka's
 * {@code DeadLetterPublishingRecoverer} writes ({@code KafkaHeaders.DLT_*}): the listener services
 * publish through it, and the Streams services write the same headers themselves.
 *
 * <p>Text headers are UTF-8; the partition is a 4-byte big-endian int; the offset and the timestamp
 * are 8-byte big-endian longs (epoch milliseconds for the timestamp).
 */
public final class DeadLetterHeaders {

  /** Every dead-letter header starts with this; none of them goes back to the topic on replay. */
  public static final String PREFIX = "kafka_dlt-";

  /** Class name of the exception that made the record a dead letter. */
  public static final String EXCEPTION_FQCN = PREFIX + "exception-fqcn";

  /** Class name of that exception's cause, when Spring Kafka knows one. */
  public static final String EXCEPTION_CAUSE_FQCN = PREFIX + "exception-cause-fqcn";

  /** That exception's message. */
  public static final String EXCEPTION_MESSAGE = PREFIX + "exception-message";

  /** The topic the record was read from: a contract topic, never an internal one. */
  public static final String ORIGINAL_TOPIC = PREFIX + "original-topic";

  /** Its partition there. */
  public static final String ORIGINAL_PARTITION = PREFIX + "original-partition";

  /** Its offset there. */
  public static final String ORIGINAL_OFFSET = PREFIX + "original-offset";

  /** Its record timestamp. */
  public static final String ORIGINAL_TIMESTAMP = PREFIX + "original-timestamp";

  /** The consumer group that failed on it (Spring Kafka's listeners only). */
  public static final String ORIGINAL_CONSUMER_GROUP = PREFIX + "original-consumer-group";

  private DeadLetterHeaders() {}
}
