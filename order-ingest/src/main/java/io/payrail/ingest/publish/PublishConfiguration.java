package io.payrail.ingest.publish;

import io.payrail.ingest.observability.IngestMetrics;
import io.payrail.schemas.serde.AvroSerializer;
import io.payrail.schemas.serde.TopicSerdes;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PublishConfiguration {

  @Bean
  TopicSerdes topicSerdes(KafkaProperties kafka) {
    return new TopicSerdes(kafka.getProperties());
  }

  /**
   * One producer for orders and refund requests (one connection, shared batches). Its settings
   * (acks, idempotence, linger, timeouts) come from spring.kafka.producer in application.yml; the
   * contract-critical ones are forced here so no override can weaken them.
   */
  @Bean(destroyMethod = "close")
  EventPublisher eventPublisher(
      KafkaProperties kafka,
      TopicSerdes serdes,
      PublishProperties properties,
      IngestMetrics metrics) {
    Map<String, Object> config = kafka.buildProducerProperties();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    AvroSerializer<SpecificRecord> values = new AvroSerializer<>(serdes.registry());
    values.configure(serdes.configs(), false);
    return new EventPublisher(
        new KafkaProducer<>(config, new StringSerializer(), values), properties, metrics);
  }
}
