package io.payrail.ingest.status;

import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.PaymentStatus;
import io.payrail.events.RefundProcessed;
import io.payrail.events.RefundStatus;
import io.payrail.events.ReviewDecided;
import io.payrail.events.RiskAssessed;
import io.payrail.ingest.status.OrderStatus.StatusChange;
import io.payrail.schemas.contract.ContractRules;
import io.payrail.schemas.keys.OrderKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.kstream.Aggregator;

/**
 * Folds one event of any of the five topics into an order's status. The five topics are read in
 * parallel, so events may arrive in any order; the status is derived from the facts held (the
 * furthest stage wins), not from the arrival order, and applying an event twice changes nothing: an
 * at-least-once replay after a crash leaves the view as it was. The row's orderId and merchantId
 * are the event's own: the Kafka key ({@code merchantId/orderId}) only places the row.
 */
final class OrderStatusAggregator implements Aggregator<String, SpecificRecord, OrderStatus> {

  /** The order an event of one of the five topics belongs to; null for any other record. */
  static OrderKey orderKeyOf(SpecificRecord event) {
    if (event instanceof OrderPlaced placed) {
      return new OrderKey(placed.getMerchantId(), placed.getOrderId());
    } else if (event instanceof RiskAssessed risk) {
      return new OrderKey(risk.getOrder().getMerchantId(), risk.getOrder().getOrderId());
    } else if (event instanceof PaymentProcessed payment) {
      return new OrderKey(payment.getMerchantId(), payment.getOrderId());
    } else if (event instanceof RefundProcessed refund) {
      return new OrderKey(refund.getMerchantId(), refund.getOrderId());
    } else if (event instanceof ReviewDecided decided) {
      return new OrderKey(decided.getMerchantId(), decided.getOrderId());
    }
    return null;
  }

  @Override
  public OrderStatus apply(String key, SpecificRecord event, OrderStatus current) {
    OrderStatus facts;
    Instant at;
    if (event instanceof OrderPlaced placed) {
      facts = withOrder(current, placed);
      at = placed.getPlacedAt();
    } else if (event instanceof RiskAssessed risk) {
      facts = withRisk(current, risk);
      at = risk.getAssessedAt();
    } else if (event instanceof PaymentProcessed payment) {
      facts = withPayment(current, payment);
      at = payment.getProcessedAt();
    } else if (event instanceof RefundProcessed refund) {
      facts = withRefund(current, refund);
      at = refund.getProcessedAt();
    } else if (event instanceof ReviewDecided decided) {
      facts = withReview(current, decided);
      at = decided.getDecidedAt();
    } else {
      return current;
    }
    return withDerivedStatus(orderKeyOf(event).orderId(), facts, at);
  }

  /**
   * The first valid OrderPlaced wins, as downstream: a later one with the same orderId is a
   * duplicate. An order that breaks the contract (published straight to Kafka; risk dead-letters
   * it) is never stored: it may hold a card number, and no payment will follow it.
   */
  private static OrderStatus withOrder(OrderStatus s, OrderPlaced placed) {
    if (s.order() != null || !ContractRules.order(placed).isEmpty()) {
      return s;
    }
    return new OrderStatus(
        s.orderId(),
        placed.getMerchantId(),
        s.status(),
        OrderStatus.Order.of(placed),
        s.risk(),
        s.payment(),
        s.refunds(),
        s.refundedMinor(),
        s.history(),
        s.review());
  }

  private static OrderStatus withRisk(OrderStatus s, RiskAssessed risk) {
    OrderStatus withOrder = withOrder(s, risk.getOrder());
    return new OrderStatus(
        s.orderId(),
        withOrder.merchantId(),
        s.status(),
        withOrder.order(),
        OrderStatus.Risk.of(risk),
        s.payment(),
        s.refunds(),
        s.refundedMinor(),
        s.history(),
        s.review());
  }

  /**
   * The payment's latest outcome, except that a HELD_FOR_REVIEW never replaces another outcome: a
   * hold comes before its decision's outcome in the payments partition, so a HELD after one is a
   * replay or a late duplicate, and must not reopen a decided order.
   */
  private static OrderStatus withPayment(OrderStatus s, PaymentProcessed payment) {
    if (payment.getStatus() == PaymentStatus.HELD_FOR_REVIEW
        && s.payment() != null
        && !PaymentStatus.HELD_FOR_REVIEW.name().equals(s.payment().status())) {
      return s;
    }
    return new OrderStatus(
        s.orderId(),
        s.merchantId() != null ? s.merchantId() : payment.getMerchantId(),
        s.status(),
        s.order(),
        s.risk(),
        OrderStatus.Payment.of(payment),
        s.refunds(),
        s.refundedMinor(),
        s.history(),
        s.review());
  }

  /**
   * The first decision on the order counts, as in the payments ledger (the decisions of one order
   * share a partition, so every reader sees them in the same order); later ones change nothing. A
   * decision naming another merchant than the order's is ignored (the topology already drops one
   * whose key is not its own merchant's order, so this only guards the row itself), and so is one
   * for an order the view shows past risk without ever having been held. One for an order the view
   * has not seen held yet is kept: the topics are read in parallel, so a decision may be read
   * before the hold it answers.
   */
  private static OrderStatus withReview(OrderStatus s, ReviewDecided decided) {
    boolean neverHeld =
        s.status() != null && s.status() != OrderState.RECEIVED && s.heldAt() == null;
    if (s.review() != null
        || neverHeld
        || (s.merchantId() != null && !s.merchantId().equals(decided.getMerchantId()))) {
      return s;
    }
    return new OrderStatus(
        s.orderId(),
        s.merchantId() != null ? s.merchantId() : decided.getMerchantId(),
        s.status(),
        s.order(),
        s.risk(),
        s.payment(),
        s.refunds(),
        s.refundedMinor(),
        s.history(),
        OrderStatus.Review.of(decided));
  }

  /**
   * Adds or replaces the refund's outcome. The row keeps at most {@link
   * ContractRules#MAX_REFUNDS_PER_ORDER} refunds, so it stays far below Kafka's record size
   * whatever arrives: the processor rejects refunds beyond that number, and an outcome beyond it
   * (written by anything else) only moves the refunded total.
   */
  private static OrderStatus withRefund(OrderStatus s, RefundProcessed refund) {
    List<OrderStatus.Refund> refunds = new ArrayList<>(s.refunds());
    // What completed refunds beyond the kept ones paid back (none from the refund-processor). Only
    // a full row has any: a row below the cap is recomputed, which also corrects one written when
    // the view took the largest running total.
    long beyondKept =
        refunds.size() < ContractRules.MAX_REFUNDS_PER_ORDER
            ? 0
            : Math.max(0, s.refundedMinor() - completedAmounts(refunds));
    int known = -1;
    for (int i = 0; i < refunds.size() && known < 0; i++) {
      known = refunds.get(i).refundId().equals(refund.getRefundId()) ? i : -1;
    }
    if (known >= 0) {
      // In place: a replayed outcome leaves the row exactly as it was.
      refunds.set(known, OrderStatus.Refund.of(refund));
    } else if (refunds.size() < ContractRules.MAX_REFUNDS_PER_ORDER) {
      refunds.add(OrderStatus.Refund.of(refund));
    } else if (refund.getStatus() == RefundStatus.COMPLETED) {
      beyondKept += refund.getAmountMinor();
    }
    // The sum of what was paid back, not the processor's running total: that total also counts
    // refunds reserved at the time, and a reserved refund the acquirer never paid back ends
    // REJECTED (refund_failed) after later refunds reported totals that included it.
    long refunded = completedAmounts(refunds) + beyondKept;
    return new OrderStatus(
        s.orderId(),
        s.merchantId() != null ? s.merchantId() : refund.getMerchantId(),
        s.status(),
        s.order(),
        s.risk(),
        s.payment(),
        refunds,
        refunded,
        s.history(),
        s.review());
  }

  private static long completedAmounts(List<OrderStatus.Refund> refunds) {
    return refunds.stream()
        .filter(r -> RefundStatus.COMPLETED.name().equals(r.status()))
        .mapToLong(OrderStatus.Refund::amountMinor)
        .sum();
  }

  private static OrderStatus withDerivedStatus(String orderId, OrderStatus s, Instant at) {
    OrderState derived = derive(s);
    List<StatusChange> history = s.history();
    if (derived != null && derived != s.status()) {
      history = new ArrayList<>(history);
      history.add(new StatusChange(derived, at));
    }
    return new OrderStatus(
        orderId,
        s.merchantId(),
        derived,
        s.order(),
        s.risk(),
        s.payment(),
        s.refunds(),
        s.refundedMinor(),
        history,
        s.review());
  }

  /**
   * The furthest stage the facts show. A held order (payment HELD_FOR_REVIEW, or risk REVIEW before
   * the ledger's hold arrived) is IN_REVIEW until decided; a decision shows at once, before the
   * payment-processor's outcome: APPROVE as APPROVED (the charge is on its way), REJECT and EXPIRE
   * as REJECTED_BY_REVIEW. The payment's final outcome then decides, as for any order.
   */
  static OrderState derive(OrderStatus s) {
    if (s.payment() != null) {
      return switch (s.payment().status()) {
        case "CAPTURED" -> refundState(s);
        case "DECLINED" -> OrderState.PAYMENT_DECLINED;
        case "REJECTED_BY_RISK" -> OrderState.DECLINED_BY_RISK;
        case "REJECTED_BY_REVIEW" -> OrderState.REJECTED_BY_REVIEW;
        case "HELD_FOR_REVIEW" -> held(s);
        default -> OrderState.PAYMENT_FAILED;
      };
    }
    if (s.risk() != null) {
      return switch (s.risk().decision()) {
        case "APPROVE" -> OrderState.APPROVED;
        case "REVIEW" -> held(s);
        default -> OrderState.DECLINED_BY_RISK;
      };
    }
    return s.order() != null ? OrderState.RECEIVED : null;
  }

  private static OrderState held(OrderStatus s) {
    if (s.review() == null) {
      return OrderState.IN_REVIEW;
    }
    return "APPROVE".equals(s.review().decision())
        ? OrderState.APPROVED
        : OrderState.REJECTED_BY_REVIEW;
  }

  private static OrderState refundState(OrderStatus s) {
    if (s.refundedMinor() <= 0) {
      return OrderState.PAID;
    }
    return s.refundedMinor() >= s.payment().amountMinor()
        ? OrderState.REFUNDED
        : OrderState.PARTIALLY_REFUNDED;
  }
}
