package io.payrail.streams.lifecycle;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/** The state of a service's Kafka Streams client as health. */
public final class StreamsHealth implements HealthIndicator {

  private final StreamsBuilderFactoryBean factoryBean;
  private final boolean runningOnly;

  private StreamsHealth(StreamsBuilderFactoryBean factoryBean, boolean runningOnly) {
    this.factoryBean = factoryBean;
    this.runningOnly = runningOnly;
  }

  /**
   * Up while the client is created, runs or rebalances; down once it has failed or stopped: a
   * processor whose partitions move between instances is still healthy.
   */
  public static StreamsHealth processing(StreamsBuilderFactoryBean factoryBean) {
    return new StreamsHealth(factoryBean, false);
  }

  /**
   * Up only while RUNNING, else out of service: for readiness of an instance that answers queries
   * from its share of the stores, which a rebalance or a restore makes unanswerable.
   */
  public static StreamsHealth queryable(StreamsBuilderFactoryBean factoryBean) {
    return new StreamsHealth(factoryBean, true);
  }

  @Override
  public Health health() {
    KafkaStreams streams = factoryBean.getKafkaStreams();
    KafkaStreams.State state = streams == null ? KafkaStreams.State.CREATED : streams.state();
    boolean up =
        runningOnly
            ? state == KafkaStreams.State.RUNNING
            : state.isRunningOrRebalancing() || state == KafkaStreams.State.CREATED;
    Health.Builder health = up ? Health.up() : runningOnly ? Health.outOfService() : Health.down();
    return health.withDetail("state", state.name()).build();
  }
}
