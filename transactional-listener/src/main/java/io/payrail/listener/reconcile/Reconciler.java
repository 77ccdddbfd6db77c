package io.payrail.listener.reconcile;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The janitor (as Kill Bill calls it) of a processor: finds the rows nobody is working on, UNKNOWN
 * (the acquirer never answered) or PENDING for far too long, asks the acquirer what it did by the
 * row's idempotency key, and writes what it found to the processor's internal resolutions topic,
 * from which the {@link ResolutionListener} records and publishes each row exactly once. Every
 * instance runs it; two resolutions of one row are harmless (the second finds it final).
 *
 * <p>Meters, for {@code name} payments or refunds: {@code payrail.<name>.unknown} (rows UNKNOWN
 * now), {@code payrail.<name>.unknown.oldest.age} (seconds the oldest has waited), {@code
 * payrail.<name>.reconciled{status}} (resolutions sent).
 */
public class Reconciler {

  private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

  private final Reconciled reconciled;
  private final UnresolvedRows rows;
  private final KafkaTemplate<String, Object> kafka;
  private final ReconcilerProperties properties;
  private final Clock clock;
  private final MeterRegistry meters;
  private final AtomicReference<UnresolvedRows.Waiting> unknown =
      new AtomicReference<>(new UnresolvedRows.Waiting(0, null));

  public Reconciler(
      Reconciled reconciled,
      JdbcClient jdbc,
      KafkaTemplate<String, Object> kafka,
      ReconcilerProperties properties,
      Clock clock,
      MeterRegistry meters) {
    this.reconciled = reconciled;
    this.rows = new UnresolvedRows(jdbc, reconciled);
    this.kafka = kafka;
    this.properties = properties;
    this.clock = clock;
    this.meters = meters;
    Gauge.builder(meterName("unknown"), unknown, current -> current.get().count())
        .description(reconciled.name() + " whose acquirer call has no answer yet (UNKNOWN)")
        .register(meters);
    Gauge.builder(meterName("unknown.oldest.age"), unknown, this::oldestAgeSeconds)
        .description("Seconds the oldest UNKNOWN one of the " + reconciled.name() + " has waited")
        .baseUnit("seconds")
        .register(meters);
  }

  /** One round: look up what needs it, send what was found. */
  @Scheduled(
      fixedDelayString = "${payrail.reconciler.interval}",
      initialDelayString = "${payrail.reconciler.interval}")
  public void reconcile() {
    try {
      unknown.set(rows.unknown());
      Instant now = clock.instant();
      List<String> ids =
          rows.find(
              now.minus(properties.unknownAfter()),
              now.minus(properties.pendingAfter()),
              properties.batchSize());
      Map<String, Resolution> found = new LinkedHashMap<>();
      for (String id : ids) {
        found.put(id, reconciled.lookup().apply(id));
      }
      if (!found.isEmpty()) {
        kafka.executeInTransaction(
            operations -> {
              found.forEach(
                  (id, resolution) -> operations.send(properties.topic(), id, resolution.encode()));
              return null;
            });
        found.values().forEach(this::counted);
        log.info("reconciler resolved {} {}", found.size(), reconciled.name());
      }
    } catch (RuntimeException e) {
      // The database, the acquirer or the broker is away: the next round tries again.
      log.warn(
          "reconciler round failed, next round in {}: {}", properties.interval(), e.toString());
    }
  }

  private void counted(Resolution resolution) {
    Counter.builder(meterName("reconciled"))
        .description(
            reconciled.name() + " without an answer that the reconciler resolved, by outcome")
        .tag("status", resolution.outcome())
        .register(meters)
        .increment();
  }

  private String meterName(String suffix) {
    return "payrail." + reconciled.name() + "." + suffix;
  }

  private double oldestAgeSeconds(AtomicReference<UnresolvedRows.Waiting> current) {
    Instant oldest = current.get().oldestSince();
    return oldest == null ? 0 : Duration.between(oldest, clock.instant()).toMillis() / 1000.0;
  }
}
