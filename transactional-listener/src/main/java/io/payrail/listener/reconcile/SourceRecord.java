package io.payrail.listener.reconcile;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The Kafka record that gave a ledger row its final status: a record of the processor's input
 * topic, or a resolution of its reconciler. Kept with the row so that the same record, delivered
 * again after its transaction aborted, publishes the outcome again, and any other record does not:
 * one outcome event per row, whoever finalized it.
 */
public record SourceRecord(String topic, int partition, long offset) {

  public static SourceRecord of(ConsumerRecord<?, ?> record) {
    return new SourceRecord(record.topic(), record.partition(), record.offset());
  }
}
