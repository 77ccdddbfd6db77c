package io.payrail.ingest.status;

import static io.payrail.ingest.IngestTestSupport.DEV_KEY;
import static io.payrail.ingest.IngestTestSupport.DEV_MERCHANT;
import static io.payrail.ingest.IngestTestSupport.get;
import static io.payrail.ingest.IngestTestSupport.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.payrail.events.OrderPlaced;
import io.payrail.ingest.IngestTestSupport;
import io.payrail.ingest.OrderIngestApplication;
import io.payrail.localstack.testing.CommandLine;
import io.payrail.localstack.testing.TestInfrastructure;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.topics.Topics;
import io.payrail.streams.lifecycle.ReplaceThread;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A new status view instance that starts while the schema registry is away: an order waiting on
 * {@code orders} is not skipped (the view has no dead-letter topic: it reads topics other services
 * own and dead-letter, so a record it cannot read for good is skipped and counted). The stream
 * thread is replaced after back-offs until the registry is back, and then the order is in the view;
 * a corrupt record next to it is skipped and counted, and does not hold up read-your-writes.
 */
class StatusViewRegistryOutageTest {

  private static final Duration SETTLE = Duration.ofSeconds(90);

  private final TestInfrastructure infra = TestInfrastructure.shared();

  @Test
  void orderWaitsOutAnAwayRegistryAndACorruptRecordIsSkippedAndCounted() throws Exception {
    String orderId = uniqueId("outage");
    writeOrder(orderId);
    int port = IngestTestSupport.freePort();

    try (ConfigurableApplicationContext view = startView(port)) {
      MeterRegistry meters = view.getBean(MeterRegistry.class);
      infra.withSchemaRegistryAway(
          () -> {
            view.start();
            // A replaced stream thread ends with its exception: expected here, not a failure.
            await("stream threads replaced while the registry is away")
                .dontCatchUncaughtExceptions()
                .atMost(SETTLE)
                .until(
                    () ->
                        meters
                                .get(ReplaceThread.REPLACED)
                                .tag("cause", "registry-away")
                                .counter()
                                .count()
                            >= 2);
          });

      await("the order in the view once the registry is back")
          .dontCatchUncaughtExceptions()
          .atMost(SETTLE)
          .until(() -> get(port, "/v1/orders/" + orderId, DEV_KEY).statusCode() == 200);

      // What can never be read is skipped and counted, and the view moves on.
      writeCorruptOrder(OrderKey.of(DEV_MERCHANT, uniqueId("corrupt")));
      String after = uniqueId("after-corrupt");
      writeOrder(after);
      await("the corrupt record skipped and counted, the next order in the view")
          .dontCatchUncaughtExceptions()
          .atMost(SETTLE)
          .until(
              () ->
                  skipped(meters) > 0
                      && get(port, "/v1/orders/" + after, DEV_KEY).statusCode() == 200);
      assertThat(skipped(meters)).isEqualTo(1);
      // Nor does it hold up read-your-writes as the last record of its partition: a read of an
      // unknown order there answers 404 once the view has passed it, where waiting for an offset
      // the store never reaches would end in 503.
      String last = uniqueId("corrupt-last");
      writeCorruptOrder(OrderKey.of(DEV_MERCHANT, last));
      assertThat(get(port, "/v1/orders/" + last, DEV_KEY).statusCode()).isEqualTo(404);
      assertThat(skipped(meters)).isEqualTo(2);
    }
  }

  private ConfigurableApplicationContext startView(int port) {
    Map<String, Object> properties =
        new HashMap<>(IngestTestSupport.properties(uniqueId("payrail-order-status-outage")));
    properties.put("server.port", port);
    properties.put("spring.kafka.streams.properties.application.server", "localhost:" + port);
    // Started by the test once the registry is away.
    properties.put("spring.kafka.streams.auto-startup", false);
    properties.put("spring.kafka.streams.properties.consumer.session.timeout.ms", 6000);
    properties.put("payrail.ingest.status.registry-backoff.initial", "200ms");
    properties.put("payrail.ingest.status.registry-backoff.max", "1s");
    return new SpringApplicationBuilder(OrderIngestApplication.class)
        .run(CommandLine.of(properties));
  }

  /** Records of {@code orders} the view could not read and dropped. */
  private static double skipped(MeterRegistry meters) {
    Counter counter =
        meters.find("payrail.ingest.status.skipped").tag("topic", Topics.ORDERS.name()).counter();
    return counter == null ? 0 : counter.count();
  }

  private static void writeOrder(String orderId) {
    IngestTestSupport.write(
        Topics.ORDERS,
        OrderKey.of(DEV_MERCHANT, orderId),
        OrderPlaced.newBuilder(StatusTopologyTest.order(orderId))
            .setMerchantId(DEV_MERCHANT)
            .setPlacedAt(Instant.now())
            .build());
  }

  private void writeCorruptOrder(String key) throws Exception {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            infra.clientConfig(), new StringSerializer(), new ByteArraySerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  Topics.ORDERS.name(), key, "not avro".getBytes(StandardCharsets.UTF_8)))
          .get();
    }
  }
}
