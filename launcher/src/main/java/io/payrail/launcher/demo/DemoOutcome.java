package io.payrail.launcher.demo;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What became of the demo's orders, by status: which are final, which wait for a person (held for
 * review is not final), and which are still in flight.
 *
 * @param byStatus orders per status
 * @param heldReasons how often each risk rule fired on the orders held for review
 */
record DemoOutcome(Map<String, Integer> byStatus, Map<String, Integer> heldReasons) {

  static final String HELD = "IN_REVIEW";

  /** Statuses an order leaves without anyone acting on it. */
  static final Set<String> IN_FLIGHT = Set.of("RECEIVED", "APPROVED");

  /** One order: its status and, when held, the rules that held it. */
  record Order(String status, Collection<String> riskRules) {}

  static DemoOutcome of(Collection<Order> orders) {
    Map<String, Integer> byStatus = new TreeMap<>();
    Map<String, Integer> heldReasons = new TreeMap<>();
    for (Order order : orders) {
      byStatus.merge(order.status(), 1, Integer::sum);
      if (HELD.equals(order.status())) {
        order.riskRules().forEach(rule -> heldReasons.merge(rule, 1, Integer::sum));
      }
    }
    return new DemoOutcome(byStatus, heldReasons);
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

  /** Whether nothing is left in flight: every order is final or waits for review. */
  boolean settled() {
    return inFlight() == 0;
  }

  /** The summary's last line: only final states are called final. */
  String verdict() {
    if (!settled()) {
      return "SOME ORDERS DID NOT SETTLE: " + inFlight() + " still in flight";
    }
    int held = count(HELD);
    if (held == 0) {
      return "every order reached a final status";
    }
    return ("%d of %d orders are held for review, not final: no reviewer works the queue in this"
            + " demo (held by %s); every other order reached a final status")
        .formatted(held, total(), heldReasons);
  }
}
