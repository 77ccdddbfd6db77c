package io.payrail.risk.features;

import io.payrail.events.OrderPlaced;
import io.payrail.schemas.keys.CustomerKey;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * A customer's history in two changelogged stores, keyed {@code merchantId/customerId} ({@link
 * CustomerKey}: two merchants' customers with the same id are two customers): the order log (a
 * window store of recent orders by event time, which forgets what is older than the longest window
 * plus the grace period) and the profile (first seen, usual amount). Reading the features and
 * remembering the order are separate steps, so an order that fails to score leaves no trace in the
 * history.
 */
public final class CustomerHistory {

  private final WindowStore<String, RecentOrder> orderLog;
  private final KeyValueStore<String, CustomerProfile> profiles;
  private final FeatureWindows windows;

  public CustomerHistory(
      WindowStore<String, RecentOrder> orderLog,
      KeyValueStore<String, CustomerProfile> profiles,
      FeatureWindows windows) {
    this.orderLog = orderLog;
    this.profiles = profiles;
    this.windows = windows;
  }

  /**
   * The features of an order placed at {@code placedAt}. Windows end at the order's own event time:
   * an out-of-order order is compared with what happened before it, not with later orders that
   * happened to arrive first.
   *
   * @param verification the customer's verification, joined from its table
   */
  public CustomerFeatures featuresOf(OrderPlaced order, long placedAt, Verification verification) {
    String customer = customerKey(order);
    long burst = 1;
    long hourly = 1;
    long spend = order.getAmountMinor();
    Set<String> tokens = new HashSet<>();
    tokens.add(order.getPaymentMethod().getToken());
    long from = placedAt - windows.lookback().toMillis() + 1;
    try (WindowStoreIterator<RecentOrder> recent = orderLog.fetch(customer, from, placedAt)) {
      while (recent.hasNext()) {
        KeyValue<Long, RecentOrder> entry = recent.next();
        long age = placedAt - entry.key;
        RecentOrder earlier = entry.value;
        if (within(age, windows.burstVelocity())) {
          burst++;
        }
        if (within(age, windows.hourlyVelocity())) {
          hourly++;
        }
        if (within(age, windows.spend()) && earlier.currency().equals(order.getCurrency())) {
          spend = plusSaturated(spend, earlier.amountMinor());
        }
        if (within(age, windows.tokens())) {
          tokens.add(earlier.token());
        }
      }
    }
    CustomerProfile profile = profiles.get(customer);
    CustomerProfile.UsualAmount usual =
        profile == null ? CustomerProfile.UsualAmount.NONE : profile.usualIn(order.getCurrency());
    long age = profile == null ? 0 : Math.max(0, placedAt - profile.firstSeenAt());
    return new CustomerFeatures(
        burst,
        hourly,
        spend,
        tokens.size(),
        usual.orders(),
        usual.meanMinor(),
        Duration.ofMillis(age),
        !order.getPaymentMethod().getIssuingCountry().equals(order.getShippingCountry()),
        verification);
  }

  /** Adds the order to the customer's log and profile. */
  public void remember(OrderPlaced order, long placedAt) {
    String customer = customerKey(order);
    // The window store silently ignores an order older than its retention: a very late order is
    // scored but no longer changes the windows it fell out of.
    orderLog.put(
        customer,
        new RecentOrder(
            order.getOrderId(),
            order.getAmountMinor(),
            order.getCurrency(),
            order.getPaymentMethod().getToken()),
        placedAt);
    CustomerProfile profile = profiles.get(customer);
    CustomerProfile start = profile == null ? new CustomerProfile(placedAt, Map.of()) : profile;
    profiles.put(
        customer,
        start.with(
            placedAt,
            order.getCurrency(),
            order.getAmountMinor(),
            windows.usualAmountSmoothingOrders()));
  }

  private static String customerKey(OrderPlaced order) {
    return CustomerKey.of(order.getMerchantId(), order.getCustomerId());
  }

  /**
   * Amounts are never negative (the intake refuses them), so a sum can only overflow upwards: it
   * stops at {@code Long.MAX_VALUE}, which is over every limit, instead of failing. An order with
   * an absurd amount must not make every later order of its customer unscorable for a day.
   */
  static long plusSaturated(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }

  /** "In the last w" means strictly less than w before the order. */
  private static boolean within(long ageMs, Duration window) {
    return ageMs < window.toMillis();
  }
}
