package io.payrail.launcher.demo;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What became of the demo's orders, by status: which are final, which still wait for a reviewer
 * (held for review is not final), which are still in flight, and how the held ones were decided.
 *
 * @param byStatus orders per status
 * @param heldReasons how often each risk rule fired on the orders held for review, decided or not
 * @param reviews the held orders' review decisions (APPROVE, REJECT, EXPIRE), by decision
 */
record DemoOutcome(
    Map<String, Integer> byStatus, Map<String, Integer> heldReasons, Map<String, Integer> reviews) {

  static final String HELD = ReviewApi.IN_REVIEW;

  /** Statuses an order leaves without anyone acting on it. */
  static final Set<String> IN_FLIGHT = Set.of("RECEIVED", "APPROVED");

  static final String APPROVED = "APPROVE";
  static final String REJECTED = "REJECT";
  static final String EXPIRED = "EXPIRE";

  /**
   * One order: its status, the risk rules that fired on it, and its review's decision (null when it
   * was never held, or is held still).
   */
  record Order(String status, Collection<String> riskRules, String reviewDecision) {

    /** An order that was not reviewed. */
    Order(String status, Collection<String> riskRules) {
      this(status, riskRules, null);
    }

    /** Held for review at some point: open still, or decided. */
    boolean held() {
      return HELD.equals(status) || reviewDecision != null;
    }
  }

  static DemoOutcome of(Collection<Order> orders) {
    Map<String, Integer> byStatus = new TreeMap<>();
    Map<String, Integer> heldReasons = new TreeMap<>();
    Map<String, Integer> reviews = new TreeMap<>();
    for (Order order : orders) {
      byStatus.merge(order.status(), 1, Integer::sum);
      if (order.held()) {
        order.riskRules().forEach(rule -> heldReasons.merge(rule, 1, Integer::sum));
      }
      if (order.reviewDecision() != null) {
        reviews.merge(order.reviewDecision(), 1, Integer::sum);
      }
    }
    return new DemoOutcome(byStatus, heldReasons, reviews);
  }

  int count(String status) {
    return byStatus.getOrDefault(status, 0);
  }

  int total() {
    return byStatus.values().stream().mapToInt(Integer::intValue).sum();
  }

  int inFlight() {
    return IN_FLIGHT.stream().mapToInt(this::count).sum();
  }

  /** Orders held for review and not decided: waiting for a person, not final. */
  int openReviews() {
    return count(HELD);
  }

  /** Held orders decided so: {@link #APPROVED}, {@link #REJECTED} or {@link #EXPIRED}. */
  int reviewed(String decision) {
    return reviews.getOrDefault(decision, 0);
  }

  int held() {
    return openReviews() + reviews.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Whether every order reached a final status: none in flight, none still held for review. */
  boolean settled() {
    return inFlight() == 0 && openReviews() == 0;
  }

  /** The summary's line about the review queue. */
  String reviewLine() {
    if (held() == 0) {
      return "no order was held for review";
    }
    return "%d held for review (by %s): %d approved, %d rejected, %d expired, %d still open"
        .formatted(
            held(),
            heldReasons,
            reviewed(APPROVED),
            reviewed(REJECTED),
            reviewed(EXPIRED),
            openReviews());
  }

  /**
   * The summary's line about the fraud burst, from its orders' statuses: how many were stopped (by
   * risk outright, or held and rejected by the reviewer) and how many were paid before the burst's
   * velocity rules could fire (its first orders look like any new customer's).
   */
  static String burstLine(Map<String, Integer> byStatus) {
    int declined = byStatus.getOrDefault("DECLINED_BY_RISK", 0);
    int rejected = byStatus.getOrDefault("REJECTED_BY_REVIEW", 0);
    int held = byStatus.getOrDefault(HELD, 0);
    int paid =
        byStatus.getOrDefault("PAID", 0)
            + byStatus.getOrDefault("PARTIALLY_REFUNDED", 0)
            + byStatus.getOrDefault("REFUNDED", 0);
    int total = byStatus.values().stream().mapToInt(Integer::intValue).sum();
    return ("%d orders: %d stopped (%d declined by risk, %d rejected by review), %d still held,"
            + " %d paid before the velocity rules fired")
        .formatted(total, declined + rejected, declined, rejected, held, paid);
  }

  /** The summary's last line: only final states are called final. */
  String verdict() {
    if (inFlight() > 0) {
      return "SOME ORDERS DID NOT SETTLE: "
          + inFlight()
          + " still in flight"
          + (openReviews() > 0 ? ", " + openReviews() + " still held for review" : "");
    }
    if (openReviews() > 0) {
      return ("SOME ORDERS ARE NOT FINAL: %d of %d orders are still held for review, no decision"
              + " reached them; every other order reached a final status")
          .formatted(openReviews(), total());
    }
    return "every order reached a final status";
  }
}
