package io.payrail.audit.kafka;

/** Where a record is: what a dead letter's {@code kafka_dlt-original-*} headers point to. */
public record RecordCoordinates(String topic, int partition, long offset) {

  @Override
  public String toString() {
    return topic + "-" + partition + "@" + offset;
  }
}
