package io.payrail.refund.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.events.RefundProcessed;
import io.payrail.events.RefundRequested;
import io.payrail.refund.support.RefundModel.Answer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares what the processor answered with what {@link RefundModel} predicts, order by order (an
 * order's requests and answers keep their order: both topics are keyed by the order), and checks
 * the ledger and the acquirer against each other.
 */
public final class ModelCheck {

  private ModelCheck() {}

  /** The model's answers per order, for requests sent in this order. */
  public static Map<String, List<Answer>> expected(
      List<String> orderIds, Map<String, Long> captured, List<RefundRequested> requests) {
    RefundModel model = new RefundModel(RefundIntegrationTest.CURRENCY);
    captured.forEach(model::captured);
    Map<String, List<Answer>> answers = new LinkedHashMap<>();
    orderIds.forEach(orderId -> answers.put(orderId, new ArrayList<>()));
    for (RefundRequested request : requests) {
      answers.get(request.getOrderId()).add(model.apply(request));
    }
    return answers;
  }

  public static void assertMatches(
      String description,
      Map<String, List<Answer>> expected,
      Map<String, Long> captured,
      Map<String, List<RefundProcessed>> actual) {
    expected.forEach(
        (orderId, answers) -> {
          assertThat(actual.get(orderId))
              .as("%s: answers for %s", description, orderId)
              .map(Answer::of)
              .containsExactlyElementsOf(answers);
          long capturedAmount = captured.getOrDefault(orderId, 0L);
          long refunded = RefundIntegrationTest.refundedInLedger(orderId);
          assertThat(refunded)
              .as("%s: refunded <= captured on %s", description, orderId)
              .isLessThanOrEqualTo(capturedAmount);
          assertThat(RefundIntegrationTest.refundedAtAcquirer(orderId))
              .as("%s: acquirer paid back what the ledger refunded on %s", description, orderId)
              .isEqualTo(refunded);
          assertThat(RefundIntegrationTest.acquirerRefunds(orderId))
              .as("%s: one acquirer refund per completed refund on %s", description, orderId)
              .isEqualTo(RefundIntegrationTest.refundRows(orderId, "COMPLETED"));
        });
  }
}
