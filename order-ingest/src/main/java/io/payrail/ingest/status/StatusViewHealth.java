package io.payrail.ingest.status;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Part of readiness: an instance answers GETs only while its share of the view is RUNNING. */
final class StatusViewHealth implements HealthIndicator {

  private final KafkaStreams streams;

  StatusViewHealth(KafkaStreams streams) {
    this.streams = streams;
  }

  @Override
  public Health health() {
    KafkaStreams.State state = streams.state();
    Health.Builder health =
        state == KafkaStreams.State.RUNNING ? Health.up() : Health.outOfService();
    return health.withDetail("state", state.name()).build();
  }
}
