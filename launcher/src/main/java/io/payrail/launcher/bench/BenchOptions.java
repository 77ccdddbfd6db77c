package io.payrail.launcher.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What {@code ./payrail bench} measures and how.
 *
 * @param layout how the pipeline runs: one JVM, or one per service
 * @param instances instances of each processor (per-service layout)
 * @param steadyState when a phase counts as steady and how long it is then measured
 * @param pipelineMaxWarmup the warm-up cap of (b), which starts every service's JIT from cold
 * @param warmupOrders orders through the pipeline before its windows may count as steady
 * @param inFlight orders between the load generator and the last committed balance at most
 * @param rate orders per second offered during the latency run
 * @param latencyDuration how long the latency run offers orders at that rate
 * @param httpWarmupRequests POSTs before the facade's windows may count as steady
 * @param httpClients concurrent keep-alive HTTP clients
 * @param stages the ladder's stages to run (empty: no ladder)
 * @param ladderBacklog orders' worth of input each ladder stage finds waiting
 * @param profile record JFR in every JVM during each measurement
 * @param jvmOptions options of the JVMs the bench starts
 * @param resultsDir where the reports are written
 */
public record BenchOptions(
    Layout layout,
    int instances,
    SteadyState steadyState,
    Duration pipelineMaxWarmup,
    int warmupOrders,
    int inFlight,
    int rate,
    Duration latencyDuration,
    int httpWarmupRequests,
    int httpClients,
    Set<String> stages,
    int ladderBacklog,
    boolean profile,
    List<String> jvmOptions,
    Path resultsDir) {

  /** How the pipeline runs during the bench. */
  public enum Layout {
    /** Broker, registry and five services in one JVM, as {@code ./payrail run}. */
    SINGLE_JVM("single-jvm"),
    /** Broker with registry in one JVM, each service instance in its own, as deployed. */
    PER_SERVICE("per-service");

    private final String label;

    Layout(String label) {
      this.label = label;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  public BenchOptions {
    stages = Set.copyOf(stages);
    jvmOptions = List.copyOf(jvmOptions);
  }
}
