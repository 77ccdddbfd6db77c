package io.payrail.refund.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.events.RefundRequested;
import io.payrail.schemas.topics.Topics;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The refund step takes only requests that meet the contract's rules. */
class RefundIntakeTest {

  private final RefundIntake intake = new RefundIntake();

  private Intake sort(Consumer<RefundRequested> change) {
    return sort("merchant-1/o-1", change);
  }

  private Intake sort(String key, Consumer<RefundRequested> change) {
    RefundRequested value =
        RefundRequested.newBuilder()
            .setRefundId("rf-1")
            .setOrderId("o-1")
            .setMerchantId("merchant-1")
            .setAmountMinor(100L)
            .setCurrency("EUR")
            .setReason("requested_by_customer")
            .setRequestedAt(Instant.parse("2026-11-30T10:00:00Z"))
            .build();
    change.accept(value);
    return intake.sort(
        List.of(new ConsumerRecord<>(Topics.REFUND_REQUESTS.name(), 0, 3L, key, value)));
  }

  @Test
  void aValidRequestIsAccepted() {
    assertThat(sort(value -> {}).accepted()).hasSize(1);
  }

  @Test
  void aRecordHoldingACardNumberIsRejectedWithoutItsValue() {
    Intake sorted = sort(value -> value.setReason("4111-1111-1111-1111"));

    assertThat(sorted.rejected()).hasSize(1);
    ConsumerRecord<?, ?> letter = sorted.rejected().get(0).record();
    assertThat(letter.value()).isNull();
    assertThat(letter.key()).isEqualTo("merchant-1/o-1");
    assertThat(letter.offset()).isEqualTo(3L);
  }

  @Test
  void aRecordNotKeyedByItsMerchantIdAndOrderIdIsRejected() {
    for (String key : List.of("o-1", "another-merchant/o-1", "merchant-1/o-2", "merchant-1/")) {
      Intake sorted = sort(key, value -> {});

      assertThat(sorted.accepted()).as(key).isEmpty();
      assertThat(sorted.rejected().get(0).reason().getMessage()).contains("merchantId/orderId");
    }
  }

  @Test
  void requestsTheFacadeWouldRefuseAreRejected() {
    List<Consumer<RefundRequested>> broken =
        List.of(
            value -> value.setCurrency("XXX"),
            value -> value.setCurrency("XAU"),
            value -> value.setReason("card 4111 1111 1111 1111"),
            value -> value.setRefundId(".."),
            value -> value.setAmountMinor(Long.MAX_VALUE),
            value -> value.setReason("\u0000"));
    for (Consumer<RefundRequested> change : broken) {
      Intake sorted = sort(change);
      assertThat(sorted.accepted()).isEmpty();
      assertThat(sorted.rejected()).hasSize(1);
      assertThat(sorted.rejected().get(0).reason().getMessage()).doesNotContain("4111");
    }
  }
}
