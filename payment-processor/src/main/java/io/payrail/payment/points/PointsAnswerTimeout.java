package io.payrail.payment.points;

import io.payrail.events.PointsReservation;
import io.payrail.events.PointsReservationStatus;
import io.payrail.payment.ledger.AwaitingOrder;
import io.payrail.payment.ledger.PaymentLedger;
import io.payrail.schemas.contract.ContractRules;
import io.payrail.schemas.topics.Topics;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Ends waits for a points answer that never comes (loyalty-streams down for long, or the order
 * dead-lettered there): every {@code payrail.points.awaiting-scan-interval}, the payments waiting
 * longer than {@code payrail.points.answer-timeout} get a REFUSED answer ({@code answer_timeout})
 * published to {@code points-reservations}, so that the timeout takes the same exactly-once path as
 * loyalty's answer and loses to one that came first: the order is declined {@code
 * points_unavailable}, uncharged, and loyalty-streams gives back whatever it reserved when it reads
 * that payment. Runs on every instance; publishing the same timeout twice is harmless, since only
 * an order's first answer counts.
 */
@Component
public class PointsAnswerTimeout {

  private static final Logger log = LoggerFactory.getLogger(PointsAnswerTimeout.class);

  private final PaymentLedger ledger;
  private final KafkaTemplate<String, Object> kafka;
  private final PointsProperties properties;
  private final Clock clock;

  public PointsAnswerTimeout(
      PaymentLedger ledger,
      KafkaTemplate<String, Object> kafka,
      PointsProperties properties,
      Clock clock) {
    this.ledger = ledger;
    this.kafka = kafka;
    this.properties = properties;
    this.clock = clock;
  }

  /** One scan; a failure (database or broker away) is logged, the next scan tries again. */
  @Scheduled(
      fixedDelayString = "${payrail.points.awaiting-scan-interval}",
      initialDelayString = "${payrail.points.awaiting-scan-interval}")
  public void scan() {
    try {
      expire(clock.instant().minus(properties.answerTimeout()));
    } catch (RuntimeException e) {
      log.warn(
          "points answer timeout scan failed, next scan in {}: {}",
          properties.awaitingScanInterval(),
          e.toString());
    }
  }

  /**
   * Publishes a REFUSED answer for each payment waiting since before {@code waitingBefore} (at most
   * a batch); how many.
   */
  public int expire(Instant waitingBefore) {
    List<AwaitingOrder> waiting =
        ledger.awaitingPointsBefore(waitingBefore, properties.timeoutBatch());
    if (waiting.isEmpty()) {
      return 0;
    }
    Instant now = clock.instant();
    // One transaction: the producer is transactional; the answers become visible together.
    kafka.executeInTransaction(
        operations -> {
          waiting.forEach(
              order ->
                  operations.send(
                      Topics.POINTS_RESERVATIONS.name(),
                      order.key().encoded(),
                      answer(order, now)));
          return null;
        });
    log.info(
        "answered {} payments REFUSED {} (waiting longer than {})",
        waiting.size(),
        ContractRules.ANSWER_TIMEOUT,
        properties.answerTimeout());
    return waiting.size();
  }

  /** The timeout's answer: what the order asked for, refused; nothing is known to be available. */
  static PointsReservation answer(AwaitingOrder order, Instant now) {
    return PointsReservation.newBuilder()
        .setOrderId(order.orderId())
        .setMerchantId(order.merchantId())
        .setCustomerId(order.customerId())
        .setPoints(order.pointsRedeemed())
        .setStatus(PointsReservationStatus.REFUSED)
        .setReason(ContractRules.ANSWER_TIMEOUT)
        .setAvailablePoints(0)
        .setDecidedAt(now)
        .build();
  }
}
