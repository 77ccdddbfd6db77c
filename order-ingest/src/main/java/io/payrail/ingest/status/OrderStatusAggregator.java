package io.payrail.ingest.status;

import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.RefundProcessed;
import io.payrail.events.RefundStatus;
import io.payrail.events.RiskAssessed;
import io.payrail.ingest.status.OrderStatus.StatusChange;
import io.payrail.schemas.contract.ContractRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.kstream.Aggregator;

/**
 * Folds one event of any of the four topics into an order's status. The four topics are read in
 * parallel, so events may arrive in any order; the status is derived from the facts held (the
 * furthest stage wins), not from the arrival order, and applying an event twice changes nothing: an
 * at-least-once replay after a crash leaves the view as it was.
 */
final class OrderStatusAggregator implements Aggregator<String, SpecificRecord, OrderStatus> {

  @Override
  public OrderStatus apply(String orderId, SpecificRecord event, OrderStatus current) {
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
    } else {
      return current;
    }
    return withDerivedStatus(orderId, facts, at);
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
        s.history());
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
        s.history());
  }

  private static OrderStatus withPayment(OrderStatus s, PaymentProcessed payment) {
    return new OrderStatus(
        s.orderId(),
        s.merchantId() != null ? s.merchantId() : payment.getMerchantId(),
        s.status(),
        s.order(),
        s.risk(),
        OrderStatus.Payment.of(payment),
        s.refunds(),
        s.refundedMinor(),
        s.history());
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
        s.history());
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
        history);
  }

  static OrderState derive(OrderStatus s) {
    if (s.payment() != null) {
      return switch (s.payment().status()) {
        case "CAPTURED" -> refundState(s);
        case "DECLINED" -> OrderState.PAYMENT_DECLINED;
        case "REJECTED_BY_RISK" -> OrderState.DECLINED_BY_RISK;
        case "HELD_FOR_REVIEW" -> OrderState.IN_REVIEW;
        default -> OrderState.PAYMENT_FAILED;
      };
    }
    if (s.risk() != null) {
      return switch (s.risk().decision()) {
        case "APPROVE" -> OrderState.APPROVED;
        case "REVIEW" -> OrderState.IN_REVIEW;
        default -> OrderState.DECLINED_BY_RISK;
      };
    }
    return s.order() != null ? OrderState.RECEIVED : null;
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
