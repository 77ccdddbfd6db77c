package io.payrail.listener;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A record that cannot be processed, and why: it goes to its dead-letter topic. */
public record Rejected(ConsumerRecord<?, ?> record, Exception reason) {}
