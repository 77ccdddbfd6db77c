package io.payrail.ingest.status;

import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the view with the application and stops it, leaving the group at once so that the other
 * instances take over its partitions without waiting for a session timeout.
 */
final class StatusViewStreams implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(StatusViewStreams.class);

  private final KafkaStreams streams;
  private final Duration closeTimeout;
  private volatile boolean running;

  StatusViewStreams(KafkaStreams streams, Duration closeTimeout) {
    this.streams = streams;
    this.closeTimeout = closeTimeout;
  }

  @Override
  public void start() {
    streams.setUncaughtExceptionHandler(
        exception -> {
          log.error("Status view stream thread failed; replacing it", exception);
          return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    streams.start();
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    streams.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(closeTimeout));
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Stopped after the web server (which stops at a higher phase) has drained its requests. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 1;
  }
}
