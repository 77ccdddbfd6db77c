package io.payrail.ingest.customer;

import io.payrail.ingest.status.EndOffsets;
import io.payrail.ingest.status.StatusViewProperties;
import io.payrail.routing.KeyRouter;
import io.payrail.routing.LocalStoreReader;
import io.payrail.routing.ProcessedOffsets;
import io.payrail.schemas.serde.TopicSerdes;
import io.payrail.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * The members view's queries, on the status view's Kafka Streams application (its topology is added
 * by {@link CustomerTopology#profiles}); it shares that application's timeouts.
 */
@Configuration(proxyBeanMethods = false)
class CustomerViewConfiguration {

  @Bean
  CustomerView customerView(
      StreamsBuilderFactoryBean streams,
      HostInfo self,
      ProcessedOffsets progress,
      Admin admin,
      TopicSerdes serdes,
      StatusViewProperties properties) {
    return new CustomerView(
        new KeyRouter<>(
            streams::getKafkaStreams,
            CustomerTopology.PROFILE_STORE,
            Topics.CUSTOMERS.name(),
            new StringSerializer(),
            self),
        new LocalStoreReader<>(streams::getKafkaStreams, CustomerTopology.PROFILE_STORE, progress),
        streams::getKafkaStreams,
        serdes.valueSerde(Topics.LOYALTY_BALANCES).deserializer(),
        new EndOffsets(admin),
        properties.readYourWritesWait(),
        properties.forwardTimeout());
  }
}
