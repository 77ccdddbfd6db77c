package io.payrail.launcher.chaos;

import io.payrail.events.Channel;
import io.payrail.events.LineItem;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentMethod;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.RefundRequested;
import io.payrail.events.ReviewDecided;
import io.payrail.events.ReviewOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The chaos run's traffic: a mix every path of the pipeline sees (approved, declined by the issuer,
 * failed at the acquirer, scored up by risk for velocity or country mismatch, large orders of new
 * customers held for review, a few redeeming loyalty points), the reviewer's decisions on held
 * orders (most approved, some rejected), and refunds of captured orders (full, two partials that
 * add up to the capture followed by one unit too many, more than captured, the same request twice).
 * The bench's orders are all alike on purpose; these are not.
 */
final class ChaosOrders {

  static final String MERCHANT = "dev-merchant";

  /** The reviewer every decision of the chaos load carries. */
  static final String REVIEWER = "chaos-reviewer";

  /**
   * Orders in a hundred that are large: every chaos customer is new (first seen within the day) and
   * unverified, so from 500.00 risk's new-customer (35) and unverified (20) rules hold the order
   * for review (55), unless another rule declines it.
   */
  private static final int LARGE_PER_HUNDRED = 3;

  private static final long LARGE_MIN_MINOR = 50_000;

  /** Held orders in a hundred the reviewer approves; it rejects the others. */
  private static final int APPROVED_PER_HUNDRED = 80;

  /**
   * Orders per customer of a generation: few enough that risk's velocity rules score up only the
   * customers chance gives a burst, however long disruptions stretch a round's load.
   */
  private static final int ORDERS_PER_CUSTOMER = 4;

  private static final int MIN_CUSTOMERS = 20;

  /**
   * Orders in a hundred that redeem loyalty points, {@link #MAX_POINTS} at most. Most chaos
   * customers have none available when they order (a few earn some with an earlier capture), so
   * loyalty refuses most of these ({@code insufficient_points}) and payment-processor declines them
   * {@code points_unavailable} uncharged: the path is exercised under disruption either way, and a
   * reservation that holds is spent or given back with its payment.
   */
  static final int POINTS_PER_HUNDRED = 2;

  /** The most points an order redeems: well below the smallest order (5.00), never its whole. */
  static final int MAX_POINTS = 50;

  private final String prefix;
  private final int customers;
  private final Random random;

  /**
   * @param prefix every orderId, customerId and refundId starts with it (no long digit runs)
   * @param plannedOrders the orders a round is planned to send; its customers share them, and if
   *     disruptions stretch the round, a new generation of as many customers takes the orders after
   * @param random the run's seeded source of choices
   */
  ChaosOrders(String prefix, long plannedOrders, Random random) {
    this.prefix = prefix;
    this.customers = (int) Math.max(MIN_CUSTOMERS, plannedOrders / ORDERS_PER_CUSTOMER);
    this.random = random;
  }

  synchronized OrderPlaced order(int index) {
    long amount =
        random.nextInt(100) < LARGE_PER_HUNDRED
            ? LARGE_MIN_MINOR + random.nextInt(40_000)
            : 500 + random.nextInt(29_500);
    String currency = random.nextInt(5) == 0 ? "USD" : "EUR";
    int pick = random.nextInt(100);
    String token =
        pick < 6
            ? "tok_chargeDeclined"
            : pick < 10
                ? "tok_chargeDeclinedInsufficientFunds"
                : pick < 13 ? "tok_processingError" : "tok_visa";
    String issuingCountry = random.nextInt(20) == 0 ? "US" : "DE";
    Channel channel = Channel.values()[random.nextInt(Channel.values().length)];
    Long points =
        random.nextInt(100) < POINTS_PER_HUNDRED ? (long) (1 + random.nextInt(MAX_POINTS)) : null;
    return OrderPlaced.newBuilder()
        .setOrderId(prefix + "o" + index)
        .setMerchantId(MERCHANT)
        .setCustomerId(prefix + "c" + customer(index))
        .setAmountMinor(amount)
        .setCurrency(currency)
        .setItems(List.of(new LineItem("sku-chaos", 1, amount)))
        .setPaymentMethod(new PaymentMethod(token, "visa", "4242", issuingCountry))
        .setShippingCountry("DE")
        .setChannel(channel)
        .setPointsToRedeem(points)
        .setPlacedAt(Instant.now())
        .build();
  }

  private int customer(int index) {
    int generation = (index - 1) / (customers * ORDERS_PER_CUSTOMER);
    return generation * customers + random.nextInt(customers);
  }

  /**
   * The reviewer's decision on an order just seen held for review: most are approved, some
   * rejected. Its id is derived from the order, so a decision sent again is the same decision.
   */
  synchronized ReviewDecided decisionFor(PaymentProcessed held) {
    boolean approve = random.nextInt(100) < APPROVED_PER_HUNDRED;
    return ReviewDecided.newBuilder()
        .setDecisionId("rd-" + held.getOrderId())
        .setOrderId(held.getOrderId())
        .setMerchantId(held.getMerchantId())
        .setDecision(approve ? ReviewOutcome.APPROVE : ReviewOutcome.REJECT)
        .setReviewer(REVIEWER)
        .setNote(approve ? "chaos: approved" : "chaos: rejected")
        .setDecidedAt(Instant.now())
        .build();
  }

  /** The refund requests to send for a payment just seen captured, in order; often none. */
  synchronized List<RefundRequested> refundsFor(PaymentProcessed payment) {
    String orderId = payment.getOrderId();
    long captured = payment.getAmountMinor();
    int pick = random.nextInt(100);
    List<RefundRequested> requests = new ArrayList<>();
    if (pick < 20) {
      requests.add(request(orderId, "full", null));
    } else if (pick < 30) {
      long first = Math.max(1, captured / 3);
      requests.add(request(orderId, "part-a", first));
      if (captured - first > 0) {
        requests.add(request(orderId, "part-b", captured - first));
      }
      requests.add(request(orderId, "part-over", 1L));
    } else if (pick < 35) {
      requests.add(request(orderId, "over", captured + 100));
    } else if (pick < 40) {
      RefundRequested twice = request(orderId, "twice", null);
      requests.add(twice);
      requests.add(twice);
    }
    return requests;
  }

  private static RefundRequested request(String orderId, String kind, Long amount) {
    return RefundRequested.newBuilder()
        .setRefundId("rf-" + kind + "-" + orderId)
        .setOrderId(orderId)
        .setMerchantId(MERCHANT)
        .setAmountMinor(amount)
        .setCurrency(null)
        .setReason("requested_by_customer")
        .setRequestedAt(Instant.now())
        .build();
  }
}
