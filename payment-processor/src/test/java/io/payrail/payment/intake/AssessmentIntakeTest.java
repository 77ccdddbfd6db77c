package io.payrail.payment.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.events.RiskAssessed;
import io.payrail.payment.support.Assessments;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.topics.Topics;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The payment step takes only assessments that meet the contract's rules. */
class AssessmentIntakeTest {

  private final AssessmentIntake intake = new AssessmentIntake();

  private Intake sort(Consumer<RiskAssessed> change) {
    RiskAssessed value = Assessments.approved("o-1", "tok_visa");
    change.accept(value);
    return intake.sort(
        List.of(
            new ConsumerRecord<>(
                Topics.ORDER_RISK.name(), 0, 7L, Assessments.encodedKey("o-1"), value)));
  }

  @Test
  void aValidAssessmentIsAccepted() {
    assertThat(sort(value -> {}).accepted())
        .singleElement()
        .satisfies(
            assessment ->
                assertThat(assessment.key()).isEqualTo(new OrderKey(Assessments.MERCHANT, "o-1")));
  }

  @Test
  void anAssessmentNotKeyedByItsMerchantAndOrderIsRejected() {
    for (String key : List.of("o-1", OrderKey.of("merchant-2", "o-1"), "merchant-1/o-2")) {
      RiskAssessed value = Assessments.approved("o-1", "tok_visa");
      Intake sorted =
          intake.sort(List.of(new ConsumerRecord<>(Topics.ORDER_RISK.name(), 0, 7L, key, value)));

      assertThat(sorted.accepted()).as(key).isEmpty();
      assertThat(sorted.rejected().get(0).reason().getMessage())
          .as(key)
          .isEqualTo("the record key is not the order's merchantId/orderId");
    }
  }

  @Test
  void aRecordHoldingACardNumberIsRejectedWithoutItsValue() {
    RiskAssessed value = Assessments.approved("4111111111111111", "tok_visa");
    Intake sorted =
        intake.sort(
            List.of(
                new ConsumerRecord<>(Topics.ORDER_RISK.name(), 0, 7L, "4111111111111111", value)));

    assertThat(sorted.rejected()).hasSize(1);
    ConsumerRecord<?, ?> letter = sorted.rejected().get(0).record();
    assertThat(letter.value()).isNull();
    assertThat(letter.key()).isNull();
    assertThat(letter.offset()).isEqualTo(7L);
  }

  @Test
  void assessmentsTheFacadeWouldRefuseAreRejected() {
    List<Consumer<RiskAssessed>> broken =
        List.of(
            value -> value.getOrder().setCurrency("XAU"),
            value -> value.getOrder().setCurrency("HRK"),
            value -> value.getOrder().getPaymentMethod().setToken("4111.1111.1111.1111"),
            value -> value.getOrder().setCustomerId("c 4111 1111 1111 1111"),
            value -> value.getOrder().setShippingCountry("XX"),
            value -> {
              value.getOrder().setAmountMinor(Long.MAX_VALUE);
              value.getOrder().getItems().get(0).setUnitAmountMinor(Long.MAX_VALUE);
            },
            value -> value.setScore(101));
    for (Consumer<RiskAssessed> change : broken) {
      Intake sorted = sort(change);
      assertThat(sorted.accepted()).isEmpty();
      assertThat(sorted.rejected()).hasSize(1);
      assertThat(sorted.rejected().get(0).reason().getMessage()).doesNotContain("4111");
    }
  }
}
