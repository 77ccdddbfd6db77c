package io.payrail.launcher.chaos;

import io.payrail.events.LoyaltyBalance;
import io.payrail.events.LoyaltySource;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.PaymentStatus;
import io.payrail.events.RefundProcessed;
import io.payrail.events.RefundRequested;
import io.payrail.events.ReviewDecided;
import io.payrail.events.ReviewOutcome;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.serde.TopicSerdes;
import io.payrail.schemas.topics.Topic;
import io.payrail.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round's traffic, straight onto the topics as upstream systems would send it: orders at a
 * steady rate, a reviewer's decision for each order once it is seen held for review (most approved,
 * some rejected, on {@code review-decisions} as the facade would publish it), and refund requests
 * for orders once their payment is seen captured. It keeps count of everything it sent and of every
 * answer it saw ({@code read_committed}), so a lost or repeated answer shows even where the audit
 * allows repeats: every order has exactly one final PaymentProcessed, a held order one
 * HELD_FOR_REVIEW before it, and that final outcome is the one its decision calls for; every final
 * payment redeems the points its order asked to (none without). It notes when each order and refund
 * request was sent and when its answer (and a captured order's loyalty balance) was seen, so that a
 * failover can be timed ({@link #failover}).
 *
 * <p>The producer is idempotent with a long delivery timeout, so a broker restart delays records
 * but neither loses nor repeats them; a send that fails anyway is sent again, as an upstream retry
 * would be (the pipeline treats a repeated order as one order).
 */
final class ChaosLoad implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ChaosLoad.class);

  private final String prefix;
  private final double ordersPerSecond;
  private final ChaosOrders orders;
  private final KafkaProducer<String, byte[]> producer;
  private final Serializer<OrderPlaced> orderSerializer;
  private final Serializer<RefundRequested> refundSerializer;
  private final Serializer<ReviewDecided> decisionSerializer;
  private final KafkaConsumer<byte[], byte[]> watcher;
  private final Deserializer<PaymentProcessed> paymentDeserializer;
  private final Deserializer<RefundProcessed> refundDeserializer;
  private final Deserializer<LoyaltyBalance> balanceDeserializer;

  private final Set<String> ordersAcked = ConcurrentHashMap.newKeySet();
  private final AtomicInteger ordersSent = new AtomicInteger();
  private final AtomicInteger sendsInFlight = new AtomicInteger();
  private final AtomicLong resends = new AtomicLong();
  // Final PaymentProcessed per order; a held order's HELD_FOR_REVIEW is counted in holds.
  private final Map<String, Integer> paymentEvents = new ConcurrentHashMap<>();
  private final Map<String, Integer> holds = new ConcurrentHashMap<>();
  private final Map<String, ReviewOutcome> decisions = new ConcurrentHashMap<>();
  // The first final outcome of each held order: status, and declineCode if any.
  private final Map<String, String> heldOutcomes = new ConcurrentHashMap<>();
  // The points each redeeming order asks to redeem, and its first final payment.
  private final Map<String, Long> pointsAsked = new ConcurrentHashMap<>();
  private final Map<String, PointsTally.Outcome> pointsOutcomes = new ConcurrentHashMap<>();
  // Final payments whose pointsRedeemed is not their order's pointsToRedeem (0 without).
  private final Map<String, String> pointsMismatches = new ConcurrentHashMap<>();
  private final Map<String, Integer> refundRequests = new ConcurrentHashMap<>();
  private final Map<String, Integer> refundAnswers = new ConcurrentHashMap<>();
  private final Map<String, String> refundOrders = new ConcurrentHashMap<>();
  // When (System.nanoTime) each was sent or first seen: what a failover is timed by.
  private final Map<String, Long> orderSentAt = new ConcurrentHashMap<>();
  private final Map<String, Long> paidAt = new ConcurrentHashMap<>();
  private final Map<String, Long> capturedAt = new ConcurrentHashMap<>();
  private final Map<String, Long> creditedAt = new ConcurrentHashMap<>();
  private final Map<String, Long> refundRequestedAt = new ConcurrentHashMap<>();
  private final Map<String, Long> refundAnsweredAt = new ConcurrentHashMap<>();
  private final AtomicBoolean producingOrders = new AtomicBoolean();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread orderThread;
  private final Thread watcherThread;

  ChaosLoad(
      String bootstrapServers,
      TopicSerdes serdes,
      String prefix,
      double ordersPerSecond,
      ChaosOrders orders) {
    this.prefix = prefix;
    this.ordersPerSecond = ordersPerSecond;
    this.orders = orders;
    this.orderSerializer = serdes.valueSerde(Topics.ORDERS).serializer();
    this.refundSerializer = serdes.valueSerde(Topics.REFUND_REQUESTS).serializer();
    this.decisionSerializer = serdes.valueSerde(Topics.REVIEW_DECISIONS).serializer();
    this.paymentDeserializer = serdes.valueSerde(Topics.PAYMENTS).deserializer();
    this.refundDeserializer = serdes.valueSerde(Topics.REFUNDS).deserializer();
    this.balanceDeserializer = serdes.valueSerde(Topics.LOYALTY_BALANCES).deserializer();
    Map<String, Object> producerConfig = new HashMap<>();
    producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
    producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    // Longer than any outage of the run: the producer retries, idempotently, instead of failing.
    producerConfig.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
    producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 300_000);
    this.producer =
        new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
    Map<String, Object> consumerConfig = new HashMap<>();
    consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    this.watcher =
        new KafkaConsumer<>(
            consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    for (Topic<String, ?> topic :
        List.of(Topics.PAYMENTS, Topics.REFUNDS, Topics.LOYALTY_BALANCES)) {
      watcher
          .partitionsFor(topic.name(), Duration.ofSeconds(30))
          .forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
    }
    watcher.assign(partitions);
    // Fix the starting point now, before the first order: the round's answers all come after it.
    watcher.seekToEnd(partitions);
    partitions.forEach(partition -> watcher.position(partition, Duration.ofSeconds(30)));
    this.orderThread = new Thread(this::produceOrders, "chaos-orders");
    this.watcherThread = new Thread(this::watchAnswers, "chaos-answers");
  }

  /** Starts sending orders and watching the answers. */
  void start() {
    producingOrders.set(true);
    orderThread.start();
    watcherThread.start();
  }

  /** Stops new orders; refund requests for payments still to come keep being sent. */
  void stopOrders() {
    producingOrders.set(false);
    try {
      orderThread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.flush();
  }

  /** Counts so far. */
  LoadProgress progress() {
    return new LoadProgress(
        ordersSent.get(),
        ordersAcked.size(),
        paymentEvents.size(),
        holds.size(),
        refundRequests.size(),
        refundAnswers.size());
  }

  /**
   * Whether every order sent has its final payment (a held one after its review's decision) and
   * every refund request its answer. Only meaningful after {@link #stopOrders()}.
   */
  boolean settled() {
    return !producingOrders.get()
        && sendsInFlight.get() == 0
        && paymentEvents.keySet().containsAll(ordersAcked)
        && refundRequests.keySet().stream().allMatch(refundAnswers::containsKey);
  }

  /**
   * The orders still without a final payment, and those with refund requests still without an
   * answer.
   */
  Set<String> awaitedOrders() {
    Set<String> awaited = new HashSet<>();
    ordersAcked.stream().filter(id -> !paymentEvents.containsKey(id)).forEach(awaited::add);
    refundRequests.keySet().stream()
        .filter(refundId -> !refundAnswers.containsKey(refundId))
        .forEach(refundId -> awaited.add(refundOrders.get(refundId)));
    return awaited;
  }

  /**
   * What the answers say was lost or repeated: orders without a final payment, orders with more
   * than one, or held more than once, held orders whose outcome is not what their decision called
   * for, refund requests without an answer or with more answers than requests, answers nobody asked
   * for.
   */
  List<String> problems() {
    List<String> problems = new ArrayList<>();
    List<String> unpaid =
        ordersAcked.stream().filter(id -> !paymentEvents.containsKey(id)).toList();
    if (!pointsMismatches.isEmpty()) {
      problems.add(
          pointsMismatches.size()
              + " payments that do not redeem their order's points (asked -> redeemed): "
              + sample(
                  pointsMismatches.entrySet().stream()
                      .map(e -> e.getKey() + " (" + e.getValue() + ")")
                      .toList()));
    }
    if (!unpaid.isEmpty()) {
      List<String> heldStill = unpaid.stream().filter(holds::containsKey).toList();
      problems.add(
          unpaid.size()
              + " orders without a final PaymentProcessed ("
              + heldStill.size()
              + " of them held for review), e.g. "
              + sample(unpaid));
    }
    List<String> heldTwice =
        holds.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    if (!heldTwice.isEmpty()) {
      problems.add(heldTwice.size() + " orders with several HELD_FOR_REVIEW: " + sample(heldTwice));
    }
    List<String> misdecided = new ArrayList<>();
    heldOutcomes.forEach(
        (orderId, outcome) -> {
          ReviewOutcome decision = decisions.get(orderId);
          if (!honours(decision, outcome)) {
            misdecided.add(orderId + " (" + decision + " -> " + outcome + ")");
          }
        });
    if (!misdecided.isEmpty()) {
      problems.add(
          misdecided.size()
              + " held orders whose outcome is not their decision's: "
              + sample(misdecided));
    }
    List<String> paidTwice =
        paymentEvents.entrySet().stream()
            .filter(e -> e.getValue() > 1)
            .map(Map.Entry::getKey)
            .toList();
    if (!paidTwice.isEmpty()) {
      problems.add(
          paidTwice.size() + " orders with several PaymentProcessed: " + sample(paidTwice));
    }
    Set<String> answered = new HashSet<>(paymentEvents.keySet());
    answered.addAll(holds.keySet());
    List<String> unknownPayments =
        answered.stream().filter(id -> !ordersAcked.contains(id)).toList();
    if (!unknownPayments.isEmpty()) {
      problems.add(
          unknownPayments.size() + " payments of orders never sent: " + sample(unknownPayments));
    }
    List<String> unanswered = new ArrayList<>();
    List<String> overAnswered = new ArrayList<>();
    refundRequests.forEach(
        (refundId, requests) -> {
          // A repeat that came while the refund was reserved or UNKNOWN shares the refund's one
          // outcome (refund-processor README, "Idempotency"): at least one answer, at most one
          // each.
          int answers = refundAnswers.getOrDefault(refundId, 0);
          if (answers == 0) {
            unanswered.add(refundId);
          } else if (answers > requests) {
            overAnswered.add(refundId + " (" + requests + " requests, " + answers + " answers)");
          }
        });
    if (!unanswered.isEmpty()) {
      problems.add(unanswered.size() + " refund requests without an answer: " + sample(unanswered));
    }
    if (!overAnswered.isEmpty()) {
      problems.add(
          overAnswered.size() + " refund requests answered too often: " + sample(overAnswered));
    }
    List<String> unasked =
        refundAnswers.keySet().stream().filter(id -> !refundRequests.containsKey(id)).toList();
    if (!unasked.isEmpty()) {
      problems.add(unasked.size() + " refund answers nobody asked for: " + sample(unasked));
    }
    return problems;
  }

  long resends() {
    return resends.get();
  }

  /** The held orders so far: how many, how they were decided, how they ended. */
  ReviewTally reviews() {
    Map<String, Integer> finalAs = new HashMap<>();
    heldOutcomes.values().forEach(outcome -> finalAs.merge(status(outcome), 1, Integer::sum));
    int approved = 0;
    int rejected = 0;
    for (ReviewOutcome decision : decisions.values()) {
      approved += decision == ReviewOutcome.APPROVE ? 1 : 0;
      rejected += decision == ReviewOutcome.REJECT ? 1 : 0;
    }
    return new ReviewTally(holds.size(), approved, rejected, finalAs);
  }

  /** The orders redeeming points so far: how many, how they ended. */
  PointsTally points() {
    return PointsTally.of(pointsAsked.size(), List.copyOf(pointsOutcomes.values()));
  }

  /**
   * Whether a held order's final outcome ({@code STATUS} or {@code STATUS/declineCode}) is what its
   * decision calls for: a rejected order REJECTED_BY_REVIEW with review_rejected, an approved one
   * charged (CAPTURED, DECLINED or FAILED, as any charge) or, if it redeems points loyalty refused,
   * DECLINED points_unavailable uncharged (loyalty, not the reviewer, decides on points); never
   * rejected. No decision at all (the chaos load decides every order it sees held; no hold expires
   * within a round) is not.
   */
  static boolean honours(ReviewOutcome decision, String outcome) {
    if (decision == null) {
      return false;
    }
    return switch (decision) {
      case REJECT -> outcome.equals(PaymentStatus.REJECTED_BY_REVIEW + "/review_rejected");
      case APPROVE ->
          !status(outcome).equals(PaymentStatus.REJECTED_BY_REVIEW.name())
              && !status(outcome).equals(PaymentStatus.HELD_FOR_REVIEW.name());
      case EXPIRE -> false;
    };
  }

  private static String status(String outcome) {
    int slash = outcome.indexOf('/');
    return slash < 0 ? outcome : outcome.substring(0, slash);
  }

  /**
   * How the work of {@code flow} placed around {@code killedAt} (a {@link System#nanoTime()}) has
   * been answered so far.
   */
  Failover failover(String instance, Failover.Flow flow, long killedAt) {
    Map<String, Long> placedAt = placedAt(flow);
    Map<String, Long> answeredAt = answeredAt(flow);
    long from = killedAt - Failover.BEFORE.toNanos();
    long to = killedAt + Failover.AFTER.toNanos();
    int placed = 0;
    int answered = 0;
    long lastAnswer = killedAt;
    long longestWait = 0;
    for (Map.Entry<String, Long> work : placedAt.entrySet()) {
      long at = work.getValue();
      if (at < from || at > to) {
        continue;
      }
      placed++;
      Long answer = answeredAt.get(work.getKey());
      if (answer != null) {
        answered++;
        lastAnswer = Math.max(lastAnswer, answer);
        longestWait = Math.max(longestWait, answer - at);
      }
    }
    return new Failover(
        instance,
        flow,
        placed,
        answered,
        Duration.ofNanos(lastAnswer - killedAt),
        Duration.ofNanos(longestWait));
  }

  @Override
  public void close() {
    producingOrders.set(false);
    running.set(false);
    watcher.wakeup();
    try {
      orderThread.join(10_000);
      watcherThread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(10));
  }

  /**
   * Whether the processors keep up with {@code flow}'s work: some was placed within the last {@code
   * recent} (there is load), and none placed longer than {@code backlog} ago still waits for its
   * answer (an earlier disruption's backlog has been worked off).
   */
  boolean keepingUp(Failover.Flow flow, Duration recent, Duration backlog) {
    long now = System.nanoTime();
    Map<String, Long> answeredAt = answeredAt(flow);
    boolean loaded = false;
    for (Map.Entry<String, Long> work : placedAt(flow).entrySet()) {
      long age = now - work.getValue();
      loaded |= age <= recent.toNanos();
      if (age > backlog.toNanos() && !answeredAt.containsKey(work.getKey())) {
        return false;
      }
    }
    return loaded;
  }

  private Map<String, Long> placedAt(Failover.Flow flow) {
    return switch (flow) {
      case ORDERS_PAID -> orderSentAt;
      case REFUNDS_ANSWERED -> refundRequestedAt;
      case CAPTURES_CREDITED -> capturedAt;
    };
  }

  private Map<String, Long> answeredAt(Failover.Flow flow) {
    return switch (flow) {
      case ORDERS_PAID -> paidAt;
      case REFUNDS_ANSWERED -> refundAnsweredAt;
      case CAPTURES_CREDITED -> creditedAt;
    };
  }

  private void produceOrders() {
    long started = System.nanoTime();
    int index = 0;
    while (producingOrders.get()) {
      double elapsedSeconds = (System.nanoTime() - started) / 1e9;
      long due = (long) (elapsedSeconds * ordersPerSecond);
      while (index < due && producingOrders.get()) {
        OrderPlaced order = orders.order(++index);
        orderSentAt.put(order.getOrderId(), System.nanoTime());
        if (order.getPointsToRedeem() != null) {
          pointsAsked.put(order.getOrderId(), order.getPointsToRedeem());
        }
        send(
            Topics.ORDERS.name(),
            OrderKey.of(order.getMerchantId(), order.getOrderId()),
            orderSerializer.serialize(Topics.ORDERS.name(), order),
            () -> ordersAcked.add(order.getOrderId()));
        ordersSent.incrementAndGet();
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }

  /**
   * Sends refund requests serialized beforehand ({@link #serialized}), so that nothing is counted
   * as requested that could not be sent.
   */
  private void requestRefunds(List<SerializedRefund> requests) {
    String topic = Topics.REFUND_REQUESTS.name();
    for (SerializedRefund refund : requests) {
      RefundRequested request = refund.request();
      refundRequests.merge(request.getRefundId(), 1, Integer::sum);
      refundOrders.put(request.getRefundId(), request.getOrderId());
      refundRequestedAt.putIfAbsent(request.getRefundId(), System.nanoTime());
      send(
          topic,
          OrderKey.of(request.getMerchantId(), request.getOrderId()),
          refund.value(),
          () -> {});
    }
  }

  /**
   * The refund requests' values, in order. Serializing may need the schema registry, which chaos
   * takes away: it throws then, before anything is counted, and the payment is read again.
   */
  private List<SerializedRefund> serialized(List<RefundRequested> requests) {
    String topic = Topics.REFUND_REQUESTS.name();
    return requests.stream()
        .map(request -> new SerializedRefund(request, refundSerializer.serialize(topic, request)))
        .toList();
  }

  /** A refund request and its value as sent (the same request may be sent twice on purpose). */
  private record SerializedRefund(RefundRequested request, byte[] value) {}

  /** Sends the reviewer's decision on an order just seen held. */
  private void review(PaymentProcessed held) {
    ReviewDecided decision = orders.decisionFor(held);
    String topic = Topics.REVIEW_DECISIONS.name();
    // Serialized before it is counted: should the registry be away, the hold is read again.
    byte[] value = decisionSerializer.serialize(topic, decision);
    decisions.put(held.getOrderId(), decision.getDecision());
    send(topic, OrderKey.of(held.getMerchantId(), held.getOrderId()), value, () -> {});
  }

  private void send(String topic, String key, byte[] value, Runnable onAck) {
    sendsInFlight.incrementAndGet();
    producer.send(
        new ProducerRecord<>(topic, key, value),
        (metadata, exception) -> {
          if (exception == null) {
            onAck.run();
            sendsInFlight.decrementAndGet();
            return;
          }
          log.warn(
              "send of {} to {} failed, sending it again: {}", key, topic, exception.toString());
          resends.incrementAndGet();
          // Not from the producer's I/O thread: send() may block there.
          Thread resend =
              new Thread(
                  () -> {
                    send(topic, key, value, onAck);
                    sendsInFlight.decrementAndGet();
                  },
                  "chaos-resend");
          resend.setDaemon(true);
          resend.start();
        });
  }

  private void watchAnswers() {
    while (running.get()) {
      try {
        Set<TopicPartition> unread = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> record : watcher.poll(Duration.ofMillis(200))) {
          TopicPartition partition = new TopicPartition(record.topic(), record.partition());
          if (unread.contains(partition)) {
            continue;
          }
          try {
            onAnswer(record);
          } catch (RuntimeException e) {
            // The schema registry may be away: read this record again on a later poll.
            log.warn("answer watcher, reading {} again: {}", partition, e.toString());
            watcher.seek(partition, record.offset());
            unread.add(partition);
          }
        }
        if (!unread.isEmpty()) {
          LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
      } catch (org.apache.kafka.common.errors.WakeupException e) {
        // close() asked us to stop.
      } catch (RuntimeException e) {
        if (running.get()) {
          log.warn("answer watcher: {}", e.toString());
        }
      }
    }
    watcher.close(Duration.ofSeconds(5));
  }

  private void onAnswer(ConsumerRecord<byte[], byte[]> record) {
    String topic = record.topic();
    if (topic.equals(Topics.PAYMENTS.name())) {
      onPayment(paymentDeserializer.deserialize(topic, record.value()));
    } else if (topic.equals(Topics.REFUNDS.name())) {
      onRefund(refundDeserializer.deserialize(topic, record.value()));
    } else {
      onBalance(balanceDeserializer.deserialize(topic, record.value()));
    }
  }

  private void onPayment(PaymentProcessed payment) {
    String orderId = payment.getOrderId();
    if (!orderId.startsWith(prefix)) {
      return;
    }
    long now = System.nanoTime();
    // A hold answers the order too: the payment-processor did its part, a person decides the rest.
    paidAt.putIfAbsent(orderId, now);
    if (payment.getStatus() == PaymentStatus.HELD_FOR_REVIEW) {
      if (!holds.containsKey(orderId)) {
        // Before it is counted: should the registry be away, the record is read again.
        review(payment);
      }
      holds.merge(orderId, 1, Integer::sum);
      return;
    }
    // Everything that may throw (serializing needs the registry) comes before anything is counted:
    // a payment read again after a failure must not count twice, nor its refunds be half-sent.
    List<SerializedRefund> refunds =
        payment.getStatus() == PaymentStatus.CAPTURED && !paymentEvents.containsKey(orderId)
            ? serialized(orders.refundsFor(payment))
            : List.of();
    int seen = paymentEvents.merge(orderId, 1, Integer::sum);
    if (seen == 1) {
      onPoints(payment);
    }
    if (seen == 1 && holds.containsKey(orderId)) {
      heldOutcomes.put(
          orderId,
          payment.getStatus()
              + (payment.getDeclineCode() == null ? "" : "/" + payment.getDeclineCode()));
    }
    if (seen == 1 && payment.getStatus() == PaymentStatus.CAPTURED) {
      capturedAt.putIfAbsent(payment.getOrderId(), now);
      requestRefunds(refunds);
    }
  }

  /** Notes a final payment's points: what a redeeming order became, and any mismatch. */
  private void onPoints(PaymentProcessed payment) {
    String orderId = payment.getOrderId();
    long asked = pointsAsked.getOrDefault(orderId, 0L);
    if (payment.getPointsRedeemed() != asked) {
      pointsMismatches.put(orderId, asked + " -> " + payment.getPointsRedeemed());
    }
    if (asked > 0) {
      pointsOutcomes.put(
          orderId, new PointsTally.Outcome(payment.getStatus(), payment.getDeclineCode(), asked));
    }
  }

  private void onRefund(RefundProcessed refund) {
    if (refund.getOrderId().startsWith(prefix)) {
      refundAnsweredAt.putIfAbsent(refund.getRefundId(), System.nanoTime());
      refundAnswers.merge(refund.getRefundId(), 1, Integer::sum);
    }
  }

  private void onBalance(LoyaltyBalance balance) {
    if (balance.getLastChange().getSource() == LoyaltySource.PAYMENT
        && balance.getLastChange().getOrderId().startsWith(prefix)) {
      creditedAt.putIfAbsent(balance.getLastChange().getOrderId(), System.nanoTime());
    }
  }

  private static String sample(List<String> ids) {
    return ids.stream().sorted().limit(5).toList() + (ids.size() > 5 ? " ..." : "");
  }
}
