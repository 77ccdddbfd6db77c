package io.payrail.ingest.coupon;

import io.payrail.ingest.status.EndOffsets;
import io.payrail.ingest.status.StatusViewProperties;
import io.payrail.routing.ProcessedOffsets;
import io.payrail.schemas.serde.TopicSerdes;
import io.payrail.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * The coupons view's queries, on the status view's Kafka Streams application (its global store is
 * added by {@link CouponTopology#coupons}); it shares that application's timeouts.
 */
@Configuration(proxyBeanMethods = false)
class CouponViewConfiguration {

  @Bean
  CouponView couponView(
      StreamsBuilderFactoryBean streams,
      ProcessedOffsets progress,
      Admin admin,
      TopicSerdes serdes,
      StatusViewProperties properties) {
    return new CouponView(
        streams::getKafkaStreams,
        progress,
        serdes.valueSerde(Topics.COUPONS).deserializer(),
        new EndOffsets(admin),
        admin,
        properties.readYourWritesWait());
  }
}
