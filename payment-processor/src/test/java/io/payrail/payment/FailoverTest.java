package io.payrail.payment;

import static io.payrail.payment.support.Assessments.approved;
import static io.payrail.payment.support.Assessments.newOrderId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.payrail.events.PaymentProcessed;
import io.payrail.events.PaymentStatus;
import io.payrail.localstack.database.DatabaseSettings;
import io.payrail.localstack.kafka.FreePort;
import io.payrail.localstack.testing.TestInfrastructure;
import io.payrail.payment.support.Assessments;
import io.payrail.payment.support.PaymentIntegrationTest;
import io.payrail.schemas.serde.AvroDeserializer;
import io.payrail.schemas.topics.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;

/**
 * Two payment-processor instances with their own transactional-id prefixes, as two pods of a
 * Deployment: this test's and a second one in a JVM of its own, started with the service's default
 * timeouts. The second is killed with SIGKILL under load and not restarted: every order placed
 * around the kill is PAID within 15 s of it (session timeout, then the dead instance's open
 * transaction aborted after its transaction timeout; docs/operations.md, "Payments and refunds").
 */
class FailoverTest extends PaymentIntegrationTest {

  private static final Logger log = LoggerFactory.getLogger(FailoverTest.class);
  private static final Duration FAILOVER_WITHIN = Duration.ofSeconds(15);
  private static final Duration LOAD_BEFORE_KILL = Duration.ofSeconds(3);
  private static final Duration LOAD_AFTER_KILL = Duration.ofSeconds(2);
  private static final Duration BETWEEN_ORDERS = Duration.ofMillis(20);
  private static final Duration CHILD_READY_WITHIN = Duration.ofSeconds(120);

  // Each instance joins the group with this many consumers, the second as this one.
  @Value("${spring.kafka.listener.concurrency}")
  private int consumersPerInstance;

  private Process child;

  @AfterEach
  void killChild() {
    if (child != null) {
      child.destroyForcibly();
    }
  }

  @Test
  void ordersPlacedAroundTheKillOfOneInstanceArePaidWithinFifteenSeconds() throws Exception {
    try (PaidWatcher paid = new PaidWatcher()) {
      child = startSecondInstance();
      awaitMembersSharingThePartitions(2 * consumersPerInstance);

      List<String> orders = new ArrayList<>();
      place(orders, LOAD_BEFORE_KILL);
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      Instant killedAt = Instant.now();
      place(orders, LOAD_AFTER_KILL);

      await()
          .atMost(FAILOVER_WITHIN.plusSeconds(15))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> paid.poll().keySet().containsAll(keys(orders)));
      Instant lastPaid =
          keys(orders).stream().map(paid.poll()::get).max(Instant::compareTo).orElseThrow();
      Duration recovery = Duration.between(killedAt, lastPaid);
      log.info(
          "failover: {} orders, last one PAID {} ms after the SIGKILL",
          orders.size(),
          recovery.toMillis());
      assertThat(recovery).isLessThanOrEqualTo(FAILOVER_WITHIN);
      assertThat(orders).allSatisfy(orderId -> assertThat(payments(orderId)).isOne());
    }
  }

  /** The payments' keys of these orders: {@code merchantId/orderId}. */
  private static List<String> keys(List<String> orderIds) {
    return orderIds.stream().map(Assessments::encodedKey).toList();
  }

  private static void place(List<String> orders, Duration during) {
    Instant until = Instant.now().plus(during);
    while (Instant.now().isBefore(until)) {
      String orderId = newOrderId("failover");
      send(approved(orderId, "tok_visa"));
      orders.add(orderId);
      await().pollDelay(BETWEEN_ORDERS).until(() -> true);
    }
  }

  /** The service's main class on this test's classpath, with its own defaults and prefix. */
  private static Process startSecondInstance() throws IOException {
    TestInfrastructure infra = TestInfrastructure.shared();
    DatabaseSettings db = infra.database();
    int port = FreePort.orEphemeral(0);
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                PaymentProcessorApplication.class.getName()));
    Map<String, String> properties = new java.util.LinkedHashMap<>(infra.kafkaSpringProperties());
    properties.put("spring.datasource.url", db.jdbcUrl());
    properties.put("spring.datasource.username", db.username());
    properties.put("spring.datasource.password", db.password());
    properties.put(
        "spring.kafka.producer.transaction-id-prefix",
        "payment-failover-" + UUID.randomUUID() + "-");
    properties.put("server.port", String.valueOf(port));
    properties.forEach((key, value) -> command.add("--" + key + "=" + value));
    Path output = TestInfrastructure.newTempDirectory("failover-").resolve("second-instance.log");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    awaitReady(process, port, output);
    return process;
  }

  private static void awaitReady(Process process, int port, Path output) {
    HttpClient http = HttpClient.newHttpClient();
    URI readiness = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
    await()
        .atMost(CHILD_READY_WITHIN)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              assertThat(process.isAlive()).as("second instance alive, see " + output).isTrue();
              try {
                return http.send(
                            HttpRequest.newBuilder(readiness).build(),
                            HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                    == 200;
              } catch (IOException notYet) {
                return false;
              }
            });
  }

  private static void awaitMembersSharingThePartitions(int members) {
    try (Admin admin = Admin.create(TestInfrastructure.shared().clientConfig())) {
      await()
          .atMost(CHILD_READY_WITHIN)
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                ConsumerGroupDescription group =
                    admin
                        .describeConsumerGroups(List.of(GROUP_ID))
                        .describedGroups()
                        .get(GROUP_ID)
                        .get();
                return group.members().size() == members
                    && group.members().stream()
                        .allMatch(member -> !member.assignment().topicPartitions().isEmpty());
              });
    }
  }

  /**
   * Notes when each order's CAPTURED payment becomes visible to a read_committed reader, by the
   * payment's key.
   */
  private static final class PaidWatcher implements AutoCloseable {

    private final KafkaConsumer<String, PaymentProcessed> consumer;
    private final Map<String, Instant> paidAt = new ConcurrentHashMap<>();

    PaidWatcher() {
      Map<String, Object> config = TestInfrastructure.shared().clientConfig();
      config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
      config.put("specific.avro.reader", "true");
      AvroDeserializer<PaymentProcessed> values = new AvroDeserializer<>();
      values.configure(config, false);
      consumer = new KafkaConsumer<>(config, new StringDeserializer(), values);
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.PAYMENTS.name()).stream()
              .map(info -> new TopicPartition(info.topic(), info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);
    }

    Map<String, Instant> poll() {
      for (ConsumerRecord<String, PaymentProcessed> record :
          consumer.poll(Duration.ofMillis(100))) {
        if (record.value().getStatus() == PaymentStatus.CAPTURED) {
          paidAt.putIfAbsent(record.key(), Instant.now());
        }
      }
      return paidAt;
    }

    @Override
    public void close() {
      consumer.close();
    }
  }
}
