package io.payrail.refund;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.events.RefundProcessed;
import io.payrail.events.RefundStatus;
import io.payrail.refund.support.RefundIntegrationTest;
import io.payrail.refund.support.RefundModel.Answer;
import io.payrail.schemas.keys.OrderKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class RefundOutcomesTest extends RefundIntegrationTest {

  @Test
  void partialRefundsUpToTheCapturedAmountSucceedAndTheNextIsRejected() {
    String orderId = newOrderId("partial");
    seedPayment(orderId, 1_000, "CAPTURED");

    send(request(orderId + "-r1", orderId, 300L));
    send(request(orderId + "-r2", orderId, 500L));
    send(request(orderId + "-r3", orderId, null));
    send(request(orderId + "-r4", orderId, 1L));

    List<RefundProcessed> events = awaitRefunds(List.of(orderId), 4).get(orderId);
    assertThat(events)
        .map(Answer::of)
        .containsExactly(
            new Answer(orderId + "-r1", RefundStatus.COMPLETED, null, 300, 300),
            new Answer(orderId + "-r2", RefundStatus.COMPLETED, null, 500, 800),
            new Answer(orderId + "-r3", RefundStatus.COMPLETED, null, 200, 1_000),
            new Answer(orderId + "-r4", RefundStatus.REJECTED, "exceeds_remaining", 1, 1_000));
    assertThat(events)
        .allSatisfy(event -> assertThat(event.getCapturedAmountMinor()).isEqualTo(1_000));
    assertThat(events.get(0).getCustomerId()).isEqualTo("customer-" + orderId);
    assertThat(events.get(0).getCurrency()).isEqualTo(CURRENCY);
    assertThat(refundedInLedger(orderId)).isEqualTo(1_000);
    assertThat(refundedAtAcquirer(orderId)).isEqualTo(1_000);
    assertThat(acquirerRefunds(orderId)).isEqualTo(3);
    assertThat(refundRows(orderId, "REJECTED")).isEqualTo(1);
  }

  @Test
  void refundsThatCannotBePaidAreRejectedWithTheirReason() {
    String pending = newOrderId("pending");
    seedPayment(pending, 500, "PENDING");
    String captured = newOrderId("captured");
    seedPayment(captured, 500, "CAPTURED");
    String unknown = newOrderId("unknown");

    send(request(pending + "-r1", pending, 100L));
    send(request(unknown + "-r1", unknown, 100L));
    send(request(captured + "-r1", captured, 100L, "USD", MERCHANT));
    // Another merchant asks for a refund of an orderId it has no order of (this merchant has).
    send(request(captured + "-r2", captured, 100L, null, "another-merchant"));

    OrderKey anotherMerchants = new OrderKey("another-merchant", captured);
    var events =
        awaitRefundsOf(
            List.of(
                new OrderKey(MERCHANT, pending),
                new OrderKey(MERCHANT, unknown),
                new OrderKey(MERCHANT, captured),
                anotherMerchants),
            4);
    assertThat(events.get(new OrderKey(MERCHANT, pending)))
        .map(RefundProcessed::getRejectionCode)
        .containsExactly("not_captured");
    assertThat(events.get(new OrderKey(MERCHANT, unknown)))
        .map(RefundProcessed::getRejectionCode)
        .containsExactly("unknown_order");
    assertThat(events.get(new OrderKey(MERCHANT, captured)))
        .map(RefundProcessed::getRejectionCode)
        .containsExactly("currency_mismatch");
    assertThat(events.get(anotherMerchants))
        .map(RefundProcessed::getRejectionCode)
        .containsExactly("unknown_order");
    // Another merchant learns nothing about the order.
    assertThat(events.get(anotherMerchants).get(0).getCustomerId()).isNull();
    assertThat(events.get(anotherMerchants).get(0).getCapturedAmountMinor()).isZero();
    assertThat(events.values().stream().flatMap(List::stream))
        .allSatisfy(event -> assertThat(event.getStatus()).isEqualTo(RefundStatus.REJECTED));
    assertThat(acquirerRefunds(pending) + acquirerRefunds(unknown) + acquirerRefunds(captured))
        .isZero();
  }

  @Test
  void refundAskedBeforeThePaymentIsCapturedSucceedsWhenAskedAgainAfterTheCapture() {
    String orderId = newOrderId("early");
    send(request(orderId + "-r1", orderId, 250L));
    assertThat(awaitRefunds(List.of(orderId), 1).get(orderId))
        .map(RefundProcessed::getRejectionCode)
        .containsExactly("unknown_order");

    seedPayment(orderId, 400, "PENDING");
    send(request(orderId + "-r1", orderId, 250L));
    assertThat(awaitRefunds(List.of(orderId), 2).get(orderId).get(1).getRejectionCode())
        .isEqualTo("not_captured");

    markCaptured(orderId);
    send(request(orderId + "-r1", orderId, 250L));
    RefundProcessed completed = awaitRefunds(List.of(orderId), 3).get(orderId).get(2);
    assertThat(Answer.of(completed))
        .isEqualTo(new Answer(orderId + "-r1", RefundStatus.COMPLETED, null, 250, 250));
    assertThat(acquirerRefunds(orderId)).isEqualTo(1);
  }

  @Test
  void aFullRefundOfADiscountedOrderPaysBackWhatWasChargedNeverTheOrdersTotal() {
    // As payment-processor writes a coupon order (V6): amount_minor is the charge, the total
    // (4_250) minus the discount (425).
    String orderId = newOrderId("coupon");
    seedPayment(orderId, 3_825, "CAPTURED");
    database()
        .update(
            "UPDATE payments SET coupon_code = 'SUMMER-10', discount_minor = 425"
                + " WHERE merchant_id = ? AND order_id = ?",
            MERCHANT,
            orderId);

    send(request(orderId + "-r1", orderId, 4_250L));
    send(request(orderId + "-r2", orderId, null));

    assertThat(awaitRefunds(List.of(orderId), 2).get(orderId))
        .map(Answer::of)
        .containsExactly(
            new Answer(orderId + "-r1", RefundStatus.REJECTED, "exceeds_remaining", 4_250, 0),
            new Answer(orderId + "-r2", RefundStatus.COMPLETED, null, 3_825, 3_825));
    assertThat(refundedAtAcquirer(orderId)).isEqualTo(3_825);
  }
}
