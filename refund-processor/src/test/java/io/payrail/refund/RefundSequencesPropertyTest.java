package io.payrail.refund;

import io.payrail.events.RefundRequested;
import io.payrail.refund.support.ModelCheck;
import io.payrail.refund.support.RandomRequests;
import io.payrail.refund.support.RefundIntegrationTest;
import io.payrail.refund.support.RefundModel.Answer;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * Property: whatever the sequence of requests, refunded never exceeds captured and every answer is
 * the model's. A seeded {@link java.util.Random} per repetition (the seed is in every failure
 * message) rather than jqwik, whose properties do not run inside a Spring test context.
 */
class RefundSequencesPropertyTest extends RefundIntegrationTest {

  private static final long BASE_SEED = 0x5EED_0006L;
  private static final int ORDERS = 3;
  private static final int REQUESTS = 15;

  @RepeatedTest(20)
  void randomRequestSequencesNeverRefundMoreThanCapturedAndMatchTheModel(RepetitionInfo info) {
    long seed = BASE_SEED + info.getCurrentRepetition();
    RandomRequests random = new RandomRequests(seed);
    List<String> orderIds =
        IntStream.range(0, ORDERS).mapToObj(i -> newOrderId("prop" + i)).toList();
    Map<String, Long> captured = random.payments(orderIds);
    captured.forEach((orderId, amount) -> seedPayment(orderId, amount, "CAPTURED"));
    List<RefundRequested> requests = random.requests(orderIds, MERCHANT, CURRENCY, REQUESTS);

    requests.forEach(RefundIntegrationTest::send);

    Map<String, List<Answer>> expected = ModelCheck.expected(orderIds, captured, requests);
    ModelCheck.assertMatches(
        "seed " + seed, expected, captured, awaitRefunds(orderIds, requests.size()));
  }
}
