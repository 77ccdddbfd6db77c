package io.payrail.loyalty.topology;

import io.payrail.events.LoyaltySource;
import io.payrail.events.LoyaltyTier;
import io.payrail.loyalty.rules.CustomerLoyalty;
import io.payrail.loyalty.rules.OrderLoyalty;
import io.payrail.loyalty.rules.PointsChange;
import io.payrail.loyalty.store.StoredCustomerLoyalty;
import io.payrail.loyalty.store.StoredOrderLoyalty;
import io.payrail.loyalty.store.StoredPointsChange;
import io.payrail.schemas.store.StoreValueSerde;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;

/**
 * The serdes of loyalty-streams' two stores: {@code StoredCustomerLoyalty.avsc} and {@code
 * StoredOrderLoyalty.avsc} in Avro's single-object encoding ({@link StoreValueSerde}: internal
 * schemas, not registered, not part of the contract). Values written by the release before are read
 * through {@link PreviousStoreEncoding}.
 */
final class LoyaltyStoreSerdes {

  private LoyaltyStoreSerdes() {}

  static Serde<CustomerLoyalty> customers() {
    return new StoreValueSerde<>(
        "CustomerLoyalty",
        StoredCustomerLoyalty.getEncoder(),
        StoredCustomerLoyalty.getDecoder(),
        LoyaltyStoreSerdes::stored,
        LoyaltyStoreSerdes::customer,
        PreviousStoreEncoding.reader(CustomerLoyalty.class, LoyaltyStoreSerdes::previousCustomer));
  }

  static Serde<OrderLoyalty> orders() {
    return new StoreValueSerde<>(
        "OrderLoyalty",
        StoredOrderLoyalty.getEncoder(),
        StoredOrderLoyalty.getDecoder(),
        order ->
            new StoredOrderLoyalty(
                order.orderId(),
                order.currency(),
                order.firstSeenAt(),
                order.capturedMinor(),
                order.pointsEarned(),
                order.refundedMinor(),
                order.pointsOwedBack(),
                List.copyOf(order.paymentIds()),
                List.copyOf(order.refundIds())),
        stored ->
            new OrderLoyalty(
                stored.getOrderId(),
                stored.getCurrency(),
                stored.getFirstSeenAt(),
                stored.getCapturedMinor(),
                stored.getPointsEarned(),
                stored.getRefundedMinor(),
                stored.getPointsOwedBack(),
                new HashSet<>(stored.getPaymentIds()),
                new HashSet<>(stored.getRefundIds())),
        PreviousStoreEncoding.reader(OrderLoyalty.class, LoyaltyStoreSerdes::previousOrder));
  }

  private static StoredCustomerLoyalty stored(CustomerLoyalty customer) {
    PointsChange change = customer.lastChange();
    return new StoredCustomerLoyalty(
        customer.customerId(),
        customer.points(),
        customer.pointsShortfall(),
        customer.tier().name(),
        customer.lifetimeSpendMinor(),
        customer.tierSpendMinor(),
        change == null
            ? null
            : new StoredPointsChange(
                change.source().name(),
                change.sourceId(),
                change.orderId(),
                change.amountMinor(),
                change.currency(),
                change.pointsDelta()),
        customer.updatedAt());
  }

  private static CustomerLoyalty customer(StoredCustomerLoyalty stored) {
    StoredPointsChange change = stored.getLastChange();
    return new CustomerLoyalty(
        stored.getCustomerId(),
        stored.getPoints(),
        stored.getPointsShortfall(),
        LoyaltyTier.valueOf(stored.getTier()),
        stored.getLifetimeSpendMinor(),
        stored.getTierSpendMinor(),
        change == null
            ? null
            : new PointsChange(
                LoyaltySource.valueOf(change.getSource()),
                change.getSourceId(),
                change.getOrderId(),
                change.getAmountMinor(),
                change.getCurrency(),
                change.getPointsDelta()),
        stored.getUpdatedAt());
  }

  /**
   * Format 1 of a customer: customerId, points, pointsShortfall, tier, lifetimeSpendMinor,
   * tierSpendMinor, lastChange (presence byte, then source, sourceId, orderId, amountMinor,
   * currency, pointsDelta), updatedAt.
   */
  private static CustomerLoyalty previousCustomer(PreviousStoreEncoding.In in) throws IOException {
    return new CustomerLoyalty(
        in.string(),
        in.readLong(),
        in.readLong(),
        in.enumName(LoyaltyTier.class),
        in.longsByString(),
        in.readLong(),
        in.present()
            ? new PointsChange(
                in.enumName(LoyaltySource.class),
                in.string(),
                in.string(),
                in.readLong(),
                in.string(),
                in.readLong())
            : null,
        in.instant());
  }

  /**
   * Format 1 of an order: orderId, currency, firstSeenAt, capturedMinor, pointsEarned,
   * refundedMinor, pointsOwedBack, paymentIds, refundIds.
   */
  private static OrderLoyalty previousOrder(PreviousStoreEncoding.In in) throws IOException {
    return new OrderLoyalty(
        in.string(),
        in.string(),
        in.readLong(),
        in.readLong(),
        in.readLong(),
        in.readLong(),
        in.readLong(),
        in.strings(),
        in.strings());
  }
}
