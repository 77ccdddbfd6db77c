package io.payrail.audit.kafka;

import io.payrail.audit.deadletter.DeadLetter;
import io.payrail.events.LoyaltyBalance;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.PointsReservation;
import io.payrail.events.RefundProcessed;
import io.payrail.events.RiskAssessed;
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
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The result topics of the audited orders, decoded, as of one cut of end offsets.
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
 */
public record ResultTopics(
    List<Event<OrderPlaced>> orders,
    List<Event<RiskAssessed>> assessments,
    List<Event<PaymentProcessed>> payments,
    List<Event<RefundProcessed>> refunds,
    List<Event<PaymentProcessed>> payingCustomersPayments,
    List<Event<RefundProcessed>> payingCustomersRefunds,
    Map<String, Event<LoyaltyBalance>> latestBalances,
    List<UnreadableRecord> unreadable,
    Set<RecordCoordinates> deadLettered,
    List<Event<PointsReservation>> reservations,
    List<Event<PointsReservation>> payingCustomersReservations,
    Map<String, List<Event<LoyaltyBalance>>> balanceHistory,
    boolean pointsTopic) {

  public ResultTopics {
    reservations = List.copyOf(reservations);
    payingCustomersReservations = List.copyOf(payingCustomersReservations);
    balanceHistory = Map.copyOf(balanceHistory);
  }

  /** The topics of a pipeline without points: no reservations, no balance history beyond these. */
  public ResultTopics(
      List<Event<OrderPlaced>> orders,
      List<Event<RiskAssessed>> assessments,
      List<Event<PaymentProcessed>> payments,
      List<Event<RefundProcessed>> refunds,
      List<Event<PaymentProcessed>> payingCustomersPayments,
      List<Event<RefundProcessed>> payingCustomersRefunds,
      Map<String, Event<LoyaltyBalance>> latestBalances,
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
   * have now, decoding only the records of orders {@code inScope} accepts (and the balances and
   * events of their customers).
   */
  public static ResultTopics read(
      Consumer<byte[], byte[]> consumer,
      TopicSerdes serdes,
      Predicate<String> inScope,
      Duration timeout) {
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
    TopicSnapshot snapshot =
        TopicSnapshot.read(
            consumer,
            names,
            true,
            (topic, key) -> keptWhole.contains(topic) || inScope.test(key),
            timeout);

    Decoder decoder = new Decoder(serdes);
    Set<RecordCoordinates> deadLettered = new HashSet<>();
    for (Topic<String, ?> topic : consumed) {
      for (ConsumerRecord<byte[], byte[]> record : snapshot.records(topic.deadLetterTopic())) {
        DeadLetter.from(record).original().ifPresent(deadLettered::add);
      }
    }
    List<Event<OrderPlaced>> orders = decoder.decodeAll(snapshot, Topics.ORDERS, inScope);
    List<Event<RiskAssessed>> assessments = decoder.decodeAll(snapshot, Topics.ORDER_RISK, inScope);
    List<Event<PaymentProcessed>> allPayments =
        decoder.decodeAll(snapshot, Topics.PAYMENTS, key -> true);
    List<Event<RefundProcessed>> allRefunds =
        decoder.decodeAll(snapshot, Topics.REFUNDS, key -> true);
    List<Event<PaymentProcessed>> payments =
        allPayments.stream().filter(event -> inScope.test(event.key())).toList();
    List<Event<RefundProcessed>> refunds =
        allRefunds.stream().filter(event -> inScope.test(event.key())).toList();
    List<Event<PointsReservation>> allReservations =
        pointsTopic
            ? decoder.decodeAll(snapshot, Topics.POINTS_RESERVATIONS, key -> true)
            : List.of();
    List<Event<PointsReservation>> reservations =
        allReservations.stream().filter(event -> inScope.test(event.key())).toList();

    Set<String> customers = new HashSet<>();
    orders.forEach(event -> customers.add(event.value().getCustomerId()));
    payments.forEach(event -> customers.add(event.value().getCustomerId()));
    refunds.stream()
        .map(event -> event.value().getCustomerId())
        .filter(id -> id != null)
        .forEach(customers::add);
    reservations.forEach(event -> customers.add(event.value().getCustomerId()));

    Map<String, List<ConsumerRecord<byte[], byte[]>>> rawHistory = new LinkedHashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : snapshot.records(Topics.LOYALTY_BALANCES.name())) {
      String customerId = TopicSnapshot.key(record);
      if (customers.contains(customerId)) {
        // One key lives in one partition, read in offset order: the last one is the latest.
        rawHistory.computeIfAbsent(customerId, k -> new ArrayList<>()).add(record);
      }
    }
    Map<String, Event<LoyaltyBalance>> balances = new HashMap<>();
    Map<String, List<Event<LoyaltyBalance>>> history = new HashMap<>();
    rawHistory.forEach(
        (customerId, records) -> {
          List<Event<LoyaltyBalance>> decoded = new ArrayList<>();
          // Only the latest is the balance: an older record that does not decode is not reported
          // (as before points), it only leaves the history incomplete.
          records.subList(0, records.size() - 1).stream()
              .map(record -> decoder.decodeQuietly(Topics.LOYALTY_BALANCES, record))
              .flatMap(Optional::stream)
              .forEach(decoded::add);
          decoder
              .decode(Topics.LOYALTY_BALANCES, records.get(records.size() - 1))
              .ifPresent(
                  event -> {
                    balances.put(customerId, event);
                    decoded.add(event);
                  });
          history.put(customerId, List.copyOf(decoded));
        });

    return new ResultTopics(
        orders,
        assessments,
        payments,
        refunds,
        allPayments.stream()
            .filter(event -> customers.contains(event.value().getCustomerId()))
            .toList(),
        allRefunds.stream()
            .filter(event -> customers.contains(event.value().getCustomerId()))
            .toList(),
        Map.copyOf(balances),
        List.copyOf(decoder.unreadable.stream().filter(u -> inScopeOrBalance(u, inScope)).toList()),
        Set.copyOf(deadLettered),
        reservations,
        allReservations.stream()
            .filter(event -> customers.contains(event.value().getCustomerId()))
            .toList(),
        history,
        pointsTopic);
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
    private final Map<String, Deserializer<?>> deserializers = new HashMap<>();
    private final List<UnreadableRecord> unreadable = new ArrayList<>();

    Decoder(TopicSerdes serdes) {
      this.serdes = serdes;
    }

    <V extends SpecificRecord> List<Event<V>> decodeAll(
        TopicSnapshot snapshot, Topic<String, V> topic, Predicate<String> keep) {
      List<Event<V>> events = new ArrayList<>();
      for (ConsumerRecord<byte[], byte[]> record : snapshot.records(topic.name())) {
        if (keep.test(TopicSnapshot.key(record))) {
          decode(topic, record).ifPresent(events::add);
        }
      }
      return events;
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
