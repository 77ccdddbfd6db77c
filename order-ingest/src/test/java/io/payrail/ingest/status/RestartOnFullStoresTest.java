package io.payrail.ingest.status;

import static io.payrail.ingest.IngestTestSupport.DEV_KEY;
import static io.payrail.ingest.IngestTestSupport.DEV_MERCHANT;
import static io.payrail.ingest.IngestTestSupport.get;
import static io.payrail.ingest.IngestTestSupport.orderJson;
import static io.payrail.ingest.IngestTestSupport.post;
import static io.payrail.ingest.IngestTestSupport.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.payrail.ingest.IngestTestSupport;
import io.payrail.localstack.testing.TestInfrastructure;
import io.payrail.schemas.keys.CouponKey;
import io.payrail.schemas.keys.CustomerKey;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * A facade restarted on a state directory whose stores already hold records of every partition has
 * nothing new to process, so its topology records no offset; it must still answer a lookup of a
 * missing key at once (the group's committed offsets tell what the stores hold), not "catching up"
 * until some new record reaches each partition.
 */
class RestartOnFullStoresTest {

  private static final Duration AT_ONCE = Duration.ofSeconds(5);

  private ConfigurableApplicationContext facade;

  @AfterEach
  void stop() {
    if (facade != null) {
      facade.close();
    }
  }

  @Test
  void facadeRestartedOnStoresHoldingEveryPartitionAnswersLookupsOfMissingKeysAtOnce() {
    String applicationId = uniqueId("restart");
    int port = IngestTestSupport.freePort();
    // The same state directory and port (so the same static group member) for both runs.
    Map<String, Object> sameInstance =
        Map.of(
            "spring.kafka.streams.state-dir",
            TestInfrastructure.newTempDirectory("order-status-restart-").toString());
    facade = IngestTestSupport.startFacade(applicationId, port, sameInstance);
    IngestTestSupport.awaitRunning(facade.getBean(StreamsBuilderFactoryBean.class));

    List<String> customerIds =
        onePerPartition(
            Topics.CUSTOMERS.name(),
            customerId -> CustomerKey.of(DEV_MERCHANT, customerId),
            "member");
    List<String> orderIds =
        onePerPartition(
            Topics.ORDERS.name(), orderId -> OrderKey.of(DEV_MERCHANT, orderId), "order");
    List<String> codes =
        onePerPartition(
            Topics.COUPONS.name(),
            code -> CouponKey.of(DEV_MERCHANT, code),
            "code",
            id -> id.replace("-", "").toUpperCase(Locale.ROOT).substring(0, 20));
    customerIds.forEach(
        id ->
            assertThat(post(port, "/v1/customers", DEV_KEY, customer(id)).statusCode())
                .isEqualTo(201));
    orderIds.forEach(
        id ->
            assertThat(post(port, "/v1/orders", DEV_KEY, orderJson(id)).statusCode())
                .isEqualTo(202));
    codes.forEach(
        code ->
            assertThat(post(port, "/v1/coupons", DEV_KEY, coupon(code)).statusCode())
                .isEqualTo(201));
    // Every partition's store holds a record before the stop.
    orderIds.forEach(
        id -> assertThat(get(port, "/v1/orders/" + id, DEV_KEY).statusCode()).isEqualTo(200));
    customerIds.forEach(
        id -> assertThat(get(port, "/v1/customers/" + id, DEV_KEY).statusCode()).isEqualTo(200));

    facade.close();
    facade = IngestTestSupport.startFacade(applicationId, port, sameInstance);
    IngestTestSupport.awaitRunning(facade.getBean(StreamsBuilderFactoryBean.class));

    String newCustomer = uniqueId("new-member");
    await()
        .atMost(AT_ONCE)
        .untilAsserted(
            () ->
                assertThat(post(port, "/v1/customers", DEV_KEY, customer(newCustomer)).statusCode())
                    .isEqualTo(201));
    await()
        .atMost(AT_ONCE)
        .untilAsserted(
            () ->
                assertThat(get(port, "/v1/orders/" + uniqueId("unknown"), DEV_KEY).statusCode())
                    .isEqualTo(404));
    await()
        .atMost(AT_ONCE)
        .untilAsserted(
            () ->
                assertThat(get(port, "/v1/coupons/NOSUCHCOUPON" + port, DEV_KEY).statusCode())
                    .isEqualTo(404));
    // What the stores held before the restart is still found.
    assertThat(get(port, "/v1/orders/" + orderIds.get(0), DEV_KEY).statusCode()).isEqualTo(200);
    assertThat(get(port, "/v1/customers/" + customerIds.get(0), DEV_KEY).statusCode())
        .isEqualTo(200);
  }

  private static String customer(String customerId) {
    return """
        {"customerId": "%s", "displayName": "Ada", "emailSha256": "%s", "country": "DE"}
        """
        .formatted(customerId, "3".repeat(64));
  }

  private static String coupon(String code) {
    return """
        {"code": "%s", "percentOff": 10}
        """
        .formatted(code);
  }

  private static List<String> onePerPartition(
      String topic, Function<String, String> keyOf, String prefix) {
    return onePerPartition(topic, keyOf, prefix, Function.identity());
  }

  /** Fresh ids whose keys fall one in each partition of {@code topic} (the default partitioner). */
  private static List<String> onePerPartition(
      String topic, Function<String, String> keyOf, String prefix, Function<String, String> shape) {
    int partitions = partitionCount(topic);
    Map<Integer, String> ids = new HashMap<>();
    while (ids.size() < partitions) {
      String id = shape.apply(uniqueId(prefix));
      byte[] key = keyOf.apply(id).getBytes(StandardCharsets.UTF_8);
      ids.putIfAbsent(Utils.toPositive(Utils.murmur2(key)) % partitions, id);
    }
    return List.copyOf(ids.values());
  }

  private static int partitionCount(String topic) {
    try (Admin admin = Admin.create(TestInfrastructure.shared().clientConfig())) {
      return admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get()
          .get(topic)
          .partitions()
          .size();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
