package io.payrail.payment.reconcile;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.payrail.gateway.charge.GatewayResponse;
import io.payrail.gateway.charge.PaymentGateway;
import io.payrail.payment.gateway.ChargeExecutor;
import io.payrail.payment.gateway.ChargeOutcome;
import io.payrail.payment.ledger.PaymentIds;
import io.payrail.payment.ledger.PaymentLedger;
import io.payrail.payment.ledger.PaymentLedger.UnknownPayments;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The janitor (as Kill Bill calls it): finds the payments nobody is working on, UNKNOWN (the
 * acquirer never answered) or PENDING for far too long, asks the acquirer what it did by the
 * charge's idempotency key, and writes what it found to the internal resolutions topic, from which
 * {@link ResolutionListener} records and publishes each payment exactly once. A charge the acquirer
 * has no record of was never made: the payment FAILED ({@code gateway_timeout}). Every instance
 * runs it; two resolutions of one payment are harmless (the second finds it final).
 */
@Component
public class PaymentReconciler {

  private static final Logger log = LoggerFactory.getLogger(PaymentReconciler.class);
  private static final String NOT_CHARGED = "gateway_timeout";

  private final PaymentLedger ledger;
  private final PaymentGateway gateway;
  private final KafkaTemplate<String, Object> kafka;
  private final ReconcilerProperties properties;
  private final Clock clock;
  private final MeterRegistry meters;
  private final AtomicReference<UnknownPayments> unknown =
      new AtomicReference<>(new UnknownPayments(0, null));

  public PaymentReconciler(
      PaymentLedger ledger,
      PaymentGateway gateway,
      KafkaTemplate<String, Object> kafka,
      ReconcilerProperties properties,
      Clock clock,
      MeterRegistry meters) {
    this.ledger = ledger;
    this.gateway = gateway;
    this.kafka = kafka;
    this.properties = properties;
    this.clock = clock;
    this.meters = meters;
    Gauge.builder("payrail.payments.unknown", unknown, current -> current.get().count())
        .description("Payments whose charge has no answer yet (UNKNOWN)")
        .register(meters);
    Gauge.builder("payrail.payments.unknown.oldest.age", unknown, this::oldestAgeSeconds)
        .description("Seconds the oldest UNKNOWN payment has waited for its resolution")
        .baseUnit("seconds")
        .register(meters);
  }

  /** One round: look up what needs it, send what was found. */
  @Scheduled(
      fixedDelayString = "${payrail.payment.reconciler.interval}",
      initialDelayString = "${payrail.payment.reconciler.interval}")
  public void reconcile() {
    try {
      unknown.set(ledger.unknownPayments());
      Instant now = clock.instant();
      List<String> orderIds =
          ledger.findUnresolved(
              now.minus(properties.unknownAfter()),
              now.minus(properties.pendingAfter()),
              properties.batchSize());
      Map<String, Resolution> found = new LinkedHashMap<>();
      for (String orderId : orderIds) {
        Optional<GatewayResponse> recorded = gateway.lookup(PaymentIds.idempotencyKey(orderId));
        ChargeOutcome outcome =
            recorded
                .map(ChargeExecutor::outcome)
                .orElse(new ChargeOutcome(ChargeOutcome.Result.FAILED, null, NOT_CHARGED));
        found.put(orderId, new Resolution(outcome));
      }
      if (!found.isEmpty()) {
        kafka.executeInTransaction(
            operations -> {
              found.forEach(
                  (orderId, resolution) ->
                      operations.send(properties.topic(), orderId, resolution.encode()));
              return null;
            });
        found.values().forEach(this::counted);
        log.info("reconciler resolved {} payment(s)", found.size());
      }
    } catch (RuntimeException e) {
      // The database, the acquirer or the broker is away: the next round tries again.
      log.warn(
          "reconciler round failed, next round in {}: {}", properties.interval(), e.toString());
    }
  }

  private void counted(Resolution resolution) {
    Counter.builder("payrail.payments.reconciled")
        .description("Payments without an answer that the reconciler resolved, by outcome")
        .tag("status", resolution.outcome().result().name())
        .register(meters)
        .increment();
  }

  private double oldestAgeSeconds(AtomicReference<UnknownPayments> current) {
    Instant oldest = current.get().oldestSince();
    return oldest == null ? 0 : Duration.between(oldest, clock.instant()).toMillis() / 1000.0;
  }
}
