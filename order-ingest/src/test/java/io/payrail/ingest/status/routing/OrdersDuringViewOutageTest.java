package io.payrail.ingest.status.routing;

import static io.payrail.ingest.IngestTestSupport.DEV_KEY;
import static io.payrail.ingest.IngestTestSupport.DEV_MERCHANT;
import static io.payrail.ingest.IngestTestSupport.get;
import static io.payrail.ingest.IngestTestSupport.orderJson;
import static io.payrail.ingest.IngestTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.ingest.IngestTestSupport;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.topics.Topics;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * A facade whose status view cannot answer (restoring, rebalancing; here: stopped) still accepts
 * orders, and its recent-submissions guard still recognises replays and conflicts.
 */
class OrdersDuringViewOutageTest {

  private static ConfigurableApplicationContext facade;
  private static int port;

  @BeforeAll
  static void startAFacadeAndStopItsView() {
    port = IngestTestSupport.freePort();
    facade =
        IngestTestSupport.startFacade(
            IngestTestSupport.uniqueId("status-outage"), port, java.util.Map.of());
    IngestTestSupport.awaitRunning(facade.getBean(StreamsBuilderFactoryBean.class))
        .close(Duration.ofSeconds(10));
  }

  @AfterAll
  static void stop() {
    if (facade != null) {
      facade.close();
    }
  }

  @Test
  void ordersAreAcceptedAndReplaysRecognisedWhileTheViewCannotAnswer() {
    String orderId = IngestTestSupport.uniqueId("outage");

    HttpResponse<String> first = post(port, "/v1/orders", DEV_KEY, orderJson(orderId));
    HttpResponse<String> replay = post(port, "/v1/orders", DEV_KEY, orderJson(orderId));
    HttpResponse<String> conflict =
        post(port, "/v1/orders", DEV_KEY, orderJson(orderId, "customer-2", 3999, 1));

    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(replay.statusCode()).isEqualTo(202);
    assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(get(port, "/v1/orders/" + orderId, DEV_KEY).statusCode()).isEqualTo(503);
    assertThat(
            IngestTestSupport.readAll(Topics.ORDERS.name()).stream()
                .filter(record -> OrderKey.of(DEV_MERCHANT, orderId).equals(record.key())))
        .hasSize(1);
  }
}
