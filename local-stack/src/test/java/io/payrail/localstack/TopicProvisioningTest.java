package io.payrail.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.localstack.kafka.TopicProvisioner;
import io.payrail.localstack.testing.TestInfrastructure;
import io.payrail.schemas.topics.Topic;
import io.payrail.schemas.topics.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/** Every topic of the registry, and its dead-letter topic, exists as the contract says. */
class TopicProvisioningTest {

  @Test
  void everyContractTopicExistsWithItsPartitionsAndCleanupPolicy() throws Exception {
    try (Admin admin = Admin.create(TestInfrastructure.shared().clientConfig())) {
      List<String> names = new ArrayList<>();
      Topics.ALL.forEach(
          topic -> {
            names.add(topic.name());
            names.add(topic.deadLetterTopic());
          });
      Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
      assertThat(described.values())
          .allSatisfy(d -> assertThat(d.partitions()).hasSize(Topics.DEFAULT_PARTITIONS));

      for (Topic<?, ?> topic : Topics.ALL) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
        Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        assertThat(config.get("cleanup.policy").value())
            .as(topic.name())
            .isEqualTo(topic.cleanupPolicy().configValue());
      }

      assertThat(TopicProvisioner.createAll(admin, Topics.DEFAULT_PARTITIONS, (short) 1))
          .as("a second run creates nothing")
          .isEmpty();
    }
  }
}
