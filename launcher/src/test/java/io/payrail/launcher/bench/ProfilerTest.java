package io.payrail.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfilerTest {

  private static volatile long sink;

  @Test
  void samplesKeepStacksDeeperThanJfrsDefaultOf64Frames(@TempDir Path dir) throws Exception {
    Profiler profiler = Profiler.in(dir);
    profiler.start("deep", Map.of("self", ProcessHandle.current().pid()));
    Thread deep = new Thread(() -> descend(150, Instant.now().plus(Duration.ofSeconds(2))));
    deep.start();
    deep.join();
    profiler.stop("deep", null, null);

    long deepSamples = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(dir.resolve("deep-self.jfr"))) {
      if (event.getEventType().getName().equals("jdk.ExecutionSample")
          && event.getThread("sampledThread").getJavaThreadId() == deep.getId()
          && event.getStackTrace().getFrames().size() > 150
          && !event.getStackTrace().isTruncated()) {
        deepSamples++;
      }
    }
    assertThat(deepSamples).isPositive();
  }

  /** Busy at the bottom of {@code depth} frames until {@code until}. */
  private static void descend(int depth, Instant until) {
    if (depth > 0) {
      descend(depth - 1, until);
      return;
    }
    while (Instant.now().isBefore(until)) {
      sink += System.nanoTime() % 7;
    }
  }

  @Test
  void theJitShareIsTheCompilerThreadsPartOfAllThreadCpu() {
    double share =
        Profiler.jitShare(
            Map.of(
                "C2 CompilerThread0", 0.30,
                "C1 CompilerThread0", 0.10,
                "payment-processor-0-C", 0.50,
                "kafka-producer-network-thread | payments", 0.10));

    assertThat(share).isCloseTo(0.40, within(1e-9));
  }

  @Test
  void aThreadMerelyNamedLikeACompilerIsNotOne() {
    assertThat(Profiler.jitShare(Map.of("my C2 CompilerThread0 pool", 0.5, "main", 0.5))).isZero();
  }

  @Test
  void noThreadLoadMeansNoShare() {
    assertThat(Profiler.jitShare(Map.of())).isZero();
  }
}
