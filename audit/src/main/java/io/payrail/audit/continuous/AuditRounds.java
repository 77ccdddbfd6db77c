package io.payrail.audit.continuous;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.payrail.audit.Audit;
import io.payrail.audit.AuditReport;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit as a continuous check: a round every interval, each one's result in metrics ({@code
 * payrail_audit_discrepancies}, {@code payrail_audit_orders_in_flight}, {@code
 * payrail_audit_rounds_total} by outcome, {@code payrail_audit_last_round_seconds} since the epoch)
 * so that an alert fires on discrepancies and on an audit that stopped running.
 *
 * <p>Without {@code keepGoing} the rounds end with the first one that finds discrepancies or fails
 * to read, like the one-shot audit's exit status; with it they go on until the process is stopped,
 * and the metrics tell.
 */
public final class AuditRounds {

  private static final Logger log = LoggerFactory.getLogger(AuditRounds.class);

  private final Supplier<AuditReport> audit;
  private final Duration every;
  private final boolean keepGoing;
  private final Consumer<AuditReport> out;
  private final AtomicLong discrepancies = new AtomicLong();
  private final AtomicLong ordersInFlight = new AtomicLong();
  private final AtomicLong lastRound = new AtomicLong();
  private final Counter clean;
  private final Counter unclean;
  private final Counter failed;

  /**
   * @param audit one audit round
   * @param registry where the rounds' metrics go
   * @param every the time from one round's start to the next's (a round longer than that is
   *     followed at once by the next)
   * @param keepGoing whether rounds go on after one with discrepancies or a failed read
   * @param out what each round's report goes to
   */
  public AuditRounds(
      Supplier<AuditReport> audit,
      MeterRegistry registry,
      Duration every,
      boolean keepGoing,
      Consumer<AuditReport> out) {
    this.audit = Objects.requireNonNull(audit, "audit");
    this.every = Objects.requireNonNull(every, "every");
    this.keepGoing = keepGoing;
    this.out = Objects.requireNonNull(out, "out");
    Gauge.builder("payrail.audit.discrepancies", discrepancies, AtomicLong::get)
        .description("discrepancies found by the latest audit round")
        .strongReference(true)
        .register(registry);
    Gauge.builder("payrail.audit.orders.in.flight", ordersInFlight, AtomicLong::get)
        .description("orders the latest audit round left out as newer than its cut")
        .strongReference(true)
        .register(registry);
    Gauge.builder("payrail.audit.last.round", lastRound, AtomicLong::get)
        .description("when the latest audit round ended, in seconds since the epoch")
        .strongReference(true)
        .baseUnit("seconds")
        .register(registry);
    // Strong references: the metrics outlive these rounds (a last scrape after the final round).
    clean = rounds(registry, "clean");
    unclean = rounds(registry, "discrepancies");
    failed = rounds(registry, "failed");
  }

  /**
   * Runs rounds until one finds discrepancies or fails (never, with {@code keepGoing}).
   *
   * @return the report of the round that found discrepancies
   * @throws RuntimeException what made the last round fail, without {@code keepGoing}
   */
  public AuditReport run() throws InterruptedException {
    while (true) {
      if (Thread.interrupted()) {
        throw new InterruptedException("audit rounds stopped");
      }
      long started = System.nanoTime();
      try {
        AuditReport report = round();
        if (!report.isClean() && !keepGoing) {
          return report;
        }
      } catch (RuntimeException e) {
        if (!keepGoing) {
          throw e;
        }
        log.warn("Audit round failed, next in {}", every, e);
      }
      long left = every.toNanos() - (System.nanoTime() - started);
      if (left > 0) {
        Thread.sleep(Duration.ofNanos(left).toMillis());
      }
    }
  }

  /** One round: audits, records its outcome in the metrics and writes its report. */
  public AuditReport round() {
    AuditReport report;
    try {
      report = audit.get();
    } catch (RuntimeException e) {
      failed.increment();
      throw e;
    } finally {
      lastRound.set(System.currentTimeMillis() / 1_000);
    }
    discrepancies.set(report.discrepancies().size());
    ordersInFlight.set(report.counts().getOrDefault(Audit.ORDERS_IN_FLIGHT, 0));
    (report.isClean() ? clean : unclean).increment();
    out.accept(report);
    return report;
  }

  private static Counter rounds(MeterRegistry registry, String outcome) {
    return Counter.builder("payrail.audit.rounds")
        .description("audit rounds run, by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }
}
