package io.payrail.ingest.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.events.OrderPlaced;
import io.payrail.ingest.IngestTestSupport;
import io.payrail.localstack.testing.TestInfrastructure;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.topics.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The view's end-offset lookups against the real broker. */
class EndOffsetsTest {

  @Test
  void concurrentMissesShareLookupsAndStillSeeEveryEarlierWrite() throws Exception {
    try (Admin admin = Admin.create(TestInfrastructure.shared().clientConfig())) {
      String orderId = IngestTestSupport.uniqueId("end-offsets");
      OrderPlaced order = StatusTopologyTest.order(orderId);
      IngestTestSupport.write(Topics.ORDERS, OrderKey.of(order.getMerchantId(), orderId), order);
      List<TopicPartition> partitions = new ArrayList<>();
      int count =
          admin
              .describeTopics(List.of(Topics.ORDERS.name()))
              .allTopicNames()
              .get()
              .get(Topics.ORDERS.name())
              .partitions()
              .size();
      for (int p = 0; p < count; p++) {
        partitions.add(new TopicPartition(Topics.ORDERS.name(), p));
      }
      Map<TopicPartition, Long> afterTheWrite = new java.util.HashMap<>();
      for (TopicPartition partition : partitions) {
        afterTheWrite.put(
            partition,
            admin
                .listOffsets(Map.of(partition, OffsetSpec.latest()))
                .all()
                .get()
                .get(partition)
                .offset());
      }
      EndOffsets endOffsets = new EndOffsets(admin);

      List<CompletableFuture<Long>> answers = new ArrayList<>();
      int requestsPerPartition = 20;
      for (int i = 0; i < requestsPerPartition; i++) {
        for (TopicPartition partition : partitions) {
          answers.add(endOffsets.endOffset(partition));
        }
      }

      for (int i = 0; i < answers.size(); i++) {
        TopicPartition partition = partitions.get(i % partitions.size());
        assertThat(answers.get(i).get(10, TimeUnit.SECONDS))
            .as("%s", partition)
            .isGreaterThanOrEqualTo(afterTheWrite.get(partition));
      }
      assertThat(endOffsets.lookups())
          .as("lookups for %d requests", answers.size())
          .isLessThanOrEqualTo(4);
    }
  }
}
