package io.payrail.loyalty.streams;

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
 * Owns the {@link KafkaStreams} instance: starts it with the application context (after the web
 * server, so that forwarded queries find it), closes it cleanly on shutdown, leaving the group so
 * its partitions move at once, and publishes its client metrics.
 */
public final class LoyaltyStreamsRunner implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(LoyaltyStreamsRunner.class);

  private final KafkaStreams streams;
  private final Topology topology;
  private final Duration closeTimeout;
  private final KafkaStreamsMetrics streamsMetrics;
  private boolean running;

  public LoyaltyStreamsRunner(
      Topology topology, Properties config, MeterRegistry registry, Duration closeTimeout) {
    this.topology = topology;
    this.closeTimeout = closeTimeout;
    this.streams = new KafkaStreams(topology, config);
    // Poison pills never get here (they are dead letters inside the topology). What does is a bug
    // or a broker problem: a new thread resumes from the last committed transaction.
    streams.setUncaughtExceptionHandler(
        exception -> {
          log.error("Loyalty stream thread failed; replacing it", exception);
          return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    this.streamsMetrics = new KafkaStreamsMetrics(streams);
    streamsMetrics.bindTo(registry);
  }

  @Override
  public synchronized void start() {
    streams.start();
    running = true;
    log.info("Loyalty streams started: {}", topology.describe());
  }

  @Override
  public synchronized void stop() {
    if (running) {
      streams.close(new KafkaStreams.CloseOptions().timeout(closeTimeout).leaveGroup(true));
      streamsMetrics.close();
      running = false;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return running;
  }

  /** The streams client, for interactive queries. */
  public KafkaStreams streams() {
    return streams;
  }
}
