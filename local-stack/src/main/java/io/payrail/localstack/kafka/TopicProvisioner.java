package io.payrail.localstack.kafka;

import io.payrail.schemas.topics.Topic;
import io.payrail.schemas.topics.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates every topic of the contract, and its dead-letter topic, on a cluster. */
public final class TopicProvisioner {

  private TopicProvisioner() {}

  /**
   * Creates the topics that do not exist yet; existing topics are left as they are.
   *
   * @return the names of the topics this call created
   */
  public static List<String> createAll(Admin admin, int partitions, short replicationFactor) {
    List<NewTopic> wanted = new ArrayList<>();
    for (Topic<?, ?> topic : Topics.ALL) {
      wanted.add(topic.toNewTopic(partitions, replicationFactor));
      wanted.add(topic.toDeadLetterNewTopic(partitions, replicationFactor));
    }
    try {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing =
          wanted.stream().filter(topic -> !existing.contains(topic.name())).toList();
      var result = admin.createTopics(missing);
      List<String> created = new ArrayList<>();
      for (NewTopic topic : missing) {
        try {
          result.values().get(topic.name()).get();
          created.add(topic.name());
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create topic " + topic.name(), e.getCause());
          }
        }
      }
      return created;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot list topics", e.getCause());
    }
  }
}
