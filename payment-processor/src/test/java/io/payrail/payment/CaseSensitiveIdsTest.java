package io.payrail.payment;

import static io.payrail.payment.support.Assessments.MERCHANT;
import static io.payrail.payment.support.Assessments.approved;
import static io.payrail.payment.support.Assessments.newOrderId;
import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.events.PaymentProcessed;
import io.payrail.events.PaymentStatus;
import io.payrail.payment.ledger.PaymentIds;
import io.payrail.payment.support.PaymentIntegrationTest;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/**
 * Ids are exact: the facade, Kafka keys and stores treat "order-a" and "ORDER-A" as two orders, and
 * so must the ledger and the acquirer.
 */
class CaseSensitiveIdsTest extends PaymentIntegrationTest {

  @Test
  void ordersWhoseIdsDifferOnlyInCaseAreBothPaidAndLaterOrdersStillPaid() {
    String lower = newOrderId("case").toLowerCase(Locale.ROOT);
    String upper = lower.toUpperCase(Locale.ROOT);
    String later = newOrderId("after-case");

    RecordMetadata first = send(approved(lower, "tok_visa"));
    RecordMetadata second = send(approved(upper, "tok_visa"));
    RecordMetadata third = send(approved(later, "tok_visa"));
    awaitConsumed(first, second, third);

    for (String orderId : List.of(lower, upper, later)) {
      assertThat(payments(orderId)).as("payments rows of " + orderId).isOne();
      assertThat(charges(orderId)).as("acquirer charges of " + orderId).isOne();
      assertThat(paymentRow(orderId))
          .containsEntry("payment_id", PaymentIds.paymentId(MERCHANT, orderId));
      List<PaymentProcessed> events = committedPayments(List.of(orderId));
      assertThat(events).as("events of " + orderId).hasSize(1);
      assertThat(events.get(0).getStatus()).isEqualTo(PaymentStatus.CAPTURED);
    }
    assertThat(paymentRow(lower).get("gateway_reference"))
        .isNotEqualTo(paymentRow(upper).get("gateway_reference"));
  }
}
