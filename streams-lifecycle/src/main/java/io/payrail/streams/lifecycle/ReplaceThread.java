package io.payrail.streams.lifecycle;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.payrail.schemas.serde.SchemaRegistryUnavailableException;
import java.time.Duration;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a Streams service does when a stream thread dies: replace it, so that the new thread resumes
 * from the last commit. Poison pills never get here (they are dead letters inside the topology or
 * skipped by the deserialization handler); what does is the schema registry being away, a bug, or a
 * broker problem.
 *
 * <p>When the registry was away, the thread waits out a {@link RetryBackoff} first: the new thread
 * would read the same record at once and fail again, a hot loop of rebalances for as long as the
 * outage lasts. Under exactly-once the dying thread's transaction is aborted when it closes, so
 * what it had processed since the last commit is processed again by its replacement: nothing lost,
 * nothing twice.
 */
public final class ReplaceThread implements StreamsUncaughtExceptionHandler {

  /** Stream threads replaced, tagged by application and by cause. */
  public static final String REPLACED = "payrail.streams.threads.replaced";

  private static final Logger log = LoggerFactory.getLogger(ReplaceThread.class);

  private final String application;
  private final RetryBackoff.Waits waits;
  private final Counter registryAway;
  private final Counter failed;

  public ReplaceThread(String application, RetryBackoff backoff, MeterRegistry meters) {
    this.application = application;
    this.waits = backoff.waits();
    this.registryAway = counter(meters, application, "registry-away");
    this.failed = counter(meters, application, "failure");
  }

  @Override
  public StreamThreadExceptionResponse handle(Throwable exception) {
    if (!SchemaRegistryUnavailableException.isCause(exception)) {
      failed.increment();
      log.error("{}: stream thread failed; replacing it", application, exception);
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
    registryAway.increment();
    Duration wait = nextWait();
    log.warn(
        "{}: the schema registry is away ({}); replacing the stream thread in {} to read again"
            + " from the last commit",
        application,
        exception.getMessage(),
        wait);
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      // Shutting down: replace at once, the client's close stops the new thread anyway.
      Thread.currentThread().interrupt();
    }
    return StreamThreadExceptionResponse.REPLACE_THREAD;
  }

  private synchronized Duration nextWait() {
    return waits.next(System.nanoTime());
  }

  private static Counter counter(MeterRegistry meters, String application, String cause) {
    return Counter.builder(REPLACED)
        .description("Stream threads that died and were replaced")
        .tag("application", application)
        .tag("cause", cause)
        .register(meters);
  }
}
