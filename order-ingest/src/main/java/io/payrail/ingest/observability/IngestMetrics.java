package io.payrail.ingest.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** The facade's own meters, exported at /actuator/prometheus next to Boot's HTTP and JVM ones. */
@Component
public class IngestMetrics {

  private final MeterRegistry registry;
  private final Counter accepted;
  private final Counter replayed;
  private final Timer publishLatency;
  private final Counter withoutView;

  public IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.accepted =
        Counter.builder("payrail.ingest.orders.accepted")
            .description("Orders published and answered 202")
            .register(registry);
    this.replayed =
        Counter.builder("payrail.ingest.orders.replayed")
            .description("Idempotent replays answered 202 again, nothing published")
            .register(registry);
    this.withoutView =
        Counter.builder("payrail.ingest.idempotency.without.view")
            .description(
                "Orders checked for replays by this instance's recent submissions only: the view"
                    + " could not answer for the key (restoring or rebalancing)")
            .register(registry);
    this.publishLatency =
        Timer.builder("payrail.ingest.publish.latency")
            .description("From send to broker acknowledgement")
            .publishPercentileHistogram()
            .register(registry);
  }

  public void orderAccepted() {
    accepted.increment();
  }

  public void orderReplayed() {
    replayed.increment();
  }

  public void idempotencyWithoutView() {
    withoutView.increment();
  }

  /**
   * A review decision answered without error: {@code accepted} (published, 202) or {@code repeated}
   * (the same decision was already recorded, 200, nothing published).
   */
  public void reviewDecision(String decision, String outcome) {
    Counter.builder("payrail.ingest.review.decisions")
        .description("Review decisions answered, by decision and outcome")
        .tag("decision", decision)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  /**
   * An order's coupon priced: {@code applied} (the order is published with it) or {@code
   * not_applicable} (422, nothing published).
   */
  public void couponPriced(String outcome) {
    Counter.builder("payrail.ingest.orders.coupons")
        .description("Coupons claimed by new orders, by outcome (applied, not_applicable)")
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  /** An order or refund request answered with an error, tagged by the problem type's slug. */
  public void rejected(String endpoint, String reason) {
    Counter.builder("payrail.ingest.requests.rejected")
        .description("Requests answered with a problem, by endpoint and reason")
        .tag("endpoint", endpoint)
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  public void published(Duration latency, String outcome) {
    publishLatency.record(latency);
    if (!"ok".equals(outcome)) {
      rejected("publish", outcome);
    }
  }

  /** A record of {@code topic} the status view could not read and dropped. */
  public void statusViewSkipped(String topic) {
    Counter.builder("payrail.ingest.status.skipped")
        .description(
            "Records the status view dropped because they can never be read (corrupt bytes, an"
                + " unknown schema id, a tombstone, no key), by topic")
        .tag("topic", topic)
        .register(registry)
        .increment();
  }

  /** One long-poll wait, by whether the status was reached before the timeout. */
  public void longPoll(Duration waited, boolean reached) {
    Timer.builder("payrail.ingest.longpoll.wait")
        .description("Time GET ?waitFor= waited for a status")
        .tag("outcome", reached ? "reached" : "timeout")
        .register(registry)
        .record(waited);
  }
}
