package io.payrail.audit.kafka;

import io.payrail.audit.AuditSettings;
import io.payrail.audit.deadletter.DeadLetter;
import io.payrail.events.LoyaltyBalance;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.PointsReservation;
import io.payrail.events.RefundProcessed;
import io.payrail.events.RiskAssessed;
import io.payrail.schemas.keys.CustomerKey;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.serde.TopicSerdes;
import io.payrail.schemas.topics.Topic;
import io.payrail.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The result topics of the audited orders, decoded, as of one cut of end offsets.
 *
 * <p>An order is its merchant's: every record of it is keyed {@code merchantId/orderId} ({@link
 * OrderKey}), and a balance {@code merchantId/customerId} ({@link CustomerKey}). A record whose key
 * is not the one its value makes is not counted for any order or customer (its services' readers
 * dead-letter it, and it sits on another key's partition): it is in {@code misKeyed}.
 *
 * @param orders every {@code OrderPlaced} in scope, repeats included
 * @param assessments every {@code RiskAssessed} in scope
 * @param payments every {@code PaymentProcessed} in scope
 * @param refunds every {@code RefundProcessed} in scope
 * @param payingCustomersPayments every {@code PaymentProcessed} of the customers in scope, also of
 *     their orders outside the scope: a balance is made of all of a customer's orders
 * @param payingCustomersRefunds every {@code RefundProcessed} of the customers in scope
 * @param latestBalances the latest {@code LoyaltyBalance} of each customer in scope that has one
 * @param unreadable records in scope that do not decode
 * @param deadLettered the records in scope that a service sent to their topic's dead-letter topic
 * @param reservations every {@code PointsReservation} answer in scope, repeats included
 * @param payingCustomersReservations every {@code PointsReservation} of the customers in scope,
 *     also of their orders outside the scope: reserved points are a customer's, not an order's
 * @param balanceHistory every decodable {@code LoyaltyBalance} of each customer in scope, in offset
 *     order (the compacted topic may have dropped older ones; the latest is always there)
 * @param pointsTopic whether the cluster has the {@code points-reservations} topic: one deployed
 *     before points has none, and is audited without it
 * @param misKeyed records in scope whose key is not their value's
 */
public record ResultTopics(
    List<Event<OrderPlaced>> orders,
    List<Event<RiskAssessed>> assessments,
    List<Event<PaymentProcessed>> payments,
    List<Event<RefundProcessed>> refunds,
    List<Event<PaymentProcessed>> payingCustomersPayments,
    List<Event<RefundProcessed>> payingCustomersRefunds,
    Map<CustomerKey, Event<LoyaltyBalance>> latestBalances,
    List<UnreadableRecord> unreadable,
    Set<RecordCoordinates> deadLettered,
    List<Event<PointsReservation>> reservations,
    List<Event<PointsReservation>> payingCustomersReservations,
    Map<CustomerKey, List<Event<LoyaltyBalance>>> balanceHistory,
    boolean pointsTopic,
    List<MisKeyedRecord> misKeyed) {

  public ResultTopics {
    reservations = List.copyOf(reservations);
    payingCustomersReservations = List.copyOf(payingCustomersReservations);
    balanceHistory = Map.copyOf(balanceHistory);
    misKeyed = List.copyOf(misKeyed);
  }

  /** The topics with every record keyed by its value. */
  public ResultTopics(
      List<Event<OrderPlaced>> orders,
      List<Event<RiskAssessed>> assessments,
      List<Event<PaymentProcessed>> payments,
      List<Event<RefundProcessed>> refunds,
      List<Event<PaymentProcessed>> payingCustomersPayments,
      List<Event<RefundProcessed>> payingCustomersRefunds,
      Map<CustomerKey, Event<LoyaltyBalance>> latestBalances,
      List<UnreadableRecord> unreadable,
      Set<RecordCoordinates> deadLettered,
      List<Event<PointsReservation>> reservations,
      List<Event<PointsReservation>> payingCustomersReservations,
      Map<CustomerKey, List<Event<LoyaltyBalance>>> balanceHistory,
      boolean pointsTopic) {
    this(
        orders,
        assessments,
        payments,
        refunds,
        payingCustomersPayments,
        payingCustomersRefunds,
        latestBalances,
        unreadable,
        deadLettered,
        reservations,
        payingCustomersReservations,
        balanceHistory,
        pointsTopic,
        List.of());
  }

  /** The topics of a pipeline without points: no reservations, no balance history beyond these. */
  public ResultTopics(
      List<Event<OrderPlaced>> orders,
      List<Event<RiskAssessed>> assessments,
      List<Event<PaymentProcessed>> payments,
      List<Event<RefundProcessed>> refunds,
      List<Event<PaymentProcessed>> payingCustomersPayments,
      List<Event<RefundProcessed>> payingCustomersRefunds,
      Map<CustomerKey, Event<LoyaltyBalance>> latestBalances,
      List<UnreadableRecord> unreadable,
      Set<RecordCoordinates> deadLettered) {
    this(
        orders,
        assessments,
        payments,
        refunds,
        payingCustomersPayments,
        payingCustomersRefunds,
        latestBalances,
        unreadable,
        deadLettered,
        List.of(),
        List.of(),
        Map.of(),
        false);
  }

  /** Topics whose records a Payrail service consumes, so that a bad one is dead-lettered. */
  private static final List<Topic<String, ?>> CONSUMED =
      List.of(Topics.ORDERS, Topics.ORDER_RISK, Topics.PAYMENTS, Topics.REFUNDS);

  /**
   * Reads the result topics and their dead-letter topics from the beginning to the end offsets they
   * have now, decoding only the records of the orders {@code scope} covers (and the balances and
   * events of their customers).
   *
   * <p>The scope is judged on the key before decoding, so a record keyed for an order outside it is
   * left to an audit of that order, also when its value is of an order inside: only payments,
   * refunds and answers, read whole for the customers, are judged by their value's order too. A
   * record whose key is not {@code merchantId/orderId} at all is decoded and judged by its value.
   */
  public static ResultTopics read(
      Consumer<byte[], byte[]> consumer, TopicSerdes serdes, AuditSettings scope) {
    Duration timeout = scope.readTimeout();
    // points-reservations (payment-processor consumes it too) exists only once points are
    // deployed: against an older cluster the audit runs without it, as without coupon tables.
    Set<String> existing = consumer.listTopics(timeout).keySet();
    boolean pointsTopic = existing.contains(Topics.POINTS_RESERVATIONS.name());
    List<Topic<String, ?>> consumed = new ArrayList<>(CONSUMED);
    if (pointsTopic) {
      consumed.add(Topics.POINTS_RESERVATIONS);
    }
    List<String> names = new ArrayList<>();
    consumed.forEach(topic -> names.add(topic.name()));
    consumed.stream()
        .map(Topic::deadLetterTopic)
        // The points topic's dead letters may be created after it: without them, none to match.
        .filter(
            name ->
                !name.equals(Topics.POINTS_RESERVATIONS.deadLetterTopic())
                    || existing.contains(name))
        .forEach(names::add);
    names.add(Topics.LOYALTY_BALANCES.name());
    // Payments, refunds and reservations are kept whole: a customer in scope may have orders
    // outside it.
    Set<String> keptWhole =
        Set.of(
            Topics.PAYMENTS.name(),
            Topics.REFUNDS.name(),
            Topics.POINTS_RESERVATIONS.name(),
            Topics.LOYALTY_BALANCES.name());
    Predicate<String> keyInScope = key -> keyInScope(key, scope);
    TopicSnapshot snapshot =
        TopicSnapshot.read(
            consumer,
            names,
            true,
            (topic, key) -> keptWhole.contains(topic) || keyInScope.test(key),
            timeout);

    Decoder decoder = new Decoder(serdes, scope);
    Set<RecordCoordinates> deadLettered = new HashSet<>();
    for (Topic<String, ?> topic : consumed) {
      for (ConsumerRecord<byte[], byte[]> record : snapshot.records(topic.deadLetterTopic())) {
        DeadLetter.from(record).original().ifPresent(deadLettered::add);
      }
    }
    List<Event<OrderPlaced>> orders =
        decoder.decodeOrders(snapshot, Topics.ORDERS, ResultTopics::orderOf);
    List<Event<RiskAssessed>> assessments =
        decoder.decodeOrders(
            snapshot, Topics.ORDER_RISK, assessment -> orderOf(assessment.getOrder()));
    List<Event<PaymentProcessed>> allPayments =
        decoder.decodeOrders(
            snapshot,
            Topics.PAYMENTS,
            payment -> new OrderKey(payment.getMerchantId(), payment.getOrderId()));
    List<Event<RefundProcessed>> allRefunds =
        decoder.decodeOrders(
            snapshot,
            Topics.REFUNDS,
            refund -> new OrderKey(refund.getMerchantId(), refund.getOrderId()));
    List<Event<PaymentProcessed>> payments =
        allPayments.stream().filter(event -> scope.covers(event.orderKey())).toList();
    List<Event<RefundProcessed>> refunds =
        allRefunds.stream().filter(event -> scope.covers(event.orderKey())).toList();
    List<Event<PointsReservation>> allReservations =
        pointsTopic
            ? decoder.decodeOrders(
                snapshot,
                Topics.POINTS_RESERVATIONS,
                answer -> new OrderKey(answer.getMerchantId(), answer.getOrderId()))
            : List.of();
    List<Event<PointsReservation>> reservations =
        allReservations.stream().filter(event -> scope.covers(event.orderKey())).toList();

    Set<CustomerKey> customers = new HashSet<>();
    orders.forEach(event -> customers.add(customerOf(event.value())));
    payments.forEach(
        event ->
            customers.add(
                new CustomerKey(event.value().getMerchantId(), event.value().getCustomerId())));
    refunds.stream()
        .filter(event -> event.value().getCustomerId() != null)
        .forEach(
            event ->
                customers.add(
                    new CustomerKey(event.value().getMerchantId(), event.value().getCustomerId())));
    reservations.forEach(
        event ->
            customers.add(
                new CustomerKey(event.value().getMerchantId(), event.value().getCustomerId())));

    Map<CustomerKey, List<ConsumerRecord<byte[], byte[]>>> rawHistory = new LinkedHashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : snapshot.records(Topics.LOYALTY_BALANCES.name())) {
      // A key that is not merchantId/customerId is a balance from before balances were
      // merchant-scoped, which compaction keeps in the topic: it is no customer's balance now.
      customerKey(TopicSnapshot.key(record))
          .filter(customers::contains)
          // One key lives in one partition, read in offset order: the last one is the latest.
          .ifPresent(
              customer -> rawHistory.computeIfAbsent(customer, k -> new ArrayList<>()).add(record));
    }
    Map<CustomerKey, Event<LoyaltyBalance>> balances = new HashMap<>();
    Map<CustomerKey, List<Event<LoyaltyBalance>>> history = new HashMap<>();
    rawHistory.forEach(
        (customer, records) -> {
          List<Event<LoyaltyBalance>> decoded = new ArrayList<>();
          // Only the latest is the balance: an older record that does not decode is not reported
          // (as before points), it only leaves the history incomplete.
          records.subList(0, records.size() - 1).stream()
              .map(record -> decoder.decodeQuietly(Topics.LOYALTY_BALANCES, record))
              .flatMap(Optional::stream)
              .filter(event -> decoder.keyedBy(event, customerOf(event.value())))
              .forEach(decoded::add);
          decoder
              .decode(Topics.LOYALTY_BALANCES, records.get(records.size() - 1))
              .filter(event -> decoder.keyedBy(event, customerOf(event.value())))
              .ifPresent(
                  event -> {
                    balances.put(customer, event);
                    decoded.add(event);
                  });
          history.put(customer, List.copyOf(decoded));
        });

    return new ResultTopics(
        orders,
        assessments,
        payments,
        refunds,
        allPayments.stream()
            .filter(
                event ->
                    customers.contains(
                        new CustomerKey(
                            event.value().getMerchantId(), event.value().getCustomerId())))
            .toList(),
        allRefunds.stream()
            .filter(
                event ->
                    event.value().getCustomerId() != null
                        && customers.contains(
                            new CustomerKey(
                                event.value().getMerchantId(), event.value().getCustomerId())))
            .toList(),
        Map.copyOf(balances),
        List.copyOf(
            decoder.unreadable.stream().filter(u -> inScopeOrBalance(u, keyInScope)).toList()),
        Set.copyOf(deadLettered),
        reservations,
        allReservations.stream()
            .filter(
                event ->
                    customers.contains(
                        new CustomerKey(
                            event.value().getMerchantId(), event.value().getCustomerId())))
            .toList(),
        history,
        pointsTopic,
        decoder.misKeyed);
  }

  /**
   * Whether a record's key names an order in scope. One that names none (no key, or not {@code
   * merchantId/orderId}) is any order's: only an audit of everything takes it on its key alone.
   */
  private static boolean keyInScope(String key, AuditSettings scope) {
    if (scope.unscoped()) {
      return true;
    }
    try {
      return scope.covers(OrderKey.parse(key));
    } catch (IllegalArgumentException notAnOrderKey) {
      return false;
    }
  }

  private static Optional<CustomerKey> customerKey(String key) {
    try {
      return Optional.of(CustomerKey.parse(key));
    } catch (IllegalArgumentException notACustomerKey) {
      return Optional.empty();
    }
  }

  private static OrderKey orderOf(OrderPlaced order) {
    return new OrderKey(order.getMerchantId(), order.getOrderId());
  }

  private static CustomerKey customerOf(OrderPlaced order) {
    return new CustomerKey(order.getMerchantId(), order.getCustomerId());
  }

  private static CustomerKey customerOf(LoyaltyBalance balance) {
    return new CustomerKey(balance.getMerchantId(), balance.getCustomerId());
  }

  /** Whether a service dead-lettered the record at {@code source}. */
  public boolean wasDeadLettered(RecordCoordinates source) {
    return deadLettered.contains(source);
  }

  private static boolean inScopeOrBalance(UnreadableRecord record, Predicate<String> inScope) {
    return record.source().topic().equals(Topics.LOYALTY_BALANCES.name())
        || inScope.test(record.key());
  }

  /** Decodes values with the topics' specific-record serdes, collecting what does not decode. */
  private static final class Decoder {

    private final TopicSerdes serdes;
    private final AuditSettings scope;
    private final Map<String, Deserializer<?>> deserializers = new HashMap<>();
    private final List<UnreadableRecord> unreadable = new ArrayList<>();
    private final List<MisKeyedRecord> misKeyed = new ArrayList<>();

    Decoder(TopicSerdes serdes, AuditSettings scope) {
      this.serdes = serdes;
      this.scope = scope;
    }

    /**
     * The decodable records of an order-flow topic keyed by their value's order ({@code orderOf});
     * the others are left out, and reported when their key's or their value's order is in scope.
     */
    <V extends SpecificRecord> List<Event<V>> decodeOrders(
        TopicSnapshot snapshot, Topic<String, V> topic, Function<V, OrderKey> orderOf) {
      List<Event<V>> events = new ArrayList<>();
      for (ConsumerRecord<byte[], byte[]> record : snapshot.records(topic.name())) {
        decode(topic, record)
            .ifPresent(
                event -> {
                  OrderKey order = orderOf.apply(event.value());
                  if (order.encoded().equals(event.key())) {
                    events.add(event);
                  } else if (scope.covers(order) || keyInScope(event.key(), scope)) {
                    misKeyed.add(
                        new MisKeyedRecord(
                            event.source(), event.key(), order.encoded(), event.timestamp()));
                  }
                });
      }
      return events;
    }

    /** Whether the balance is keyed by its customer; reports it when not. */
    boolean keyedBy(Event<LoyaltyBalance> event, CustomerKey customer) {
      if (customer.encoded().equals(event.key())) {
        return true;
      }
      misKeyed.add(
          new MisKeyedRecord(event.source(), event.key(), customer.encoded(), event.timestamp()));
      return false;
    }

    /** Like {@link #decode} but a record that does not decode is only left out. */
    <V extends SpecificRecord> Optional<Event<V>> decodeQuietly(
        Topic<String, V> topic, ConsumerRecord<byte[], byte[]> record) {
      int before = unreadable.size();
      Optional<Event<V>> event = decode(topic, record);
      while (unreadable.size() > before) {
        unreadable.remove(unreadable.size() - 1);
      }
      return event;
    }

    @SuppressWarnings("unchecked")
    <V extends SpecificRecord> Optional<Event<V>> decode(
        Topic<String, V> topic, ConsumerRecord<byte[], byte[]> record) {
      RecordCoordinates source =
          new RecordCoordinates(record.topic(), record.partition(), record.offset());
      String key = TopicSnapshot.key(record);
      Instant timestamp = Instant.ofEpochMilli(record.timestamp());
      if (record.value() == null) {
        unreadable.add(new UnreadableRecord(source, key, "null value", timestamp));
        return Optional.empty();
      }
      Deserializer<V> deserializer =
          (Deserializer<V>)
              deserializers.computeIfAbsent(
                  topic.name(), name -> serdes.valueSerde(topic).deserializer());
      try {
        return Optional.of(
            new Event<>(
                key, deserializer.deserialize(record.topic(), record.value()), source, timestamp));
      } catch (RuntimeException e) {
        unreadable.add(
            new UnreadableRecord(
                source, key, e.getClass().getName() + ": " + e.getMessage(), timestamp));
        return Optional.empty();
      }
    }
  }
}
