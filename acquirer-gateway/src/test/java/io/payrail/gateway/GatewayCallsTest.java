package io.payrail.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GatewayCallsTest {

  private final GatewayCalls calls = new GatewayCalls("test-gateway", 10);

  @AfterEach
  void close() {
    calls.close();
  }

  @Test
  void everyRequestOfAChunkIsInFlightAtOnceSoTheChunkTakesOneAnswerNotOnePerRequest() {
    // Each call answers only once all ten are in flight: one at a time, none would ever answer.
    CountDownLatch allInFlight = new CountDownLatch(10);
    Map<String, Integer> requests = requests(10);

    Map<String, Boolean> answers =
        calls.callAll(
            requests,
            request -> {
              allInFlight.countDown();
              return awaitQuietly(allInFlight);
            });

    assertThat(answers).hasSize(10).doesNotContainValue(false);
  }

  @Test
  void answersComeBackByKeyInTheOrderOfTheRequests() {
    Map<String, Integer> requests = requests(25);

    Map<String, Integer> answers = calls.callAll(requests, request -> request * 2);

    assertThat(answers.keySet()).containsExactlyElementsOf(requests.keySet());
    assertThat(answers).containsEntry("r-0", 0).containsEntry("r-24", 48);
  }

  @Test
  void aCallThatCouldNotBeMadeFailsTheWholeChunkWithItsOwnException() {
    IllegalStateException unreachable = new IllegalStateException("acquirer unreachable");

    assertThatThrownBy(
            () ->
                calls.callAll(
                    requests(5),
                    request -> {
                      if (request == 3) {
                        throw unreachable;
                      }
                      return request;
                    }))
        .isSameAs(unreachable);
  }

  private static Map<String, Integer> requests(int count) {
    Map<String, Integer> requests = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      requests.put("r-" + i, i);
    }
    return requests;
  }

  private static boolean awaitQuietly(CountDownLatch latch) {
    try {
      return latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
