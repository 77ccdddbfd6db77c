package io.payrail.schemas.topics;

import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * One topic of the contract: its name, what its keys and values are, how many partitions it gets by
 * default and how Kafka cleans it up. Services refer to a {@code Topic}, never to a name string.
 *
 * @param name the Kafka topic name
 * @param keyType the Java type of keys (orderId or customerId strings)
 * @param valueType the Avro SpecificRecord class of values
 * @param keyDescription what the key is, for readers of the contract ("orderId", "customerId")
 * @param defaultPartitions partitions created when the deployment does not say otherwise
 * @param cleanupPolicy delete for event streams, compact for current-state topics
 */
public record Topic<K, V>(
    String name,
    Class<K> keyType,
    Class<V> valueType,
    String keyDescription,
    int defaultPartitions,
    CleanupPolicy cleanupPolicy) {

  /** Suffix of every dead-letter topic, as Spring Kafka's {@code DeadLetterPublishingRecoverer}. */
  public static final String DEAD_LETTER_SUFFIX = ".DLT";

  public Topic {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("topic name must not be blank");
    }
    if (defaultPartitions < 1) {
      throw new IllegalArgumentException("topic " + name + " needs at least one partition");
    }
  }

  /** Where records of this topic that cannot be deserialized or processed go, with the reason. */
  public String deadLetterTopic() {
    return name + DEAD_LETTER_SUFFIX;
  }

  /** The schema registry subject of this topic's values (Confluent's TopicNameStrategy). */
  public String valueSubject() {
    return name + "-value";
  }

  /**
   * The schema registry subject of this topic's dead-letter values. A dead letter that was read is
   * re-published in its source topic's schema, so the subject carries the same schema.
   */
  public String deadLetterValueSubject() {
    return deadLetterTopic() + "-value";
  }

  /** The Avro schema of this topic's values, from the generated class. */
  public Schema valueSchema() {
    return SpecificData.get().getSchema(valueType);
  }

  /** Topic-level configuration to create this topic with. */
  public Map<String, String> configs() {
    return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy.configValue());
  }

  /** This topic as an admin-client creation request with the given partitions and replicas. */
  public NewTopic toNewTopic(int partitions, short replicationFactor) {
    return new NewTopic(name, Optional.of(partitions), Optional.of(replicationFactor))
        .configs(configs());
  }

  /**
   * The dead-letter topic as a creation request. It has the same partition count as its source so
   * that a dead letter can keep its original partition, and it always uses the delete policy.
   */
  public NewTopic toDeadLetterNewTopic(int partitions, short replicationFactor) {
    return new NewTopic(deadLetterTopic(), Optional.of(partitions), Optional.of(replicationFactor))
        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, CleanupPolicy.DELETE.configValue()));
  }
}
