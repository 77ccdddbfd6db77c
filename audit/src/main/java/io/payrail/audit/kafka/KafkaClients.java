package io.payrail.audit.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The audit's and the dead-letter tools' consumers: raw bytes, committed data only. */
public final class KafkaClients {

  private KafkaClients() {}

  /**
   * A {@code read_committed} consumer of raw keys and values, committing nothing by itself. Values
   * stay bytes so that one bad record cannot stop a read and only records in scope get decoded.
   *
   * @param groupId the consumer group whose committed offsets it starts from, or null for none
   */
  public static KafkaConsumer<byte[], byte[]> rawConsumer(
      String bootstrapServers, Map<String, String> clientProperties, String groupId) {
    Map<String, Object> config = new HashMap<>(clientProperties);
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(
        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
        IsolationLevel.READ_COMMITTED.toString().toLowerCase(java.util.Locale.ROOT));
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    if (groupId != null) {
      config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    }
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
