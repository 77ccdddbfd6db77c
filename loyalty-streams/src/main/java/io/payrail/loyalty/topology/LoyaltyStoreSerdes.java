package io.payrail.loyalty.topology;

import io.payrail.events.LoyaltySource;
import io.payrail.events.LoyaltyTier;
import io.payrail.events.PointsReservationStatus;
import io.payrail.loyalty.rules.CustomerLoyalty;
import io.payrail.loyalty.rules.OrderLoyalty;
import io.payrail.loyalty.rules.PointsChange;
import io.payrail.loyalty.rules.Redemption;
import io.payrail.loyalty.store.StoredCustomerLoyalty;
import io.payrail.loyalty.store.StoredOrderLoyalty;
import io.payrail.loyalty.store.StoredPointsChange;
import io.payrail.loyalty.store.StoredRedemption;
import io.payrail.schemas.store.StoreValueSerde;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.kafka.common.serialization.Serde;

/**
 * The serdes of loyalty-streams' two stores: {@code StoredCustomerLoyalty.avsc} and {@code
 * StoredOrderLoyalty.avsc} in Avro's single-object encoding ({@link StoreValueSerde}: internal
 * schemas, not registered, not part of the contract). Values written before Avro are read through
 * {@link PreviousStoreEncoding}.
 *
 * <p>Avro values of every earlier version of the two schemas are read as well: each version is kept
 * in {@code src/main/resources/store-history/<Stored...>/v<N>.avsc} and added to the decoder, which
 * recognises it by the fingerprint in the value and resolves it to the current schema (fields added
 * since take their defaults), so an upgraded instance restores the changelog the previous one
 * wrote. v1: before points could be redeemed; v2: the customer's {@code reservedPoints}, the
 * order's {@code redemption} answer and {@code closedBy} (the order's current schema); v3
 * (customer's current schema): the customer's {@code merchantId}, empty in older values. The stores
 * keyed by merchant ({@link LoyaltyTopology#BALANCE_STORE}, {@link LoyaltyTopology#ORDER_STORE})
 * are new stores, so their changelogs hold only current values; the older ones are read all the
 * same, as the rule of this module is.
 */
final class LoyaltyStoreSerdes {

  /** The earlier versions of the customer store schema, oldest first; add one on every change. */
  static final List<String> CUSTOMER_SCHEMA_HISTORY = List.of("v1", "v2");

  /** The earlier versions of the order store schema, oldest first; add one on every change. */
  static final List<String> ORDER_SCHEMA_HISTORY = List.of("v1");

  private static final BinaryMessageDecoder<StoredCustomerLoyalty> CUSTOMER_DECODER =
      withHistory(
          StoredCustomerLoyalty.createDecoder(null),
          "StoredCustomerLoyalty",
          CUSTOMER_SCHEMA_HISTORY);

  private static final BinaryMessageDecoder<StoredOrderLoyalty> ORDER_DECODER =
      withHistory(
          StoredOrderLoyalty.createDecoder(null), "StoredOrderLoyalty", ORDER_SCHEMA_HISTORY);

  private LoyaltyStoreSerdes() {}

  private static <S> BinaryMessageDecoder<S> withHistory(
      BinaryMessageDecoder<S> decoder, String storedType, List<String> history) {
    for (String version : history) {
      decoder.addSchema(historicSchema(storedType, version));
    }
    return decoder;
  }

  /** An earlier version of a store schema, as kept under {@code store-history}. */
  static Schema historicSchema(String storedType, String version) {
    String resource = "/store-history/" + storedType + "/" + version + ".avsc";
    try (InputStream in = LoyaltyStoreSerdes.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing store schema " + resource);
      }
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Serde<CustomerLoyalty> customers() {
    return new StoreValueSerde<>(
        "CustomerLoyalty",
        StoredCustomerLoyalty.getEncoder(),
        CUSTOMER_DECODER,
        LoyaltyStoreSerdes::stored,
        LoyaltyStoreSerdes::customer,
        PreviousStoreEncoding.reader(CustomerLoyalty.class, LoyaltyStoreSerdes::previousCustomer));
  }

  static Serde<OrderLoyalty> orders() {
    return new StoreValueSerde<>(
        "OrderLoyalty",
        StoredOrderLoyalty.getEncoder(),
        ORDER_DECODER,
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
                List.copyOf(order.refundIds()),
                stored(order.redemption()),
                order.closedBy()),
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
                new HashSet<>(stored.getRefundIds()),
                redemption(stored.getOrderId(), stored.getRedemption()),
                stored.getClosedBy()),
        PreviousStoreEncoding.reader(OrderLoyalty.class, LoyaltyStoreSerdes::previousOrder));
  }

  private static StoredRedemption stored(Redemption redemption) {
    return redemption == null
        ? null
        : new StoredRedemption(
            redemption.merchantId(),
            redemption.customerId(),
            redemption.points(),
            redemption.status().name(),
            redemption.reason(),
            redemption.availablePoints(),
            redemption.decidedAt());
  }

  private static Redemption redemption(String orderId, StoredRedemption stored) {
    return stored == null
        ? null
        : new Redemption(
            orderId,
            stored.getMerchantId(),
            stored.getCustomerId(),
            stored.getPoints(),
            PointsReservationStatus.valueOf(stored.getStatus()),
            stored.getReason(),
            stored.getAvailablePoints(),
            stored.getDecidedAt());
  }

  private static StoredCustomerLoyalty stored(CustomerLoyalty customer) {
    PointsChange change = customer.lastChange();
    return new StoredCustomerLoyalty(
        customer.merchantId(),
        customer.customerId(),
        customer.points(),
        customer.reservedPoints(),
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
        stored.getMerchantId(),
        stored.getCustomerId(),
        stored.getPoints(),
        stored.getReservedPoints(),
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
    // Format 1 knew no reservations (nothing is reserved) and no merchant (empty, as Avro v1).
    return new CustomerLoyalty(
        "",
        in.string(),
        in.readLong(),
        0,
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
        in.strings(),
        null,
        null);
  }
}
