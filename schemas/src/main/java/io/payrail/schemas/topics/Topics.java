package io.payrail.schemas.topics;

import io.payrail.events.CouponDefined;
import io.payrail.events.CustomerRegistered;
import io.payrail.events.CustomerVerification;
import io.payrail.events.LoyaltyBalance;
import io.payrail.events.MerchantApiKey;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.PointsReservation;
import io.payrail.events.RefundProcessed;
import io.payrail.events.RefundRequested;
import io.payrail.events.ReviewDecided;
import io.payrail.events.RiskAssessed;
import java.util.List;
import java.util.Optional;

/**
 * Every topic of the pipeline, defined once. Pipeline topics are keyed {@code merchantId/orderId}
 * ({@link io.payrail.schemas.keys.OrderKey}) and share one partition count, so they are
 * co-partitioned and can be joined without repartitioning; topics of customers have the same count
 * and are keyed {@code merchantId/customerId}.
 */
public final class Topics {

  /** Partition count of every pipeline topic unless a deployment chooses another, the same one. */
  public static final int DEFAULT_PARTITIONS = 12;

  public static final Topic<String, OrderPlaced> ORDERS = byOrderKey("orders", OrderPlaced.class);

  public static final Topic<String, RiskAssessed> ORDER_RISK =
      byOrderKey("order-risk", RiskAssessed.class);

  public static final Topic<String, PaymentProcessed> PAYMENTS =
      byOrderKey("payments", PaymentProcessed.class);

  public static final Topic<String, RefundRequested> REFUND_REQUESTS =
      byOrderKey("refund-requests", RefundRequested.class);

  public static final Topic<String, RefundProcessed> REFUNDS =
      byOrderKey("refunds", RefundProcessed.class);

  /**
   * Decisions on orders that risk held for review (approve, reject, expire), keyed {@code
   * merchantId/orderId} like the orders they decide, so payment-processor reads an order's decision
   * on the partition that holds its payment.
   */
  public static final Topic<String, ReviewDecided> REVIEW_DECISIONS =
      byOrderKey("review-decisions", ReviewDecided.class);

  /**
   * loyalty-streams' answers to orders that redeem points (reserved or refused), keyed {@code
   * merchantId/orderId} like the orders, so payment-processor reads an order's answer on the
   * partition that holds its payment.
   */
  public static final Topic<String, PointsReservation> POINTS_RESERVATIONS =
      byOrderKey("points-reservations", PointsReservation.class);

  /**
   * Each customer's loyalty balance, keyed {@code merchantId/customerId} ({@link
   * io.payrail.schemas.keys.CustomerKey}) and compacted: two merchants' customers with the same id
   * have two balances.
   */
  public static final Topic<String, LoyaltyBalance> LOYALTY_BALANCES =
      new Topic<>(
          "loyalty-balances",
          String.class,
          LoyaltyBalance.class,
          "merchantId/customerId",
          DEFAULT_PARTITIONS,
          CleanupPolicy.COMPACT);

  /**
   * Each customer's current identity verification, keyed {@code merchantId/customerId} ({@link
   * io.payrail.schemas.keys.CustomerKey}) and compacted. It has the pipeline's partition count, so
   * risk-streams joins it with orders repartitioned by the same key.
   */
  public static final Topic<String, CustomerVerification> CUSTOMER_VERIFICATIONS =
      new Topic<>(
          "customer-verifications",
          String.class,
          CustomerVerification.class,
          "merchantId/customerId",
          DEFAULT_PARTITIONS,
          CleanupPolicy.COMPACT);

  /**
   * Registered customers (members), keyed {@code merchantId/customerId} ({@link
   * io.payrail.schemas.keys.CustomerKey}) and compacted: the first record of a key is the profile,
   * so two merchants' customers with the same id are two members.
   */
  public static final Topic<String, CustomerRegistered> CUSTOMERS =
      new Topic<>(
          "customers",
          String.class,
          CustomerRegistered.class,
          "merchantId/customerId",
          DEFAULT_PARTITIONS,
          CleanupPolicy.COMPACT);

  /**
   * Merchants' coupons, keyed {@code merchantId/code} ({@link io.payrail.schemas.keys.CouponKey})
   * and compacted: the first record of a key is the coupon. The facade prices orders from it; the
   * order then carries what payment-processor needs (the discount and the use limits).
   */
  public static final Topic<String, CouponDefined> COUPONS =
      new Topic<>(
          "coupons",
          String.class,
          CouponDefined.class,
          "merchantId/code",
          DEFAULT_PARTITIONS,
          CleanupPolicy.COMPACT);

  /**
   * Merchants' API keys as {@code ./payrail keys} issues and revokes them, keyed by keyId ({@link
   * io.payrail.schemas.keys.ApiKeys#idOf}) and compacted: the latest record of a key is its state.
   * Every facade instance reads it whole into a global store.
   */
  public static final Topic<String, MerchantApiKey> MERCHANT_KEYS =
      new Topic<>(
          "merchant-keys",
          String.class,
          MerchantApiKey.class,
          "keyId",
          DEFAULT_PARTITIONS,
          CleanupPolicy.COMPACT);

  /** All topics, in the order data flows through them. */
  public static final List<Topic<?, ?>> ALL =
      List.of(
          ORDERS,
          ORDER_RISK,
          REVIEW_DECISIONS,
          POINTS_RESERVATIONS,
          PAYMENTS,
          REFUND_REQUESTS,
          REFUNDS,
          LOYALTY_BALANCES,
          CUSTOMER_VERIFICATIONS,
          CUSTOMERS,
          COUPONS,
          MERCHANT_KEYS);

  private Topics() {}

  /** The topic with this name, or its dead-letter topic's source, if it is part of the contract. */
  public static Optional<Topic<?, ?>> byName(String name) {
    String source =
        name.endsWith(Topic.DEAD_LETTER_SUFFIX)
            ? name.substring(0, name.length() - Topic.DEAD_LETTER_SUFFIX.length())
            : name;
    return ALL.stream().filter(topic -> topic.name().equals(source)).findFirst();
  }

  private static <V> Topic<String, V> byOrderKey(String name, Class<V> valueType) {
    return new Topic<>(
        name,
        String.class,
        valueType,
        "merchantId/orderId",
        DEFAULT_PARTITIONS,
        CleanupPolicy.DELETE);
  }
}
