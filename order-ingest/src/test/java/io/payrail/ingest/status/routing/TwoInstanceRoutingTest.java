package io.payrail.ingest.status.routing;

import static io.payrail.ingest.IngestTestSupport.DEV_KEY;
import static io.payrail.ingest.IngestTestSupport.OTHER_KEY;
import static io.payrail.ingest.IngestTestSupport.get;
import static io.payrail.ingest.IngestTestSupport.orderJson;
import static io.payrail.ingest.IngestTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.payrail.ingest.IngestTestSupport;
import io.payrail.routing.KeyOwner;
import io.payrail.routing.KeyRouter;
import io.payrail.routing.RequestForwarder;
import io.payrail.schemas.keys.OrderKey;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/** Two facade instances sharing one view: each answers for the orders the other one holds. */
class TwoInstanceRoutingTest {

  private static ConfigurableApplicationContext first;
  private static ConfigurableApplicationContext second;
  private static int firstPort;
  private static int secondPort;

  @BeforeAll
  static void startTwoInstances() {
    String applicationId = IngestTestSupport.uniqueId("payrail-order-status-routing");
    firstPort = IngestTestSupport.freePort();
    secondPort = IngestTestSupport.freePort();
    first = start(applicationId, firstPort);
    second = start(applicationId, secondPort);
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
  void eachInstanceAnswersForOrdersOwnedByTheOther() {
    List<String> ownedByFirst = ordersOwnedBy(first);
    List<String> ownedBySecond = ordersOwnedBy(second);
    for (String orderId : ownedByFirst) {
      // Submitted through the instance that does NOT own it: the idempotency lookup is forwarded.
      assertThat(post(secondPort, "/v1/orders", DEV_KEY, orderJson(orderId)).statusCode())
          .isEqualTo(202);
    }
    for (String orderId : ownedBySecond) {
      assertThat(post(firstPort, "/v1/orders", DEV_KEY, orderJson(orderId)).statusCode())
          .isEqualTo(202);
    }
    for (String orderId : concat(ownedByFirst, ownedBySecond)) {
      for (int port : List.of(firstPort, secondPort)) {
        // While the group still moves partitions (warm-up replicas), a GET answers 503 with
        // Retry-After, as documented; a client retries, and so does this test.
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () -> {
                  HttpResponse<String> answer = get(port, "/v1/orders/" + orderId, DEV_KEY);
                  assertThat(answer.statusCode())
                      .as("GET %s on port %d", orderId, port)
                      .isEqualTo(200);
                  assertThat(answer.body()).contains(orderId).contains("\"status\":\"RECEIVED\"");
                });
      }
      // A replay through the non-owner is answered from the owner's view: nothing new published.
      HttpResponse<String> replay = post(firstPort, "/v1/orders", DEV_KEY, orderJson(orderId));
      assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");
    }
  }

  @Test
  void clientClaimingToBeForwardedCannotMakeTheNonOwnerAnswer() {
    String orderId = ordersOwnedBy(first).get(0);
    assertThat(post(firstPort, "/v1/orders", DEV_KEY, orderJson(orderId)).statusCode())
        .isEqualTo(202);
    // Unsigned, the header would have made the second instance read its own (empty) view or
    // answer 503 instead of asking the owner; it is refused before routing.
    HttpResponse<String> forged =
        IngestTestSupport.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + secondPort + "/v1/orders/" + orderId))
                .header("Authorization", "Bearer " + DEV_KEY)
                .header(RequestForwarder.FORWARDED_HEADER, "localhost:" + firstPort)
                .GET()
                .build());
    assertThat(forged.statusCode()).isEqualTo(400);
    assertThat(forged.body()).contains("/problems/internal-header");
    // The same question without the header is forwarded, signed, and answered by the owner.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(get(secondPort, "/v1/orders/" + orderId, DEV_KEY).statusCode())
                    .isEqualTo(200));
  }

  /**
   * The owner of a forwarded request looks up the merchant it authenticates from the caller's own
   * key: another merchant asking, through the instance that holds the development merchant's order,
   * for the same orderId is forwarded to the owner of its own key and finds only its own order (404
   * before it placed one, then its own, never the development merchant's).
   */
  @Test
  void aForwardFindsOnlyTheCallersOwnMerchantsOrder() {
    KeyRouter<String> router = router(first);
    String orderId =
        java.util.stream.Stream.generate(() -> IngestTestSupport.uniqueId("scoped"))
            .filter(
                id ->
                    router.ownerOf(OrderKey.of(IngestTestSupport.DEV_MERCHANT, id))
                            instanceof KeyOwner.Local
                        && router.ownerOf(OrderKey.of(IngestTestSupport.OTHER_MERCHANT, id))
                            instanceof KeyOwner.Remote)
            .findFirst()
            .orElseThrow();
    assertThat(post(firstPort, "/v1/orders", DEV_KEY, orderJson(orderId)).statusCode())
        .isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(get(firstPort, "/v1/orders/" + orderId, DEV_KEY).statusCode())
                    .isEqualTo(200));

    // Asked of the instance holding the development merchant's order: forwarded to the owner of
    // the other merchant's key, which has no such order. The view answers 503 while partitions
    // still move between the instances, as the other lookups here allow for.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              HttpResponse<String> notTheirs = get(firstPort, "/v1/orders/" + orderId, OTHER_KEY);
              assertThat(notTheirs.statusCode()).isEqualTo(404);
              assertThat(notTheirs.body()).doesNotContain("customer-1");
            });

    // The other merchant's own order with that id (its idempotency check forwarded too).
    assertThat(
            post(firstPort, "/v1/orders", OTHER_KEY, orderJson(orderId, "customer-2", 3999, 1))
                .statusCode())
        .isEqualTo(202);
    for (int port : List.of(firstPort, secondPort)) {
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                HttpResponse<String> theirs = get(port, "/v1/orders/" + orderId, OTHER_KEY);
                assertThat(theirs.statusCode()).as("port %d", port).isEqualTo(200);
                assertThat(theirs.body()).contains("customer-2").doesNotContain("customer-1");
                assertThat(get(port, "/v1/orders/" + orderId, DEV_KEY).body())
                    .contains("customer-1")
                    .doesNotContain("customer-2");
              });
    }
  }

  /** Two fresh orderIds of the development merchant whose partition the given instance holds. */
  private static List<String> ordersOwnedBy(ConfigurableApplicationContext instance) {
    KeyRouter<String> router = router(instance);
    return java.util.stream.Stream.generate(() -> IngestTestSupport.uniqueId("routed"))
        .filter(
            id ->
                router.ownerOf(OrderKey.of(IngestTestSupport.DEV_MERCHANT, id))
                    instanceof KeyOwner.Local)
        .limit(2)
        .toList();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
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

  private static ConfigurableApplicationContext start(String applicationId, int port) {
    return IngestTestSupport.startFacade(applicationId, port, Map.of());
  }
}
