package io.payrail.loyalty.query;

import io.payrail.loyalty.streams.LoyaltyStreamsProperties;
import io.payrail.loyalty.streams.LoyaltyStreamsRunner;
import io.payrail.loyalty.topology.LoyaltyTopology;
import java.net.http.HttpClient;
import org.apache.kafka.common.serialization.Serdes;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The balance query: local store reads and key routing over the running streams. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LoyaltyQueryProperties.class)
class LoyaltyQueryConfiguration {

  @Bean
  KeyRouting keyRouting(
      LoyaltyStreamsRunner runner, LoyaltyStreamsProperties streams, LoyaltyQueryProperties query) {
    return new StreamsKeyRouting(
        runner::streams,
        LoyaltyTopology.BALANCE_STORE,
        Serdes.String().serializer(),
        streams.self(),
        HttpClient.newBuilder().connectTimeout(query.connectTimeout()).build(),
        query.forwardTimeout());
  }

  @Bean
  LocalBalances localBalances(LoyaltyStreamsRunner runner) {
    return new LocalBalances(runner::streams, LoyaltyTopology.BALANCE_STORE);
  }
}
