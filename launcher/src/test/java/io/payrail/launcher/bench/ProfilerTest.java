package io.payrail.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfilerTest {

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
