package io.payrail.payment.points;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.payrail.payment.ledger.PaymentLedger;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The points path's meters. The dead letters are counted by the shared {@code
 * payrail.listener.dead.letters{topic=points-reservations}}, the statuses reached by {@code
 * payrail.payments{status}}.
 */
@Component
class PointsMetrics {

  private static final Logger log = LoggerFactory.getLogger(PointsMetrics.class);

  private final MeterRegistry meters;
  private final PaymentLedger ledger;
  private final Counter reserved;
  private final AtomicLong awaiting = new AtomicLong();

  PointsMetrics(MeterRegistry meters, PaymentLedger ledger) {
    this.meters = meters;
    this.ledger = ledger;
    this.reserved =
        Counter.builder("payrail.points.reserved")
            .description("RESERVED answers recorded (the first answer of each order)")
            .register(meters);
    // Refreshed by a scan (one indexed COUNT), not on every scrape, as the review's held gauge.
    Gauge.builder("payrail.points.awaiting", awaiting, AtomicLong::get)
        .description("Approved payments waiting for their points answer, as of the last scan")
        .register(meters);
  }

  /** Counts the answers recorded now (a repeated answer is not recorded, not counted). */
  void recorded(List<PointsAnswer> answers) {
    for (PointsAnswer answer : answers) {
      if (answer.reserved()) {
        reserved.increment();
      } else {
        Counter.builder("payrail.points.refused")
            .description("REFUSED answers recorded (the first answer of each order), by reason")
            .tag("reason", answer.reason())
            .register(meters)
            .increment();
      }
    }
  }

  /** Counts the payments awaiting their points; a failure (database away) waits for the next. */
  @Scheduled(
      fixedDelayString = "${payrail.points.awaiting-scan-interval}",
      initialDelayString = "${payrail.points.awaiting-scan-interval}")
  void scanAwaiting() {
    try {
      awaiting.set(ledger.awaitingPoints());
    } catch (RuntimeException e) {
      log.warn("counting the payments awaiting points failed: {}", e.toString());
    }
  }
}
