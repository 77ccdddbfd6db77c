package io.payrail.streams.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

  private final RetryBackoff backoff =
      new RetryBackoff(Duration.ofMillis(500), Duration.ofSeconds(3));

  @Test
  void failuresInARowWaitLongerUpToTheMax() {
    RetryBackoff.Waits waits = backoff.waits();
    long now = 0;
    assertThat(waits.next(now)).isEqualTo(Duration.ofMillis(500));
    assertThat(waits.next(now += Duration.ofSeconds(1).toNanos())).isEqualTo(Duration.ofSeconds(1));
    assertThat(waits.next(now += Duration.ofSeconds(2).toNanos())).isEqualTo(Duration.ofSeconds(2));
    assertThat(waits.next(now += Duration.ofSeconds(3).toNanos())).isEqualTo(Duration.ofSeconds(3));
    assertThat(waits.next(now + Duration.ofSeconds(4).toNanos())).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void aQuietSpellStartsOver() {
    RetryBackoff.Waits waits = backoff.waits();
    waits.next(0);
    waits.next(Duration.ofSeconds(1).toNanos());

    assertThat(waits.next(Duration.ofSeconds(8).toNanos())).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void aMaxBelowTheInitialWaitIsRefused() {
    assertThatThrownBy(() -> new RetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
