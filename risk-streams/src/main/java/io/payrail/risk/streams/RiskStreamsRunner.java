package io.payrail.risk.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Owns the {@link KafkaStreams} instance: starts it with the application context, closes it cleanly
 * on shutdown and publishes its client metrics.
 */
public final class RiskStreamsRunner implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(RiskStreamsRunner.class);

  private final Topology topology;
  private final Properties config;
  private final MeterRegistry registry;
  private final Duration closeTimeout;
  private KafkaStreams streams;
  private KafkaStreamsMetrics streamsMetrics;

  public RiskStreamsRunner(
      Topology topology, Properties config, MeterRegistry registry, Duration closeTimeout) {
    this.topology = topology;
    this.config = config;
    this.registry = registry;
    this.closeTimeout = closeTimeout;
  }

  @Override
  public synchronized void start() {
    streams = new KafkaStreams(topology, config);
    // Poison pills never get here (they are dead letters inside the topology). What does is a bug
    // or a broker problem: a new thread resumes from the last committed transaction.
    streams.setUncaughtExceptionHandler(
        exception -> {
          log.error("Risk stream thread failed; replacing it", exception);
          return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    streamsMetrics = new KafkaStreamsMetrics(streams);
    streamsMetrics.bindTo(registry);
    streams.start();
    log.info("Risk streams started: {}", topology.describe());
  }

  @Override
  public synchronized void stop() {
    if (streams != null) {
      streams.close(closeTimeout);
      streamsMetrics.close();
      streams = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return streams != null;
  }

  /** The running instance's state, for health checks; NOT_RUNNING before start. */
  public synchronized KafkaStreams.State state() {
    return streams == null ? KafkaStreams.State.NOT_RUNNING : streams.state();
  }
}
