package io.payrail.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.payrail.events.RefundRequested;
import io.payrail.refund.listener.RefundBatchListener;
import io.payrail.refund.support.ModelCheck;
import io.payrail.refund.support.RandomRequests;
import io.payrail.refund.support.RefundIntegrationTest;
import io.payrail.refund.support.RefundModel.Answer;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Two processor instances (this test's context and a second Spring context, same consumer group)
 * share the partitions; the second stops in the middle of the stream and the first takes its
 * partitions over. The refunds stay within what was captured and match the model exactly.
 */
class TwoInstancesRebalanceTest extends RefundIntegrationTest {

  private static final long SEED = 0x5EED_0602L;
  private static final int ORDERS = 8;
  private static final int REQUESTS = 80;

  @Autowired KafkaListenerEndpointRegistry listeners;

  @Test
  void twoInstancesWithARebalanceMidStreamKeepRefundsWithinCaptured() {
    RandomRequests random = new RandomRequests(SEED);
    List<String> orderIds =
        IntStream.range(0, ORDERS).mapToObj(i -> newOrderId("pair" + i)).toList();
    Map<String, Long> captured = random.payments(orderIds);
    captured.forEach((orderId, amount) -> seedPayment(orderId, amount, "CAPTURED"));
    List<RefundRequested> requests = random.requests(orderIds, MERCHANT, CURRENCY, REQUESTS);

    MessageListenerContainer first =
        listeners.getListenerContainer(RefundBatchListener.LISTENER_ID);
    try (ConfigurableApplicationContext second = startSecondInstance()) {
      MessageListenerContainer secondContainer =
          second
              .getBean(KafkaListenerEndpointRegistry.class)
              .getListenerContainer(RefundBatchListener.LISTENER_ID);
      await().atMost(PROCESSED_WITHIN).until(() -> owns(first) && owns(secondContainer));

      requests.subList(0, REQUESTS / 2).forEach(RefundIntegrationTest::send);
      // Stopped mid-stream: its partitions move to the first instance while requests keep coming.
    }
    requests.subList(REQUESTS / 2, REQUESTS).forEach(RefundIntegrationTest::send);

    Map<String, List<Answer>> expected = ModelCheck.expected(orderIds, captured, requests);
    ModelCheck.assertMatches(
        "two instances, seed " + SEED, expected, captured, awaitRefunds(orderIds, REQUESTS));
    await().atMost(PROCESSED_WITHIN).until(() -> first.getAssignedPartitions().size() == 12);
  }

  private static boolean owns(MessageListenerContainer container) {
    Collection<TopicPartition> assigned = container.getAssignedPartitions();
    return assigned != null && !assigned.isEmpty();
  }

  private static ConfigurableApplicationContext startSecondInstance() {
    String[] arguments =
        applicationProperties("refund-second-" + UUID.randomUUID() + "-").entrySet().stream()
            .map(property -> "--" + property.getKey() + "=" + property.getValue())
            .toArray(String[]::new);
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(RefundProcessorApplication.class)
            .web(WebApplicationType.NONE)
            .run(arguments);
    assertThat(context.isRunning()).isTrue();
    return context;
  }
}
