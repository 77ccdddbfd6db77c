package io.payrail.payment.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.payrail.gateway.GatewayCalls;
import io.payrail.gateway.charge.BatchPaymentGateway;
import io.payrail.gateway.charge.ChargeRequest;
import io.payrail.gateway.charge.GatewayResponse;
import io.payrail.gateway.charge.PaymentGateway;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Charges a batch's approved orders through the {@link PaymentGateway}, retrying retryable answers
 * (nothing charged) with back-off, never an unknown outcome (a timeout: another attempt would cost
 * another timeout, and the reconciler asks the acquirer by the idempotency key instead): in one
 * call per attempt when the gateway has a batch call ({@link BatchPaymentGateway}), otherwise one
 * call per charge, at most {@code payrail.gateway.concurrency} at a time. An exception from the
 * gateway (it could not be asked, e.g. its store is down) fails the whole call, so the batch is
 * retried; the idempotency keys make that safe.
 */
@Component
public class ChargeExecutor implements DisposableBean {

  private final PaymentGateway gateway;
  private final GatewayProperties properties;
  private final GatewayCalls calls;
  private final MeterRegistry meters;
  private final Map<String, Timer> latencies = new ConcurrentHashMap<>();

  public ChargeExecutor(
      PaymentGateway gateway, GatewayProperties properties, MeterRegistry meters) {
    this.gateway = gateway;
    this.properties = properties;
    this.meters = meters;
    this.calls = new GatewayCalls("gateway", properties.concurrency());
  }

  /**
   * The outcome of every request, by its idempotency key (one per payment row: two merchants'
   * orders with the same orderId are two keys), once all are settled.
   */
  public Map<String, ChargeOutcome> chargeAll(List<ChargeRequest> requests) {
    if (requests.isEmpty()) {
      return Map.of();
    }
    if (gateway instanceof BatchPaymentGateway batchGateway) {
      return chargeInBatches(batchGateway, requests);
    }
    Map<String, ChargeRequest> byKey = new LinkedHashMap<>();
    requests.forEach(request -> byKey.put(request.idempotencyKey(), request));
    return calls.callAll(byKey, this::charge);
  }

  private Map<String, ChargeOutcome> chargeInBatches(
      BatchPaymentGateway batchGateway, List<ChargeRequest> requests) {
    Map<String, ChargeOutcome> settled = new HashMap<>();
    Map<String, String> lastReasons = new HashMap<>();
    List<ChargeRequest> pending = requests;
    Duration backoff = properties.retryBackoff();
    for (int attempt = 1; attempt <= properties.maxAttempts() && !pending.isEmpty(); attempt++) {
      if (attempt > 1) {
        pause(backoff);
        backoff =
            Duration.ofMillis(Math.round(backoff.toMillis() * properties.retryBackoffMultiplier()));
      }
      long started = System.nanoTime();
      List<GatewayResponse> responses = batchGateway.chargeBatch(pending);
      long elapsed = System.nanoTime() - started;
      if (responses.size() != pending.size()) {
        throw new IllegalStateException(
            "gateway answered " + responses.size() + " of " + pending.size() + " charges");
      }
      List<ChargeRequest> retry = new ArrayList<>();
      for (int i = 0; i < pending.size(); i++) {
        ChargeRequest request = pending.get(i);
        GatewayResponse response = responses.get(i);
        // Every charge of the batch waited for the batch's answer: that is its attempt's latency.
        latency(response).record(elapsed, TimeUnit.NANOSECONDS);
        if (response instanceof GatewayResponse.Retryable retryable) {
          lastReasons.put(request.idempotencyKey(), retryable.reason());
          retry.add(request);
        } else if (response instanceof GatewayResponse.Unknown unknown) {
          settled.put(
              request.idempotencyKey(),
              new ChargeOutcome(ChargeOutcome.Result.UNKNOWN, null, unknown.reason()));
        } else {
          settled.put(request.idempotencyKey(), outcome(response));
        }
      }
      pending = retry;
    }
    Map<String, ChargeOutcome> outcomes = new LinkedHashMap<>();
    for (ChargeRequest request : requests) {
      ChargeOutcome outcome = settled.get(request.idempotencyKey());
      outcomes.put(
          request.idempotencyKey(),
          outcome != null
              ? outcome
              : new ChargeOutcome(
                  ChargeOutcome.Result.FAILED, null, lastReasons.get(request.idempotencyKey())));
    }
    return outcomes;
  }

  /** An acquirer's definite answer (approved or declined) as an outcome. */
  public static ChargeOutcome outcome(GatewayResponse response) {
    if (response instanceof GatewayResponse.Approved approved) {
      return new ChargeOutcome(ChargeOutcome.Result.CAPTURED, approved.reference(), null);
    }
    GatewayResponse.Declined declined = (GatewayResponse.Declined) response;
    return new ChargeOutcome(
        ChargeOutcome.Result.DECLINED, declined.reference(), declined.declineCode());
  }

  private ChargeOutcome charge(ChargeRequest request) {
    Duration backoff = properties.retryBackoff();
    String lastReason = null;
    for (int attempt = 1; attempt <= properties.maxAttempts(); attempt++) {
      if (attempt > 1) {
        pause(backoff);
        backoff =
            Duration.ofMillis(Math.round(backoff.toMillis() * properties.retryBackoffMultiplier()));
      }
      Timer.Sample sample = Timer.start(meters);
      GatewayResponse response = gateway.charge(request);
      sample.stop(latency(response));
      if (response instanceof GatewayResponse.Unknown unknown) {
        return new ChargeOutcome(ChargeOutcome.Result.UNKNOWN, null, unknown.reason());
      }
      if (!(response instanceof GatewayResponse.Retryable)) {
        return outcome(response);
      }
      lastReason = ((GatewayResponse.Retryable) response).reason();
    }
    return new ChargeOutcome(ChargeOutcome.Result.FAILED, null, lastReason);
  }

  private Timer latency(GatewayResponse response) {
    String outcome;
    if (response instanceof GatewayResponse.Approved) {
      outcome = "approved";
    } else if (response instanceof GatewayResponse.Declined) {
      outcome = "declined";
    } else if (response instanceof GatewayResponse.Unknown unknown) {
      outcome = unknown.reason();
    } else {
      outcome = ((GatewayResponse.Retryable) response).reason();
    }
    return latencies.computeIfAbsent(
        outcome,
        tag ->
            Timer.builder("payrail.gateway.latency")
                .description("Time for one charge attempt at the acquirer")
                .tag("outcome", tag)
                .publishPercentileHistogram()
                .register(meters));
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while backing off a charge retry", e);
    }
  }

  @Override
  public void destroy() {
    calls.close();
  }
}
