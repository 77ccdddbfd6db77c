package io.payrail.launcher.keys;

import io.payrail.audit.kafka.KafkaClients;
import io.payrail.events.MerchantApiKey;
import io.payrail.schemas.serde.AvroSerdeConfig;
import io.payrail.schemas.serde.TopicSerdes;
import io.payrail.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The {@code merchant-keys} topic as {@code ./payrail keys} reads and writes it: every key's latest
 * record, and one more record acknowledged by every in-sync replica.
 *
 * @param bootstrapServers the cluster
 * @param schemaRegistryUrl where the record's schema is
 * @param clientProperties extra Kafka client and registry properties (security, basic auth)
 * @param timeout how long a read or a write may take
 */
record KeyDirectory(
    String bootstrapServers,
    String schemaRegistryUrl,
    Map<String, String> clientProperties,
    Duration timeout) {

  KeyDirectory {
    clientProperties = Map.copyOf(clientProperties);
  }

  /** Every key's latest record by keyId, oldest key first. */
  Map<String, MerchantApiKey> current() {
    Map<String, MerchantApiKey> keys = new LinkedHashMap<>();
    Deserializer<MerchantApiKey> values = serdes().valueSerde(Topics.MERCHANT_KEYS).deserializer();
    Instant deadline = Instant.now().plus(timeout);
    try (KafkaConsumer<byte[], byte[]> consumer =
        KafkaClients.rawConsumer(bootstrapServers, clientProperties, null)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.MERCHANT_KEYS.name(), timeout).stream()
              .map(info -> new TopicPartition(info.topic(), info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(
              "could not read " + Topics.MERCHANT_KEYS.name() + " to its end within " + timeout);
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          String keyId = new String(record.key(), StandardCharsets.UTF_8);
          if (record.value() == null) {
            keys.remove(keyId);
          } else {
            keys.put(keyId, values.deserialize(record.topic(), record.value()));
          }
        }
      }
    }
    return keys;
  }

  /** Writes the record, keyed by its keyId, and returns once the cluster acknowledged it. */
  void write(MerchantApiKey key) {
    Map<String, Object> config = new HashMap<>(clientProperties);
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    TopicSerdes serdes = serdes();
    try (KafkaProducer<String, MerchantApiKey> producer =
        new KafkaProducer<>(
            config, new StringSerializer(), serdes.valueSerde(Topics.MERCHANT_KEYS).serializer())) {
      producer
          .send(new ProducerRecord<>(Topics.MERCHANT_KEYS.name(), key.getKeyId(), key))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "could not write " + key.getKeyId() + " to " + Topics.MERCHANT_KEYS.name(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted writing " + key.getKeyId(), e);
    }
  }

  private TopicSerdes serdes() {
    Map<String, Object> config = new HashMap<>(clientProperties);
    config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
    return new TopicSerdes(config);
  }
}
