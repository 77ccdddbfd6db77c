package io.payrail.payment.review;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * The review path's meters. The dead letters are counted by the shared {@code
 * payrail.listener.dead.letters{topic=review-decisions}}, the statuses reached by {@code
 * payrail.payments{status}}.
 */
@Component
class ReviewMetrics {

  private final MeterRegistry meters;
  private final Counter skipped;
  private final Counter expiries;
  private final AtomicLong openHolds = new AtomicLong();

  ReviewMetrics(MeterRegistry meters) {
    this.meters = meters;
    this.skipped =
        Counter.builder("payrail.review.decisions.skipped")
            .description("Decisions on orders whose review was closed already; nothing was done")
            .register(meters);
    this.expiries =
        Counter.builder("payrail.review.expiries.published")
            .description("EXPIRE decisions the hold expiry published for holds past their time")
            .register(meters);
    // Refreshed by every expiry scan (one indexed COUNT a scan), not on every scrape.
    Gauge.builder("payrail.review.holds.open", openHolds, AtomicLong::get)
        .description("Payments held for review, as of the last expiry scan")
        .register(meters);
  }

  /** A decision applied to a held order: {@code decision} is APPROVE, REJECT or EXPIRE. */
  void applied(String decision) {
    Counter.builder("payrail.review.decisions.applied")
        .description("Decisions that decided a held order, by decision")
        .tag("decision", decision)
        .register(meters)
        .increment();
  }

  void skipped() {
    skipped.increment();
  }

  void expiriesPublished(int count) {
    expiries.increment(count);
  }

  void openHolds(long count) {
    openHolds.set(count);
  }
}
