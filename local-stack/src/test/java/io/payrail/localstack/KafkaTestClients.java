package io.payrail.localstack;

import static org.awaitility.Awaitility.await;

import io.payrail.localstack.testing.TestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** Topic and consumer helpers for the infrastructure's own tests. */
final class KafkaTestClients {

  private KafkaTestClients() {}

  /** Creates a topic with a unique name, so tests never see each other's records. */
  static String newTopic(String prefix, int partitions) {
    String name = prefix + "-" + UUID.randomUUID();
    try (Admin admin = Admin.create(TestInfrastructure.shared().clientConfig())) {
      admin
          .createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create topic " + name, e);
    }
    return name;
  }

  /** Consumer settings reading a topic from its start, committed records only. */
  static Map<String, Object> consumerConfig(Map<String, Object> extra) {
    Map<String, Object> config = TestInfrastructure.shared().clientConfig();
    config.put("group.id", "test-" + UUID.randomUUID());
    config.put("auto.offset.reset", "earliest");
    config.put("isolation.level", "read_committed");
    config.putAll(extra);
    return config;
  }

  /** Polls until at least {@code count} records arrived, then keeps polling briefly for extras. */
  static <K, V> List<ConsumerRecord<K, V>> consume(
      KafkaConsumer<K, V> consumer, String topic, int count) {
    consumer.subscribe(List.of(topic));
    List<ConsumerRecord<K, V>> records = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ZERO)
        .until(
            () -> {
              consumer.poll(Duration.ofMillis(200)).forEach(records::add);
              return records.size() >= count;
            });
    // A last poll shows records beyond the expected count, which tests assert are absent.
    consumer.poll(Duration.ofMillis(500)).forEach(records::add);
    return records;
  }
}
