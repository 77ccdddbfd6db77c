package io.payrail.ingest.status;

import static io.payrail.ingest.IngestTestSupport.DEV_KEY;
import static io.payrail.ingest.IngestTestSupport.DEV_MERCHANT;
import static io.payrail.ingest.IngestTestSupport.get;
import static io.payrail.ingest.IngestTestSupport.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.events.OrderPlaced;
import io.payrail.events.RiskAssessed;
import io.payrail.events.RiskDecision;
import io.payrail.ingest.FacadeTestBase;
import io.payrail.ingest.IngestTestSupport;
import io.payrail.localstack.testing.TestInfrastructure;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.serde.AvroSerializer;
import io.payrail.schemas.serde.TopicSerdes;
import io.payrail.schemas.topics.Topics;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The view shows what the pipeline committed: a risk decision written in a transaction that was
 * then aborted (a crashed risk instance whose work is replayed) never reaches an order's status,
 * even though the record sits in the topic before the committed one.
 */
class StatusViewReadCommittedTest extends FacadeTestBase {

  @Test
  void recordOfAnAbortedTransactionNeverAppearsInTheView() throws Exception {
    String orderId = uniqueId("aborted");
    OrderPlaced order =
        OrderPlaced.newBuilder(StatusTopologyTest.order(orderId))
            .setMerchantId(DEV_MERCHANT)
            .setPlacedAt(Instant.now())
            .build();
    IngestTestSupport.write(Topics.ORDERS, OrderKey.of(DEV_MERCHANT, orderId), order);

    try (KafkaProducer<String, RiskAssessed> producer = transactionalProducer()) {
      producer.initTransactions();
      producer.beginTransaction();
      producer
          .send(
              new ProducerRecord<>(
                  Topics.ORDER_RISK.name(),
                  OrderKey.of(DEV_MERCHANT, orderId),
                  StatusTopologyTest.risk(order, RiskDecision.DECLINE)))
          .get();
      producer.abortTransaction();
    }
    IngestTestSupport.write(
        Topics.ORDER_RISK,
        OrderKey.of(DEV_MERCHANT, orderId),
        StatusTopologyTest.risk(order, RiskDecision.APPROVE));

    HttpResponse<String> approved =
        get(port, "/v1/orders/" + orderId + "?waitFor=APPROVED&timeout=20s", DEV_KEY);
    assertThat(approved.statusCode()).isEqualTo(200);
    assertThat(approved.body())
        .contains("\"status\":\"APPROVED\"")
        .doesNotContain("DECLINED_BY_RISK")
        .doesNotContain("DECLINE\"");
  }

  private static KafkaProducer<String, RiskAssessed> transactionalProducer() {
    TestInfrastructure infra = TestInfrastructure.shared();
    TopicSerdes serdes =
        new TopicSerdes(Map.of("schema.registry.url", infra.schemaRegistryUrl().toString()));
    AvroSerializer<RiskAssessed> values = new AvroSerializer<>(serdes.registry());
    values.configure(serdes.configs(), false);
    Map<String, Object> config = infra.clientConfig();
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, uniqueId("aborting-risk"));
    return new KafkaProducer<>(config, new StringSerializer(), values);
  }
}
