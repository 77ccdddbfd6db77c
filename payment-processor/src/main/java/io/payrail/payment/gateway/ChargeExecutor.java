package io.payrail.payment.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Charges a batch's approved orders through the {@link PaymentGateway}, at most {@code
 * payrail.gateway.concurrency} at a time, retrying retryable answers with back-off. An exception
 * from the gateway (it could not be asked, e.g. its store is down) fails the whole call, so the
 * batch is retried; the idempotency keys make that safe.
 */
@Component
public class ChargeExecutor implements DisposableBean {

  private final PaymentGateway gateway;
  private final GatewayProperties properties;
  private final ExecutorService workers;
  private final MeterRegistry meters;

  public ChargeExecutor(
      PaymentGateway gateway, GatewayProperties properties, MeterRegistry meters) {
    this.gateway = gateway;
    this.properties = properties;
    this.meters = meters;
    AtomicInteger threads = new AtomicInteger();
    this.workers =
        Executors.newFixedThreadPool(
            properties.concurrency(),
            runnable -> {
              Thread thread = new Thread(runnable, "gateway-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /** The outcome of every request, by orderId, once all are settled. */
  public Map<String, ChargeOutcome> chargeAll(List<ChargeRequest> requests) {
    Map<String, CompletableFuture<ChargeOutcome>> pending = new LinkedHashMap<>();
    for (ChargeRequest request : requests) {
      pending.put(request.orderId(), CompletableFuture.supplyAsync(() -> charge(request), workers));
    }
    Map<String, ChargeOutcome> outcomes = new LinkedHashMap<>();
    try {
      pending.forEach((orderId, future) -> outcomes.put(orderId, future.join()));
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
    return outcomes;
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
      if (response instanceof GatewayResponse.Approved approved) {
        return new ChargeOutcome(ChargeOutcome.Result.CAPTURED, approved.reference(), null);
      }
      if (response instanceof GatewayResponse.Declined declined) {
        return new ChargeOutcome(
            ChargeOutcome.Result.DECLINED, declined.reference(), declined.declineCode());
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
    } else {
      outcome = ((GatewayResponse.Retryable) response).reason();
    }
    return Timer.builder("payrail.gateway.latency")
        .description("Time for one charge attempt at the acquirer")
        .tag("outcome", outcome)
        .publishPercentileHistogram()
        .register(meters);
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
    workers.shutdownNow();
  }
}
