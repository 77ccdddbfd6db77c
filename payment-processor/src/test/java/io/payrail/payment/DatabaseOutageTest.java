package io.payrail.payment;

import static io.payrail.payment.support.Assessments.approved;
import static io.payrail.payment.support.Assessments.newOrderId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.payrail.events.PaymentProcessed;
import io.payrail.payment.support.PaymentIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The database goes away for seconds mid-stream; every order is processed once it is back. */
class DatabaseOutageTest extends PaymentIntegrationTest {

  private static final int ORDERS_PER_PHASE = 10;
  private static final Duration OUTAGE = Duration.ofSeconds(4);

  @AfterEach
  void restoreDatabase() {
    databaseProxy().restore();
  }

  @Test
  void ordersArrivingWhileTheDatabaseIsGoneAreAllProcessedOnceItReturns() {
    List<String> before = sendOrders("before-outage");
    List<RecordMetadata> sentBefore = lastSent;
    awaitConsumed(sentBefore.toArray(RecordMetadata[]::new));

    databaseProxy().cut();
    int refusedAtCut = databaseProxy().refusedConnections();
    List<String> during = sendOrders("during-outage");
    List<RecordMetadata> sentDuring = lastSent;
    // Stay down for several seconds, and long enough that the processor has tried and failed.
    await()
        .pollDelay(OUTAGE)
        .atMost(OUTAGE.multipliedBy(3))
        .until(() -> databaseProxy().refusedConnections() > refusedAtCut);
    assertThat(committedPayments(during)).as("nothing commits without the ledger").isEmpty();
    databaseProxy().restore();

    awaitConsumed(sentDuring.toArray(RecordMetadata[]::new));
    List<String> all = new ArrayList<>(before);
    all.addAll(during);
    Map<String, Long> eventsPerOrder =
        committedPayments(all).stream()
            .collect(Collectors.groupingBy(PaymentProcessed::getOrderId, Collectors.counting()));
    assertThat(eventsPerOrder)
        .containsOnlyKeys(all)
        .allSatisfy((orderId, events) -> assertThat(events).isOne());
    assertThat(all)
        .allSatisfy(
            orderId -> {
              assertThat(payments(orderId)).isOne();
              assertThat(charges(orderId)).isOne();
            });
  }

  private List<RecordMetadata> lastSent;

  private List<String> sendOrders(String label) {
    List<String> orderIds = new ArrayList<>();
    lastSent = new ArrayList<>();
    for (int i = 0; i < ORDERS_PER_PHASE; i++) {
      String orderId = newOrderId(label);
      orderIds.add(orderId);
      lastSent.add(send(approved(orderId, "tok_visa")));
    }
    return orderIds.stream().map(Function.identity()).toList();
  }
}
