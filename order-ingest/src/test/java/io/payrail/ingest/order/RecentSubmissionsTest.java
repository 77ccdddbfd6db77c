package io.payrail.ingest.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.payrail.events.Channel;
import io.payrail.events.LineItem;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentMethod;
import io.payrail.ingest.IngestTestSupport;
import io.payrail.ingest.observability.IngestMetrics;
import io.payrail.ingest.problem.ProblemException;
import io.payrail.ingest.problem.ProblemType;
import io.payrail.ingest.publish.EventPublisher;
import io.payrail.ingest.publish.PublishProperties;
import io.payrail.localstack.testing.TestInfrastructure;
import io.payrail.schemas.serde.AvroSerializer;
import io.payrail.schemas.serde.TopicSerdes;
import io.payrail.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The per-instance guard of recent submissions, as plain objects (and a real, dead producer). */
class RecentSubmissionsTest {

  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  private static final RecentSubmissions.Key KEY = new RecentSubmissions.Key("m-1", "o-1");

  private final AtomicLong now = new AtomicLong();
  private final AtomicInteger published = new AtomicInteger();
  private final ExecutorService threads = Executors.newFixedThreadPool(8);

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  @Test
  void aReplayIsAnsweredFromTheFirstSubmissionAndNotPublished() {
    RecentSubmissions recent = guard(Duration.ofSeconds(60), 100);
    Submission first = submission("c-1", T0);

    assertThat(recent.publishOnce(KEY, first, published::incrementAndGet)).isEmpty();
    Optional<Submission> replay =
        recent.publishOnce(KEY, submission("c-1", T0.plusSeconds(5)), published::incrementAndGet);
    Optional<Submission> conflict =
        recent.publishOnce(KEY, submission("c-2", T0), published::incrementAndGet);

    assertThat(published).hasValue(1);
    assertThat(replay).get().satisfies(s -> assertThat(s.placedAt()).isEqualTo(T0));
    assertThat(replay.get().sameOrderAs(submission("c-1", T0.plusSeconds(9)))).isTrue();
    assertThat(conflict.get().sameOrderAs(submission("c-2", T0))).isFalse();
  }

  @Test
  void concurrentSubmissionsOfOneOrderIdPublishOnce() throws Exception {
    RecentSubmissions recent = guard(Duration.ofSeconds(60), 100);
    CountDownLatch release = new CountDownLatch(1);
    Runnable slowPublish =
        () -> {
          published.incrementAndGet();
          awaitQuietly(release);
        };
    List<CompletableFuture<Optional<Submission>>> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      calls.add(
          CompletableFuture.supplyAsync(
              () -> recent.publishOnce(KEY, submission("c-1", T0), slowPublish), threads));
    }
    // One call is inside its publish; the others find its claim while it is still in flight.
    await().atMost(Duration.ofSeconds(10)).until(() -> published.get() == 1);
    release.countDown();

    List<Optional<Submission>> outcomes = new ArrayList<>();
    for (CompletableFuture<Optional<Submission>> call : calls) {
      outcomes.add(call.get(10, TimeUnit.SECONDS));
    }
    assertThat(published).hasValue(1);
    assertThat(outcomes).filteredOn(Optional::isEmpty).hasSize(1);
    assertThat(outcomes)
        .filteredOn(Optional::isPresent)
        .hasSize(7)
        .allSatisfy(o -> assertThat(o.get().placedAt()).isEqualTo(T0));
  }

  @Test
  void aFailedPublishIsForgottenSoTheRetryPublishes() {
    RecentSubmissions recent = guard(Duration.ofSeconds(60), 100);
    OrderPlaced order = order("o-dead");
    RecentSubmissions.Key key = new RecentSubmissions.Key("m-1", "o-dead");
    Submission submission = Submission.of(order);

    try (EventPublisher dead = unreachablePublisher()) {
      ProblemException problem =
          catchThrowableOfType(
              ProblemException.class,
              () ->
                  recent.publishOnce(
                      key, submission, () -> dead.publish(Topics.ORDERS, "o-dead", order)));
      assertThat(problem.type()).isEqualTo(ProblemType.UNAVAILABLE);
    }

    assertThat(recent.size()).isZero();
    assertThat(recent.publishOnce(key, submission, published::incrementAndGet)).isEmpty();
    assertThat(published).hasValue(1);
  }

  @Test
  void aDuplicateWaitingForAFailedPublishIsToldToRetry() throws Exception {
    RecentSubmissions recent = guard(Duration.ofSeconds(60), 100);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Optional<Submission>> first =
        CompletableFuture.supplyAsync(
            () ->
                recent.publishOnce(
                    KEY,
                    submission("c-1", T0),
                    () -> {
                      published.incrementAndGet();
                      awaitQuietly(release);
                      throw new ProblemException(ProblemType.UNAVAILABLE, "broker down");
                    }),
            threads);
    await().atMost(Duration.ofSeconds(10)).until(() -> published.get() == 1);
    CompletableFuture<ProblemException> second = new CompletableFuture<>();
    Thread duplicate =
        new Thread(
            () ->
                second.complete(
                    catchThrowableOfType(
                        ProblemException.class,
                        () ->
                            recent.publishOnce(
                                KEY, submission("c-1", T0), published::incrementAndGet))));
    duplicate.start();
    // Parked on the first submission's outcome (the only timed wait on its way).
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> duplicate.getState() == Thread.State.TIMED_WAITING);
    release.countDown();

    assertThat(first).failsWithin(Duration.ofSeconds(10));
    ProblemException problem = second.get(10, TimeUnit.SECONDS);
    assertThat(problem).isNotNull();
    assertThat(problem.type()).isEqualTo(ProblemType.UNAVAILABLE);
    assertThat(problem.headers()).containsKey("Retry-After");
    assertThat(published).as("the duplicate did not publish").hasValue(1);
    assertThat(recent.size()).isZero();
  }

  @Test
  void entriesExpireAfterTheWindow() {
    RecentSubmissions recent = guard(Duration.ofSeconds(60), 100);
    recent.publishOnce(KEY, submission("c-1", T0), published::incrementAndGet);

    now.addAndGet(Duration.ofSeconds(59).toNanos());
    recent.publishOnce(KEY, submission("c-1", T0), published::incrementAndGet);
    assertThat(published).as("still remembered").hasValue(1);

    now.addAndGet(Duration.ofSeconds(2).toNanos());
    recent.publishOnce(KEY, submission("c-1", T0), published::incrementAndGet);
    assertThat(published).as("forgotten after the window").hasValue(2);
  }

  @Test
  void theOldestEntriesGoWhenTheGuardIsFull() {
    RecentSubmissions recent = guard(Duration.ofSeconds(60), 3);
    for (int i = 0; i < 5; i++) {
      recent.publishOnce(
          new RecentSubmissions.Key("m-1", "o-" + i),
          submission("c-1", T0),
          published::incrementAndGet);
    }
    assertThat(recent.size()).isEqualTo(3);

    recent.publishOnce(
        new RecentSubmissions.Key("m-1", "o-4"), submission("c-1", T0), published::incrementAndGet);
    assertThat(published).as("o-4 is remembered").hasValue(5);
    recent.publishOnce(
        new RecentSubmissions.Key("m-1", "o-0"), submission("c-1", T0), published::incrementAndGet);
    assertThat(published).as("o-0 was evicted").hasValue(6);
  }

  @Test
  void anotherMerchantsOrderIdIsNotThisMerchantsReplay() {
    RecentSubmissions recent = guard(Duration.ofSeconds(60), 100);
    recent.publishOnce(KEY, submission("c-1", T0), published::incrementAndGet);

    Optional<Submission> other =
        recent.publishOnce(
            new RecentSubmissions.Key("m-2", KEY.orderId()),
            submission("c-1", T0),
            published::incrementAndGet);

    assertThat(other).isEmpty();
    assertThat(published).hasValue(2);
  }

  private RecentSubmissions guard(Duration window, int maxEntries) {
    return new RecentSubmissions(
        new IdempotencyProperties(window, maxEntries, Duration.ofSeconds(5)), now::get);
  }

  private static Submission submission(String customerId, Instant placedAt) {
    OrderPlaced order = order("o-1");
    order.setCustomerId(customerId);
    order.setPlacedAt(placedAt);
    return Submission.of(order);
  }

  private static OrderPlaced order(String orderId) {
    return OrderPlaced.newBuilder()
        .setOrderId(orderId)
        .setMerchantId("m-1")
        .setCustomerId("c-1")
        .setAmountMinor(3999)
        .setCurrency("EUR")
        .setItems(List.of(new LineItem("sku", 1, 3999L)))
        .setPaymentMethod(new PaymentMethod("tok", "visa", "4242", "DE"))
        .setShippingCountry("DE")
        .setChannel(Channel.WEB)
        .setPlacedAt(T0)
        .build();
  }

  /** A publisher whose broker does not exist: every publish is a bounded 503. */
  private static EventPublisher unreachablePublisher() {
    TopicSerdes serdes =
        new TopicSerdes(
            Map.of(
                "schema.registry.url", TestInfrastructure.shared().schemaRegistryUrl().toString()));
    AvroSerializer<SpecificRecord> values = new AvroSerializer<>(serdes.registry());
    values.configure(serdes.configs(), false);
    Map<String, Object> config =
        Map.of(
            "bootstrap.servers", "127.0.0.1:" + IngestTestSupport.freePort(),
            "max.block.ms", 500,
            "request.timeout.ms", 500,
            "delivery.timeout.ms", 1000,
            "acks", "all");
    return new EventPublisher(
        new KafkaProducer<>(config, new StringSerializer(), values),
        new PublishProperties(Duration.ofSeconds(1), Duration.ofSeconds(2)),
        new IngestMetrics(new SimpleMeterRegistry()));
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
