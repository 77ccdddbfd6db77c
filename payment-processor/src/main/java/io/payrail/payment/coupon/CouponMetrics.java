package io.payrail.payment.coupon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Coupon uses taken, given back and refused, counted once their ledger transaction committed. */
@Component
public class CouponMetrics {

  private final MeterRegistry meters;
  private final Counter taken;
  private final Counter returned;

  public CouponMetrics(MeterRegistry meters) {
    this.meters = meters;
    this.taken =
        Counter.builder("payrail.coupon.uses.taken")
            .description("Coupon uses taken with a PENDING payment (before the charge)")
            .register(meters);
    this.returned =
        Counter.builder("payrail.coupon.uses.returned")
            .description("Coupon uses given back by payments that ended without a capture")
            .register(meters);
  }

  public void taken(int count) {
    taken.increment(count);
  }

  public void returned(int count) {
    returned.increment(count);
  }

  /** A payment declined because its coupon had no use left: {@code reason} is its decline code. */
  public void refused(String reason) {
    Counter.builder("payrail.coupon.refused")
        .description("Payments declined without a charge: the coupon had no use left, by reason")
        .tag("reason", reason)
        .register(meters)
        .increment();
  }
}
