package io.payrail.payment.review;

import io.payrail.events.ReviewDecided;
import io.payrail.events.ReviewOutcome;
import io.payrail.payment.ledger.HeldOrder;
import io.payrail.payment.ledger.PaymentLedger;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Ends holds nobody decided: every {@code payrail.review.expiry-scan-interval}, the payments held
 * for longer than {@code payrail.review.hold-expiry} get an EXPIRE decision published to {@code
 * review-decisions}, so that an expiry takes the same exactly-once path as a reviewer's decision
 * (and loses to one that came first). Runs on every instance: two instances publishing the same
 * expiry, or a scan publishing it again before the first was applied, is harmless, since only the
 * first decision on an order counts and the decisionId is the same (derived from the merchant and
 * orderId). Each decision is keyed by its order ({@code merchantId/orderId}, {@link OrderKey}).
 */
@Component
public class HoldExpiry {

  public static final String REVIEWER = "payrail-hold-expiry";

  private static final Logger log = LoggerFactory.getLogger(HoldExpiry.class);

  private final PaymentLedger ledger;
  private final KafkaTemplate<String, Object> kafka;
  private final ReviewProperties properties;
  private final ReviewMetrics metrics;
  private final Clock clock;

  public HoldExpiry(
      PaymentLedger ledger,
      KafkaTemplate<String, Object> kafka,
      ReviewProperties properties,
      ReviewMetrics metrics,
      Clock clock) {
    this.ledger = ledger;
    this.kafka = kafka;
    this.properties = properties;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** One scan; a failure (database or broker away) is logged, the next scan tries again. */
  @Scheduled(
      fixedDelayString = "${payrail.review.expiry-scan-interval}",
      initialDelayString = "${payrail.review.expiry-scan-interval}")
  public void scan() {
    try {
      expire();
    } catch (RuntimeException e) {
      log.warn(
          "hold expiry scan failed, next scan in {}: {}",
          properties.expiryScanInterval(),
          e.toString());
    }
  }

  /** Publishes an EXPIRE decision for each hold past its time (at most a batch); how many. */
  public int expire() {
    metrics.openHolds(ledger.held());
    Instant now = clock.instant();
    List<HeldOrder> expired =
        ledger.heldBefore(now.minus(properties.holdExpiry()), properties.expiryBatch());
    if (expired.isEmpty()) {
      return 0;
    }
    // One transaction: the producer is transactional; the decisions become visible together.
    kafka.executeInTransaction(
        operations -> {
          expired.forEach(
              held ->
                  operations.send(
                      Topics.REVIEW_DECISIONS.name(), held.key().encoded(), decision(held, now)));
          return null;
        });
    metrics.expiriesPublished(expired.size());
    log.info(
        "published {} hold expiries (held longer than {})",
        expired.size(),
        properties.holdExpiry());
    return expired.size();
  }

  /** The EXPIRE decision of a held order; the same decisionId however often it is published. */
  static ReviewDecided decision(HeldOrder held, Instant now) {
    return ReviewDecided.newBuilder()
        .setDecisionId(decisionId(held.merchantId(), held.orderId()))
        .setOrderId(held.orderId())
        .setMerchantId(held.merchantId())
        .setDecision(ReviewOutcome.EXPIRE)
        .setReviewer(REVIEWER)
        .setNote(null)
        .setDecidedAt(now)
        .build();
  }

  /** A name-based UUID of {@code expire:merchantId/orderId}: one per order, never shared. */
  static String decisionId(String merchantId, String orderId) {
    return UUID.nameUUIDFromBytes(
            ("expire:" + merchantId + "/" + orderId).getBytes(StandardCharsets.UTF_8))
        .toString();
  }
}
