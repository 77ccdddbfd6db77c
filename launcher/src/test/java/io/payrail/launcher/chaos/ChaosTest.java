package io.payrail.launcher.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One bounded chaos round with every kind at once ({@code ./payrail chaos --together}): orders and
 * refunds stream in while each processor (in a JVM of its own) is killed with SIGKILL and
 * restarted, the broker is restarted, the database is away for a few seconds, the schema registry
 * is away while every processor restarts, the acquirer times out half its charges for a while once
 * payments flow, and a second payment-processor is killed for good; orders held for review are
 * approved or rejected as soon as they are seen held; a few orders redeem loyalty points (most are
 * refused, {@code points_unavailable}, a normal outcome). Nothing may be lost, repeated,
 * dead-lettered, left UNKNOWN or held, every held order must end as its decision calls for, every
 * payment must redeem its order's points, the failover must stay within its limit, and the audit
 * must find nothing. About four minutes, in the default build; {@code -Dpayrail.chaos.groups=chaos}
 * leaves it out while iterating on the launcher.
 *
 * <p>{@code -Dpayrail.chaos.seed=N} repeats a run's traffic and schedule; the seed is printed. The
 * processors' logs are in {@code target/chaos-test/<run>/logs}; the data (a few hundred MB) is kept
 * only when the round was not clean.
 */
@Tag("chaos")
class ChaosTest {

  @Test
  @Timeout(value = 12, unit = TimeUnit.MINUTES)
  void nothingIsLostRepeatedOrDeadLetteredWhileEverythingFailsAtOnce() {
    long seed = Long.getLong("payrail.chaos.seed", System.currentTimeMillis());
    Path runDir =
        Path.of(System.getProperty("payrail.build.directory", "target"), "chaos-test")
            .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")))
            .toAbsolutePath();
    System.out.println("chaos test: seed " + seed + ", run directory " + runDir);
    ChaosRun.Options options =
        new ChaosRun.Options(
            40,
            Duration.ofSeconds(40),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            Duration.ofSeconds(15),
            0.5,
            List.of("payment-processor"),
            Duration.ofSeconds(15),
            seed);

    RoundResult result;
    try (ChaosRun run =
        ChaosRun.start(options, runDir.resolve("data"), runDir.resolve("logs"), System.out)) {
      result = run.round(1, EnumSet.allOf(ChaosKind.class));
    }
    if (result.isClean()) {
      deleteRecursively(runDir.resolve("data"));
    }

    assertThat(result.actions())
        .as(
            "every processor killed once, the broker restarted, the database and the registry"
                + " taken away, the acquirer timing out, a second payment-processor killed")
        .hasSize(9);
    assertThat(result.progress().ordersAcked()).isPositive();
    assertThat(result.progress().ordersPaid())
        .as("every order final, a held one after its review's decision")
        .isEqualTo(result.progress().ordersAcked());
    assertThat(result.reviews())
        .as("orders held for review, each decided and ended as its decision calls for")
        .satisfies(
            reviews -> {
              assertThat(reviews.held()).isPositive();
              assertThat(reviews.approved() + reviews.rejected()).isEqualTo(reviews.held());
              assertThat(reviews.decided()).isEqualTo(reviews.held());
              assertThat(reviews.finalAs()).containsKey("REJECTED_BY_REVIEW");
            });
    assertThat(result.progress().refundRequests()).isPositive();
    assertThat(result.unknownOutcomes())
        .as("payments that went UNKNOWN in the acquirer's window, all resolved")
        .first()
        .satisfies(
            payments -> {
              assertThat(payments.wentUnknown()).isPositive();
              assertThat(payments.stillUnknown()).isZero();
            });
    assertThat(result.failovers()).hasSize(1);
    assertThat(result.problems())
        .as("losses, repeats, stalls, slow failovers (seed %d)", seed)
        .isEmpty();
    assertThat(result.audit().isClean()).as("seed %d:%n%s", seed, result.audit().render()).isTrue();
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
