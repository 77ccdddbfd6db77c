package io.payrail.audit.loyalty;

import io.payrail.events.LoyaltyTier;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.PaymentStatus;
import io.payrail.events.PointsReservation;
import io.payrail.events.PointsReservationStatus;
import io.payrail.events.RefundProcessed;
import io.payrail.events.RefundStatus;
import io.payrail.loyalty.rules.CustomerLoyalty;
import io.payrail.loyalty.rules.LoyaltyEvent;
import io.payrail.loyalty.rules.LoyaltyProgram;
import io.payrail.loyalty.rules.LoyaltyProgramRules;
import io.payrail.loyalty.rules.OrderLoyalty;
import io.payrail.loyalty.rules.PointsLedger;
import io.payrail.schemas.contract.ContractRules;
import io.payrail.schemas.keys.CustomerKey;
import io.payrail.schemas.keys.OrderKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recomputes a customer's loyalty balance from their payments and refunds with loyalty-streams' own
 * rules ({@link PointsLedger} of the {@code loyalty-rules} module): captures earn at the tier
 * before the capture, completed refunds take back the order's points in proportion, never below
 * zero, a repeated paymentId or refundId counts once, and an event loyalty-streams dead-letters
 * (one that breaks the contract's rules, {@link ContractRules}, as its intake checks them; a refund
 * in another currency than its order; an amount that would overflow) changes nothing.
 *
 * <p>Events are applied in event-time order ({@code processedAt}). loyalty-streams applies them in
 * the order they reach its repartition topic, which may differ; the tier multiplier of a capture
 * depends on that, so alongside the event-time result this gives the range every application order
 * stays within (every capture at the lowest tier, or at the highest the customer's captures can
 * reach).
 *
 * <p>Points an order redeems move too: its RESERVED answer takes them from the available points; a
 * final payment other than CAPTURED gives them back; a capture spends them (available unchanged).
 * Their net is subtracted from what the captures and refunds leave, in whichever order they came:
 * without redemptions a refund always finds the points it owes back, so only the below-zero rule
 * makes the order matter, and it can leave the customer at most the points reserved so far (the
 * range's top, for a customer with a refund).
 */
public final class LoyaltyRecomputation {

  private final LoyaltyProgramRules rules;
  private final LoyaltyProgram program;

  public LoyaltyRecomputation(LoyaltyProgramRules rules) {
    this.rules = rules;
    this.program = new LoyaltyProgram(rules);
  }

  /** The balance of {@code customer} after all their {@code payments} and {@code refunds}. */
  public ExpectedBalance recompute(
      CustomerKey customer, List<PaymentProcessed> payments, List<RefundProcessed> refunds) {
    return recompute(customer, payments, refunds, List.of());
  }

  /**
   * The balance of {@code customer} after all their {@code payments}, {@code refunds} and the first
   * answers to their orders' points ({@code answers}, one per order).
   */
  public ExpectedBalance recompute(
      CustomerKey customer,
      List<PaymentProcessed> payments,
      List<RefundProcessed> refunds,
      List<PointsReservation> answers) {
    List<Step> events = new ArrayList<>();
    payments.stream()
        .filter(payment -> payment.getStatus() == PaymentStatus.CAPTURED)
        .filter(payment -> ContractRules.payment(payment).isEmpty())
        .forEach(payment -> events.add(new Applied(new LoyaltyEvent.Captured(payment))));
    refunds.stream()
        .filter(refund -> refund.getStatus() == RefundStatus.COMPLETED)
        .filter(refund -> ContractRules.refund(refund).isEmpty())
        .forEach(refund -> events.add(new Applied(new LoyaltyEvent.Refunded(refund))));
    // By (merchantId, orderId): the events are one customer's, so of one merchant, but an order is
    // named by both wherever the audit joins.
    Map<OrderKey, PaymentProcessed> outcomes = new HashMap<>();
    payments.stream()
        .filter(payment -> payment.getStatus() != PaymentStatus.HELD_FOR_REVIEW)
        .forEach(
            payment ->
                outcomes.putIfAbsent(
                    new OrderKey(payment.getMerchantId(), payment.getOrderId()), payment));
    for (PointsReservation answer : answers) {
      if (answer.getStatus() != PointsReservationStatus.RESERVED) {
        continue;
      }
      events.add(new Moved(answer.getOrderId(), -answer.getPoints(), answer.getDecidedAt()));
      PaymentProcessed outcome =
          outcomes.get(new OrderKey(answer.getMerchantId(), answer.getOrderId()));
      if (outcome != null && outcome.getStatus() != PaymentStatus.CAPTURED) {
        events.add(new Moved(answer.getOrderId(), answer.getPoints(), outcome.getProcessedAt()));
      }
    }
    // Stable: events of one topic keep their log order at equal times; captures and points moves
    // before refunds.
    events.sort(Comparator.comparing(Step::at).thenComparing(Step::refund));

    Replay exact = replay(customer, events, program);
    Replay low = replay(customer, events, atMultiplierOf(program.tierFor(0)));
    Replay high =
        replay(customer, events, atMultiplierOf(program.tierFor(capturedTierSpend(events))));
    // Refunds found every point they owe back in these replays. In loyalty-streams one may have
    // found fewer available (the below-zero rule: points reserved or spent before it, in the order
    // its repartition topic delivered them) and taken only those; what it could not take stays
    // with the customer. That shortfall is never more than the points reserved so far: without
    // them the points an order earned and still holds cover what its refunds owe back.
    long shortfallAtMost =
        refunds.stream().anyMatch(refund -> refund.getStatus() == RefundStatus.COMPLETED)
            ? answers.stream()
                .filter(answer -> answer.getStatus() == PointsReservationStatus.RESERVED)
                .mapToLong(PointsReservation::getPoints)
                .sum()
            : 0;
    CustomerLoyalty balance = exact.customer();
    Map<String, Long> spend = new HashMap<>(balance.lifetimeSpendMinor());
    spend.values().removeIf(amount -> amount == 0);
    return new ExpectedBalance(
        customer.customerId(),
        Math.max(0, exact.points()),
        Math.max(0, Math.min(low.points(), exact.points())),
        Math.max(high.points(), exact.points()) + shortfallAtMost,
        balance.tier(),
        spend,
        balance.tierSpendMinor(),
        exact.lastOrderId());
  }

  private LoyaltyProgram atMultiplierOf(LoyaltyTier tier) {
    return new LoyaltyProgram(rules.withEveryTierAt(rules.tierMultipliersPercent().get(tier)));
  }

  /** The tier spend if every capture came before every refund: the highest reachable. */
  private long capturedTierSpend(List<Step> events) {
    Map<String, Long> captured = new HashMap<>();
    Set<String> seen = new HashSet<>();
    try {
      for (Step step : events) {
        if (step instanceof Applied applied
            && applied.event() instanceof LoyaltyEvent.Captured capture
            && seen.add(capture.sourceId())) {
          captured.merge(
              capture.payment().getCurrency(), capture.payment().getAmountMinor(), Math::addExact);
        }
      }
      return program.tierSpendMinor(captured);
    } catch (ArithmeticException beyondALong) {
      return Long.MAX_VALUE;
    }
  }

  /**
   * @param customer the balance after the captures and refunds
   * @param pointsMoved the points reservations took and releases gave back, net
   * @param lastOrderId the order of the latest event applied, null when none
   */
  private record Replay(CustomerLoyalty customer, long pointsMoved, String lastOrderId) {
    /** The available points: earned, less what refunds took back and what orders redeemed. */
    long points() {
      return customer.points() + pointsMoved;
    }
  }

  /** One change of the balance in the replay: an event loyalty-rules applies, or points moved. */
  private sealed interface Step {
    Instant at();

    /** Refunds come after the rest at equal times, as loyalty-streams' rules assume. */
    boolean refund();
  }

  private record Applied(LoyaltyEvent event) implements Step {
    @Override
    public Instant at() {
      return event.processedAt();
    }

    @Override
    public boolean refund() {
      return event instanceof LoyaltyEvent.Refunded;
    }
  }

  /**
   * Points an order redeems leaving the available ones (reserved, negative) or coming back
   * (released).
   */
  private record Moved(String orderId, long pointsDelta, Instant at) implements Step {
    @Override
    public boolean refund() {
      return false;
    }
  }

  private static Replay replay(CustomerKey key, List<Step> steps, LoyaltyProgram program) {
    PointsLedger ledger = new PointsLedger(program);
    CustomerLoyalty customer = CustomerLoyalty.newCustomer(key);
    Map<String, OrderLoyalty> orders = new HashMap<>();
    String lastOrderId = null;
    long pointsMoved = 0;
    for (Step step : steps) {
      if (step instanceof Moved moved) {
        // Kept apart from the balance the rules see, so that every refund finds all it owes back:
        // a reservation stamped with its order's time may precede, in event time, the captures
        // whose points loyalty-streams had already credited when it reserved them.
        pointsMoved += moved.pointsDelta();
        lastOrderId = moved.orderId();
        continue;
      }
      LoyaltyEvent event = ((Applied) step).event();
      PointsLedger.Result result;
      try {
        result =
            ledger.apply(
                customer, orders.get(event.orderId()), event, event.processedAt().toEpochMilli());
      } catch (ArithmeticException | IllegalArgumentException deadLettered) {
        continue;
      }
      if (result instanceof PointsLedger.Applied applied) {
        customer = applied.customer();
        orders.put(event.orderId(), applied.order());
        lastOrderId = event.orderId();
      }
    }
    return new Replay(customer, pointsMoved, lastOrderId);
  }
}
