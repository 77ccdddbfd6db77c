package io.payrail.launcher.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final AtomicLong nanos = new AtomicLong();

  private String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static long newlines(String text) {
    return text.chars().filter(c -> c == '\n').count();
  }

  private void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  @Test
  void inALogTwoThousandUpdatesAreTenLines() {
    try (Progress progress = new Progress(out, false, nanos::get, "placed", 2_000)) {
      for (int placed = 1; placed <= 2_000; placed++) {
        advance(Duration.ofMillis(1));
        progress.update(placed);
      }
    }

    assertThat(output()).doesNotContain("\r");
    assertThat(output().lines()).hasSize(10).first().isEqualTo("  placed 200/2,000  10 %");
    assertThat(output().lines()).last().isEqualTo("  placed 2,000/2,000 100 %");
  }

  @Test
  void inALogASlowCountStillShowsEveryTenSeconds() {
    try (Progress progress = new Progress(out, false, nanos::get, "round 1, second", 0)) {
      for (int second = 1; second <= 60; second++) {
        advance(Duration.ofSeconds(1));
        progress.update(second, "orders sent " + second * 50);
      }
    }

    assertThat(output().lines())
        .containsExactly(
            "  round 1, second 10  orders sent 500",
            "  round 1, second 20  orders sent 1000",
            "  round 1, second 30  orders sent 1500",
            "  round 1, second 40  orders sent 2000",
            "  round 1, second 50  orders sent 2500",
            "  round 1, second 60  orders sent 3000");
  }

  @Test
  void onATerminalOneLineIsRedrawnInPlaceAndEndsWithTheLastCount() {
    try (Progress progress = new Progress(out, true, nanos::get, "placed", 2_000)) {
      for (int placed = 1; placed <= 2_000; placed++) {
        advance(Duration.ofMillis(1));
        progress.update(placed);
      }
    }

    String output = output();
    assertThat(newlines(output)).isEqualTo(1);
    assertThat(output)
        .contains("\r\033[K")
        .endsWith("  placed 2,000/2,000 [" + "#".repeat(24) + "] 100 %\n");
    // Redrawn every 100 ms of two seconds, not for each of the 2,000 updates.
    assertThat(output.split("\r", -1).length - 1).isBetween(15, 25);
  }

  @Test
  void onATerminalAMessageGoesAboveTheRedrawnLine() {
    try (Progress progress = new Progress(out, true, nanos::get, "placed", 10)) {
      advance(Duration.ofSeconds(1));
      progress.update(3);
      progress.message("kill -9 risk-streams");
      advance(Duration.ofSeconds(1));
      progress.update(10);
    }

    assertThat(output()).contains("\r\033[Kkill -9 risk-streams\n  placed 3/10");
    assertThat(newlines(output())).isEqualTo(2);
  }

  @Test
  void aStepWithoutUpdatesPrintsNothing() {
    new Progress(out, true, nanos::get, "settled", 10).close();
    new Progress(out, false, nanos::get, "settled", 10).close();

    assertThat(output()).isEmpty();
  }
}
