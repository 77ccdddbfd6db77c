package io.payrail.audit.reconcile;

import io.payrail.audit.Discrepancy;
import io.payrail.audit.DiscrepancyKind;
import io.payrail.audit.kafka.Event;
import io.payrail.audit.kafka.ResultTopics;
import io.payrail.audit.ledger.ChargeRow;
import io.payrail.audit.ledger.LedgerRows;
import io.payrail.audit.ledger.PaymentRow;
import io.payrail.events.AppliedCoupon;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.PaymentStatus;
import io.payrail.schemas.contract.ContractRules;
import io.payrail.schemas.keys.CouponKey;
import io.payrail.schemas.keys.CustomerKey;
import io.payrail.schemas.keys.OrderKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Coupons keep their use limits, judged from the orders (which carry the coupon as the facade
 * priced it, with its limits) and the payments alone, so it needs none of the ledger's coupon
 * tables (that a payment charges its order's total minus its discount is {@link
 * OrderChargeCheck}'s):
 *
 * <ul>
 *   <li>no coupon has more payments holding a use than its {@code maxUses}, and no customer more
 *       than its {@code maxUsesPerCustomer}. A payment holds a use from its PENDING row: CAPTURED
 *       (a refund gives none back), PENDING or UNKNOWN; a decline or failure gave it back and a
 *       held order has not taken one yet. With an orderId prefix the count is of the audited orders
 *       alone, a lower bound of the coupon's uses: an overuse found is real, one outside the scope
 *       is not seen;
 *   <li>a payment declined for its coupon's limit never reached the acquirer: the limit is checked
 *       before the charge, in the transaction that takes the use.
 * </ul>
 */
public final class CouponCheck implements Reconciliation {

  /** The decline codes of a payment refused because its coupon's limit was reached. */
  static final Set<String> LIMIT_DECLINES =
      Set.of(ContractRules.COUPON_EXHAUSTED, ContractRules.COUPON_CUSTOMER_LIMIT);

  @Override
  public List<Discrepancy> check(ResultTopics events, LedgerRows ledger) {
    Map<OrderKey, OrderPlaced> orders = new LinkedHashMap<>();
    events.orders().forEach(order -> orders.putIfAbsent(order.orderKey(), order.value()));
    List<Discrepancy> found = new ArrayList<>();
    limits(events, ledger, orders, found);
    limitDeclinesCharged(events, ledger, found);
    return found;
  }

  private static void limits(
      ResultTopics events,
      LedgerRows ledger,
      Map<OrderKey, OrderPlaced> orders,
      List<Discrepancy> found) {
    Map<OrderKey, PaymentRow> rows = new HashMap<>();
    ledger.payments().forEach(row -> rows.put(row.orderKey(), row));
    Set<OrderKey> captured = new HashSet<>();
    events.payments().stream()
        .filter(event -> event.value().getStatus() == PaymentStatus.CAPTURED)
        .forEach(event -> captured.add(event.orderKey()));

    Map<String, Use> coupons = new LinkedHashMap<>();
    Map<String, Use> customers = new LinkedHashMap<>();
    orders.forEach(
        (orderId, order) -> {
          AppliedCoupon coupon = order.getCoupon();
          if (coupon == null) {
            return;
          }
          String key = CouponKey.of(order.getMerchantId(), coupon.getCode());
          boolean holds = captured.contains(orderId) || holdsUse(rows.get(orderId));
          coupons
              .computeIfAbsent(key, k -> new Use(null))
              .add(orderId.orderId(), holds, coupon.getMaxUses());
          String customer = CustomerKey.of(order.getMerchantId(), order.getCustomerId());
          customers
              .computeIfAbsent(key + " " + customer, k -> new Use(customer))
              .add(orderId.orderId(), holds, coupon.getMaxUsesPerCustomer());
        });
    coupons.forEach(
        (coupon, use) -> {
          if (use.exceeded()) {
            found.add(
                new Discrepancy(
                    DiscrepancyKind.COUPON_OVERUSED,
                    null,
                    null,
                    "coupon " + coupon + ": " + use.describe("maxUses")));
          }
        });
    customers.forEach(
        (key, use) -> {
          if (use.exceeded()) {
            found.add(
                new Discrepancy(
                    DiscrepancyKind.COUPON_CUSTOMER_OVERUSED,
                    null,
                    use.customerId,
                    "coupon "
                        + key.substring(0, key.indexOf(' '))
                        + ": "
                        + use.describe("maxUsesPerCustomer")));
          }
        });
  }

  /**
   * A payments row that holds its coupon's use: taken with PENDING, kept unless it ended
   * uncaptured.
   */
  private static boolean holdsUse(PaymentRow row) {
    return row != null
        && (row.captured() || row.unknown() || PaymentRow.PENDING.equals(row.status()));
  }

  private static void limitDeclinesCharged(
      ResultTopics events, LedgerRows ledger, List<Discrepancy> found) {
    Map<OrderKey, List<ChargeRow>> charges = ChargeCheck.byOrder(ledger, false);
    for (Event<PaymentProcessed> event : events.payments()) {
      PaymentProcessed payment = event.value();
      List<ChargeRow> sent = charges.getOrDefault(event.orderKey(), List.of());
      if (payment.getStatus() == PaymentStatus.DECLINED
          && LIMIT_DECLINES.contains(payment.getDeclineCode())
          && !sent.isEmpty()) {
        found.add(
            new Discrepancy(
                DiscrepancyKind.COUPON_LIMIT_DECLINE_CHARGED,
                event.key(),
                CustomerKey.of(payment.getMerchantId(), payment.getCustomerId()),
                "declined "
                    + payment.getDeclineCode()
                    + " at "
                    + event.source()
                    + ", the acquirer has "
                    + sent.size()
                    + " charge(s) "
                    + sent.stream()
                        .map(charge -> charge.chargeReference() + " " + charge.outcome())
                        .toList()));
      }
    }
  }

  /** The uses of one coupon, or of one customer's, by the audited orders. */
  private static final class Use {
    private final String customerId;
    private final List<String> holders = new ArrayList<>();
    private Integer limit;

    Use(String customerId) {
      this.customerId = customerId;
    }

    /**
     * Counts the order's use if it holds one. Every order carries the limits copied from the same
     * definition (coupons never change); the smallest is kept should they differ.
     */
    void add(String orderId, boolean holds, Integer orderLimit) {
      if (holds) {
        holders.add(orderId);
      }
      if (orderLimit != null && (limit == null || orderLimit < limit)) {
        limit = orderLimit;
      }
    }

    boolean exceeded() {
      return limit != null && holders.size() > limit;
    }

    String describe(String limitName) {
      return holders.size()
          + " payments hold a use (CAPTURED, PENDING or UNKNOWN), "
          + limitName
          + " "
          + limit
          + ": orders "
          + holders;
    }
  }
}
