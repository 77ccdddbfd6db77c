package io.payrail.refund;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.events.RefundProcessed;
import io.payrail.events.RefundStatus;
import io.payrail.localstack.testing.TestInfrastructure;
import io.payrail.refund.listener.RefundStep;
import io.payrail.refund.support.RefundIntegrationTest;
import io.payrail.refund.support.RefundModel.Answer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * A chaos run found refunds final in the ledger whose {@code RefundProcessed} never came: the
 * listener's producer was fenced in the middle of a batch, Spring Kafka dropped the batch without
 * seeking back, and the consumer went on past it. The batch must be read again instead.
 */
class FencedBatchTest extends RefundIntegrationTest {

  @Autowired private KafkaTemplate<String, Object> kafka;

  private final List<String> fenced = new CopyOnWriteArrayList<>();

  @Test
  void aBatchWhoseProducerIsFencedAfterTheLedgerCommitIsReadAgainAndPublishesItsRefundOnce() {
    String orderId = newOrderId("fenced");
    seedPayment(orderId, 900, "CAPTURED");
    crasher.observe(RefundStep.AFTER_LEDGER_COMMIT, key(orderId), this::fenceTheListenersProducer);

    send(request(orderId + "-r1", orderId, 600L));

    List<RefundProcessed> events = awaitRefunds(List.of(orderId), 1).get(orderId);
    assertThat(fenced).as("the listener's producer was fenced in the batch").hasSize(1);
    assertThat(Answer.of(events.get(0)))
        .isEqualTo(new Answer(orderId + "-r1", RefundStatus.COMPLETED, null, 600, 600));
    assertThat(refundRows(orderId, "COMPLETED")).isEqualTo(1);
    assertThat(acquirerRefunds(orderId)).isEqualTo(1);
  }

  /**
   * What a restarted instance with the same transactional ids does, or the broker when a
   * transaction outlives its timeout: a newer epoch for the listener's transactional id. The
   * listener's producer is found by what it writes: on the listener's thread the template joins the
   * container's transaction, so a record sent to a scratch topic names its producer id, and the
   * transaction listing names that producer's transactional id.
   */
  private void fenceTheListenersProducer() {
    Map<String, Object> config = TestInfrastructure.shared().clientConfig();
    try (Admin admin = Admin.create(config)) {
      String scratch = "fenced-batch-scratch-" + UUID.randomUUID();
      admin.createTopics(List.of(new NewTopic(scratch, 1, (short) 1))).all().get();
      kafka.send(scratch, "fence", "aborted with the batch");
      kafka.flush();
      long producerId =
          admin
              .describeProducers(List.of(new TopicPartition(scratch, 0)))
              .partitionResult(new TopicPartition(scratch, 0))
              .get()
              .activeProducers()
              .get(0)
              .producerId();
      String transactionalId =
          admin.listTransactions().all().get().stream()
              .filter(listing -> listing.producerId() == producerId)
              .map(TransactionListing::transactionalId)
              .findFirst()
              .orElseThrow();
      config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
      try (KafkaProducer<String, String> newer =
          new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
        newer.initTransactions();
      }
      fenced.add(transactionalId);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }
}
