package io.payrail.ingest.status.routing;

import static io.payrail.ingest.IngestTestSupport.DEV_KEY;
import static io.payrail.ingest.IngestTestSupport.DEV_MERCHANT;
import static io.payrail.ingest.IngestTestSupport.get;
import static io.payrail.ingest.IngestTestSupport.orderJson;
import static io.payrail.ingest.IngestTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.PaymentStatus;
import io.payrail.events.RiskAssessed;
import io.payrail.events.RiskDecision;
import io.payrail.ingest.IngestTestSupport;
import io.payrail.routing.KeyOwner;
import io.payrail.routing.KeyRouter;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.topics.Topics;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two facade instances sharing one view: a merchant's open reviews are on both, and either instance
 * lists all of them, in one order, page by page; a decision taken through the instance that does
 * not hold the order shows on the other at once.
 */
class ReviewsAcrossInstancesTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static ConfigurableApplicationContext first;
  private static ConfigurableApplicationContext second;
  private static int firstPort;
  private static int secondPort;

  @BeforeAll
  static void startTwoInstances() {
    String applicationId = IngestTestSupport.uniqueId("payrail-order-status-reviews");
    firstPort = IngestTestSupport.freePort();
    secondPort = IngestTestSupport.freePort();
    first = IngestTestSupport.startFacade(applicationId, firstPort, Map.of());
    second = IngestTestSupport.startFacade(applicationId, secondPort, Map.of());
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                running(first)
                    && running(second)
                    && streams(first).metadataForAllStreamsClients().size() == 2);
  }

  @AfterAll
  static void stop() {
    if (second != null) {
      second.close();
    }
    if (first != null) {
      first.close();
    }
  }

  @Test
  void eitherInstanceListsTheOpenReviewsOfBothInOneOrder() {
    // Held long ago, one on each instance alternately, so they lead the merchant's list.
    Instant base = Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
    List<String> onFirst = ordersOwnedBy(first, 2);
    List<String> onSecond = ordersOwnedBy(second, 2);
    List<String> expected =
        List.of(onFirst.get(0), onSecond.get(0), onFirst.get(1), onSecond.get(1));
    for (int i = 0; i < expected.size(); i++) {
      hold(expected.get(i), base.plusSeconds(i));
    }

    for (int port : List.of(firstPort, secondPort)) {
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(openThroughPages(port, 1))
                      .as("port %d", port)
                      .containsSubsequence(expected));
    }

    // Decided through the instance that does not hold it: the holder shows it at once.
    String orderId = onSecond.get(0);
    HttpResponse<String> decided =
        post(
            firstPort,
            "/v1/orders/" + orderId + "/review",
            DEV_KEY,
            "{\"decision\":\"REJECT\",\"reviewer\":\"reviewer-2\"}");
    assertThat(decided.statusCode()).as(decided.body()).isEqualTo(202);
    // Retried only for a 503 while the group still moves partitions (as TwoInstanceRoutingTest).
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(get(secondPort, "/v1/orders/" + orderId, DEV_KEY).body())
                  .contains("\"status\":\"REJECTED_BY_REVIEW\"");
              assertThat(openThroughPages(firstPort, 100)).doesNotContain(orderId);
            });
  }

  /** The merchant's open reviews, through every page of {@code limit}. */
  private static List<String> openThroughPages(int port, int limit) {
    List<String> orderIds = new ArrayList<>();
    String cursor = null;
    do {
      HttpResponse<String> answer =
          get(
              port,
              "/v1/reviews?status=open&limit="
                  + limit
                  + (cursor == null ? "" : "&cursor=" + cursor),
              DEV_KEY);
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      JsonNode page = JSON.readTree(answer.body());
      page.get("reviews").forEach(review -> orderIds.add(review.get("orderId").stringValue()));
      cursor = page.get("next").isNull() ? null : page.get("next").stringValue();
    } while (cursor != null);
    return orderIds;
  }

  private static void hold(String orderId, Instant heldAt) {
    assertThat(post(firstPort, "/v1/orders", DEV_KEY, orderJson(orderId)).statusCode())
        .isEqualTo(202);
    OrderPlaced order =
        IngestTestSupport.valuesWithKey(Topics.ORDERS, OrderKey.of(DEV_MERCHANT, orderId)).get(0);
    IngestTestSupport.write(
        Topics.ORDER_RISK,
        OrderKey.of(DEV_MERCHANT, orderId),
        RiskAssessed.newBuilder()
            .setOrder(order)
            .setScore(60)
            .setDecision(RiskDecision.REVIEW)
            .setReasons(List.of())
            .setRulesVersion("test-1")
            .setAssessedAt(heldAt)
            .build());
    IngestTestSupport.write(
        Topics.PAYMENTS,
        OrderKey.of(DEV_MERCHANT, orderId),
        PaymentProcessed.newBuilder()
            .setPaymentId("pay-" + orderId)
            .setOrderId(orderId)
            .setCustomerId(order.getCustomerId())
            .setMerchantId(order.getMerchantId())
            .setAmountMinor(order.getAmountMinor())
            .setCurrency(order.getCurrency())
            .setStatus(PaymentStatus.HELD_FOR_REVIEW)
            .setProcessedAt(heldAt)
            .build());
  }

  private static List<String> ordersOwnedBy(ConfigurableApplicationContext instance, int count) {
    KeyRouter<String> router = router(instance);
    return Stream.generate(() -> IngestTestSupport.uniqueId("across"))
        .filter(id -> router.ownerOf(id) instanceof KeyOwner.Local)
        .limit(count)
        .toList();
  }

  @SuppressWarnings("unchecked")
  private static KeyRouter<String> router(ConfigurableApplicationContext context) {
    return (KeyRouter<String>)
        context
            .getBeanProvider(ResolvableType.forClassWithGenerics(KeyRouter.class, String.class))
            .getObject();
  }

  private static KafkaStreams streams(ConfigurableApplicationContext context) {
    return context.getBean(StreamsBuilderFactoryBean.class).getKafkaStreams();
  }

  private static boolean running(ConfigurableApplicationContext context) {
    return IngestTestSupport.running(context.getBean(StreamsBuilderFactoryBean.class));
  }
}
