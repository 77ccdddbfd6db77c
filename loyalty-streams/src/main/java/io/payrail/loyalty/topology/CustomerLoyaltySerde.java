package io.payrail.loyalty.topology;

import io.payrail.events.LoyaltySource;
import io.payrail.events.LoyaltyTier;
import io.payrail.loyalty.rules.CustomerLoyalty;
import io.payrail.loyalty.rules.PointsChange;
import java.io.IOException;

/**
 * Store serde of {@link CustomerLoyalty} in the balance store. Format 1, after the version byte:
 * customerId, points, pointsShortfall, tier, lifetimeSpendMinor, tierSpendMinor, lastChange
 * (presence byte, then source, sourceId, orderId, amountMinor, currency, pointsDelta), updatedAt;
 * the encodings are those of {@link BinaryStoreSerde}.
 */
final class CustomerLoyaltySerde extends BinaryStoreSerde<CustomerLoyalty> {

  CustomerLoyaltySerde() {
    super(CustomerLoyalty.class);
  }

  @Override
  void write(Out out, CustomerLoyalty customer) throws IOException {
    out.string(customer.customerId());
    out.writeLong(customer.points());
    out.writeLong(customer.pointsShortfall());
    out.enumName(customer.tier());
    out.longsByString(customer.lifetimeSpendMinor());
    out.writeLong(customer.tierSpendMinor());
    out.nullable(
        customer.lastChange(),
        change -> {
          out.enumName(change.source());
          out.string(change.sourceId());
          out.string(change.orderId());
          out.writeLong(change.amountMinor());
          out.string(change.currency());
          out.writeLong(change.pointsDelta());
        });
    out.instant(customer.updatedAt());
  }

  @Override
  CustomerLoyalty read(In in) throws IOException {
    return new CustomerLoyalty(
        in.string(),
        in.readLong(),
        in.readLong(),
        in.enumName(LoyaltyTier.class),
        in.longsByString(),
        in.readLong(),
        in.present() ? readChange(in) : null,
        in.instant());
  }

  private static PointsChange readChange(In in) throws IOException {
    return new PointsChange(
        in.enumName(LoyaltySource.class),
        in.string(),
        in.string(),
        in.readLong(),
        in.string(),
        in.readLong());
  }
}
