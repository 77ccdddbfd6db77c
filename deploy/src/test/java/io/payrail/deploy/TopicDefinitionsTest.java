package io.payrail.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.schemas.topics.CleanupPolicy;
import io.payrail.schemas.topics.Topic;
import io.payrail.schemas.topics.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The compose topic list is the contract of {@link Topics}: same names, partitions, policies. */
class TopicDefinitionsTest {

  static final String TOPICS_FILE = "deploy/topics/topics.txt";

  /** One line of the topic list, or one topic of the contract. */
  record TopicLine(String name, int partitions, String cleanupPolicy) {}

  /** Every topic of the contract and its dead-letter topic, as the deployment must create them. */
  static List<TopicLine> contract() {
    List<TopicLine> topics = new ArrayList<>();
    for (Topic<?, ?> topic : Topics.ALL) {
      topics.add(
          new TopicLine(
              topic.name(), topic.defaultPartitions(), topic.cleanupPolicy().configValue()));
      topics.add(
          new TopicLine(
              topic.deadLetterTopic(),
              topic.defaultPartitions(),
              CleanupPolicy.DELETE.configValue()));
    }
    return topics;
  }

  static List<TopicLine> topicFile() {
    List<TopicLine> topics = new ArrayList<>();
    for (String line : Repository.read(TOPICS_FILE).lines().toList()) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      String[] fields = trimmed.split("\\s+");
      assertThat(fields).as("name partitions cleanup.policy: " + line).hasSize(3);
      topics.add(new TopicLine(fields[0], Integer.parseInt(fields[1]), fields[2]));
    }
    return topics;
  }

  @Test
  void topicFileCreatesExactlyTheContractTopicsAndTheirDeadLetterTopics() {
    assertThat(topicFile()).containsExactlyInAnyOrderElementsOf(contract());
  }

  @Test
  void everyContractTopicHasItsDeadLetterTopicWithTheSamePartitions() {
    assertThat(contract()).hasSize(Topics.ALL.size() * 2);
    assertThat(topicFile())
        .filteredOn(line -> line.name().endsWith(Topic.DEAD_LETTER_SUFFIX))
        .allSatisfy(line -> assertThat(line.cleanupPolicy()).isEqualTo("delete"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void composeCreatesTopicsFromThatFile() {
    Map<String, Object> compose =
        new Yaml(new SafeConstructor(new LoaderOptions()))
            .load(Repository.read("docker-compose.yml"));
    Map<String, Object> init =
        (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get("kafka-init");
    assertThat((List<String>) init.get("volumes")).contains("./deploy/topics:/payrail/topics:ro");
    assertThat(String.join(" ", (List<String>) init.get("entrypoint")))
        .contains("/payrail/topics/create-topics.sh");
    assertThat((Map<String, Object>) init.get("environment"))
        .containsEntry("TOPICS_FILE", "/payrail/topics/topics.txt");
    assertThat(Repository.read("deploy/topics/create-topics.sh"))
        .contains("kafka-topics.sh")
        .contains("--if-not-exists");
  }
}
