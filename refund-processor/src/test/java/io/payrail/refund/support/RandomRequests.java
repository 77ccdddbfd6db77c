package io.payrail.refund.support;

import io.payrail.events.RefundRequested;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random sequences of refund requests over a few orders: new refundIds and repeated ones (the same
 * request again, or the same refundId with another amount), amounts up to more than what remains,
 * "the remainder" (no amount), a wrong currency now and then, and orders without a payment.
 */
public final class RandomRequests {

  private static final double REPEAT = 0.3;
  private static final double REPEAT_SAME = 0.5;
  private static final double NO_AMOUNT = 0.15;
  private static final double WRONG_CURRENCY = 0.05;
  private static final double SAME_CURRENCY = 0.05;
  private static final double UNKNOWN_ORDER = 0.2;
  private static final int MIN_CAPTURED = 500;
  private static final int MAX_CAPTURED = 3_000;

  private final Random random;

  public RandomRequests(long seed) {
    this.random = new Random(seed);
  }

  /** Decides which orders have a captured payment (seeds them) and tells the model. */
  public Map<String, Long> payments(List<String> orderIds) {
    Map<String, Long> captured = new HashMap<>();
    for (String orderId : orderIds) {
      if (random.nextDouble() >= UNKNOWN_ORDER) {
        captured.put(orderId, (long) MIN_CAPTURED + random.nextInt(MAX_CAPTURED - MIN_CAPTURED));
      }
    }
    return captured;
  }

  public List<RefundRequested> requests(
      List<String> orderIds, String merchantId, String currency, int count) {
    Map<String, List<RefundRequested>> earlier = new HashMap<>();
    Map<String, Integer> nextId = new HashMap<>();
    List<RefundRequested> requests = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String orderId = orderIds.get(random.nextInt(orderIds.size()));
      List<RefundRequested> previous = earlier.computeIfAbsent(orderId, id -> new ArrayList<>());
      RefundRequested request;
      if (!previous.isEmpty() && random.nextDouble() < REPEAT) {
        RefundRequested repeated = previous.get(random.nextInt(previous.size()));
        request =
            random.nextDouble() < REPEAT_SAME
                ? RefundRequested.newBuilder(repeated).setRequestedAt(Instant.now()).build()
                : build(repeated.getRefundId(), orderId, merchantId, amount(), currency());
      } else {
        int k = nextId.merge(orderId, 1, Integer::sum);
        request = build(orderId + "-r" + k, orderId, merchantId, amount(), currency());
      }
      previous.add(request);
      requests.add(request);
    }
    return requests;
  }

  private Long amount() {
    return random.nextDouble() < NO_AMOUNT ? null : 1L + random.nextInt(MAX_CAPTURED / 2);
  }

  private String currency() {
    double draw = random.nextDouble();
    if (draw < WRONG_CURRENCY) {
      return "USD";
    }
    return draw < WRONG_CURRENCY + SAME_CURRENCY ? "EUR" : null;
  }

  private static RefundRequested build(
      String refundId, String orderId, String merchantId, Long amount, String currency) {
    return RefundRequested.newBuilder()
        .setRefundId(refundId)
        .setOrderId(orderId)
        .setMerchantId(merchantId)
        .setAmountMinor(amount)
        .setCurrency(currency)
        .setReason("requested_by_customer")
        .setRequestedAt(Instant.now())
        .build();
  }
}
