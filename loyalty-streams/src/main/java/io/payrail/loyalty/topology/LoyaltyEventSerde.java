package io.payrail.loyalty.topology;

import io.payrail.events.CustomerRegistered;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.RefundProcessed;
import io.payrail.loyalty.rules.LoyaltyEvent;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.topics.Topics;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde of the repartition topic that carries payments, refunds, registrations and orders that
 * redeem points together, keyed by customer ({@code merchantId/customerId}): one tag byte, then the
 * event in its contract topic's wire format (schema subject of the contract topic, so the
 * repartition adds no registry subjects). One merged topic keeps a customer's events in one ordered
 * partition, so one task decides their reservations one after the other.
 *
 * <p>Tags 3 (order redeeming points) and 4 (payment ended without a capture) are new with
 * reservations: an instance of the release before fails on them, so the two must not share an
 * application id (replace all instances at once, as for the store values).
 */
final class LoyaltyEventSerde implements Serde<LoyaltyEvent> {

  private static final byte CAPTURED = 0;
  private static final byte REFUNDED = 1;
  private static final byte REGISTERED = 2;
  private static final byte REDEMPTION_REQUESTED = 3;
  private static final byte PAYMENT_ENDED = 4;

  private final Serde<PaymentProcessed> payments;
  private final Serde<RefundProcessed> refunds;
  private final Serde<CustomerRegistered> customers;
  private final Serde<OrderPlaced> orders;

  LoyaltyEventSerde(
      Serde<PaymentProcessed> payments,
      Serde<RefundProcessed> refunds,
      Serde<CustomerRegistered> customers,
      Serde<OrderPlaced> orders) {
    this.payments = payments;
    this.refunds = refunds;
    this.customers = customers;
    this.orders = orders;
  }

  /** The event as its contract topic carries it, for the dead-letter topic. */
  byte[] contractBytes(LoyaltyEvent event) {
    if (event instanceof LoyaltyEvent.Captured captured) {
      return payments.serializer().serialize(Topics.PAYMENTS.name(), captured.payment());
    }
    if (event instanceof LoyaltyEvent.PaymentEnded ended) {
      return payments.serializer().serialize(Topics.PAYMENTS.name(), ended.payment());
    }
    if (event instanceof LoyaltyEvent.Refunded refunded) {
      return refunds.serializer().serialize(Topics.REFUNDS.name(), refunded.refund());
    }
    if (event instanceof LoyaltyEvent.RedemptionRequested request) {
      return orders.serializer().serialize(Topics.ORDERS.name(), request.order());
    }
    LoyaltyEvent.Registered registered = (LoyaltyEvent.Registered) event;
    return customers.serializer().serialize(Topics.CUSTOMERS.name(), registered.customer());
  }

  /**
   * The event's key on its contract topic, for the dead-letter topic, so that a replay lands where
   * the record came from: {@code merchantId/customerId} for a registration, {@code
   * merchantId/orderId} for the others.
   */
  static String contractKey(LoyaltyEvent event) {
    return event instanceof LoyaltyEvent.Registered
        ? event.customerKey().encoded()
        : OrderKey.of(event.merchantId(), event.orderId());
  }

  @Override
  public Serializer<LoyaltyEvent> serializer() {
    return (topic, event) -> {
      if (event == null) {
        return null;
      }
      byte[] body = contractBytes(event);
      byte[] tagged = new byte[body.length + 1];
      tagged[0] = tag(event);
      System.arraycopy(body, 0, tagged, 1, body.length);
      return tagged;
    };
  }

  private static byte tag(LoyaltyEvent event) {
    if (event instanceof LoyaltyEvent.Captured) {
      return CAPTURED;
    }
    if (event instanceof LoyaltyEvent.Refunded) {
      return REFUNDED;
    }
    if (event instanceof LoyaltyEvent.RedemptionRequested) {
      return REDEMPTION_REQUESTED;
    }
    return event instanceof LoyaltyEvent.PaymentEnded ? PAYMENT_ENDED : REGISTERED;
  }

  @Override
  public Deserializer<LoyaltyEvent> deserializer() {
    return (topic, data) -> {
      if (data == null || data.length == 0) {
        return null;
      }
      byte[] body = Arrays.copyOfRange(data, 1, data.length);
      return switch (data[0]) {
        case CAPTURED ->
            new LoyaltyEvent.Captured(
                payments.deserializer().deserialize(Topics.PAYMENTS.name(), body));
        case REFUNDED ->
            new LoyaltyEvent.Refunded(
                refunds.deserializer().deserialize(Topics.REFUNDS.name(), body));
        case REGISTERED ->
            new LoyaltyEvent.Registered(
                customers.deserializer().deserialize(Topics.CUSTOMERS.name(), body));
        case REDEMPTION_REQUESTED ->
            new LoyaltyEvent.RedemptionRequested(
                orders.deserializer().deserialize(Topics.ORDERS.name(), body));
        case PAYMENT_ENDED ->
            new LoyaltyEvent.PaymentEnded(
                payments.deserializer().deserialize(Topics.PAYMENTS.name(), body));
        default ->
            throw new SerializationException(
                "unknown loyalty event tag " + data[0] + " on " + topic);
      };
    };
  }
}
