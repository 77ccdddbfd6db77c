package io.payrail.loyalty.streams;

import io.payrail.streams.lifecycle.RetryBackoff;
import io.payrail.streams.lifecycle.StreamsLifecycle;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The settings of loyalty-streams that have units, bound from {@code payrail.loyalty.streams.*};
 * the plain Kafka Streams ones (application id, state directory, threads, standbys, replication,
 * application.server) are Spring Boot's {@code spring.kafka.streams.*}. Defaults and environment
 * variables are in application.yml.
 *
 * @param commitInterval how often a transaction commits: about one interval of latency per
 *     exactly-once hop, two hops here (see application.yml for the choice)
 * @param sessionTimeout how long the group waits for a crashed instance before moving its
 *     partitions
 * @param closeTimeout how long a clean shutdown may take
 * @param registryBackoff how long a stream thread that met an away schema registry waits before its
 *     replacement reads again
 */
@ConfigurationProperties("payrail.loyalty.streams")
public record LoyaltyStreamsProperties(
    Duration commitInterval,
    Duration sessionTimeout,
    Duration closeTimeout,
    RetryBackoff registryBackoff) {

  /** Kafka Streams configuration from these settings; exactly-once always. */
  public Map<String, Object> streamsSettings() {
    return StreamsLifecycle.exactlyOnce(commitInterval, sessionTimeout);
  }
}
