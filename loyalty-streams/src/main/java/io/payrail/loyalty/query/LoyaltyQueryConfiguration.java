package io.payrail.loyalty.query;

import io.payrail.loyalty.rules.CustomerLoyalty;
import io.payrail.loyalty.topology.LoyaltyTopology;
import io.payrail.routing.KeyRouter;
import io.payrail.routing.LocalStoreReader;
import io.payrail.routing.RequestForwarder;
import io.payrail.streams.lifecycle.StreamsLifecycle;
import java.net.http.HttpClient;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * The balance query on the shared interactive-query routing ({@code streams-routing}, the same the
 * order status view uses): which instance owns a customer, a local store read, one forward.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LoyaltyQueryProperties.class)
class LoyaltyQueryConfiguration {

  /** This instance as the others reach it: its Kafka Streams {@code application.server}. */
  @Bean
  HostInfo loyaltyQuerySelf(KafkaProperties kafka) {
    return StreamsLifecycle.applicationServer(
        kafka.getStreams().getProperties(), "PAYRAIL_LOYALTY_APPLICATION_SERVER");
  }

  @Bean
  KeyRouter<String> balanceRouter(StreamsBuilderFactoryBean streams, HostInfo self) {
    return new KeyRouter<>(
        streams::getKafkaStreams,
        LoyaltyTopology.BALANCE_STORE,
        Serdes.String().serializer(),
        self);
  }

  @Bean
  LocalStoreReader<String, CustomerLoyalty> localBalances(StreamsBuilderFactoryBean streams) {
    return new LocalStoreReader<>(streams::getKafkaStreams, LoyaltyTopology.BALANCE_STORE);
  }

  @Bean
  RequestForwarder balanceForwarder(HostInfo self, LoyaltyQueryProperties query) {
    return new RequestForwarder(
        HttpClient.newBuilder()
            .connectTimeout(query.connectTimeout())
            .version(HttpClient.Version.HTTP_1_1)
            .build(),
        self,
        Set.of("content-type", "retry-after"));
  }
}
