package io.payrail.refund.intake;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A record that cannot be processed, with the reason it goes to the dead-letter topic. */
public record Rejected(ConsumerRecord<String, ?> record, Exception reason) {}
