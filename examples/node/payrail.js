'use strict';
// What both scripts share: where Kafka and the registry are, and Confluent's Avro serde set up for
// Payrail's contract. Nothing here is Payrail code: only Confluent's registry client and serde.
const { Kafka, logLevel, Partitioners } = require('kafkajs');
const {
  SchemaRegistryClient,
  AvroSerializer,
  AvroDeserializer,
  SerdeType,
  SubjectNameStrategyType,
} = require('@confluentinc/schemaregistry');

const bootstrapServers = (process.env.PAYRAIL_KAFKA_BOOTSTRAP_SERVERS || '127.0.0.1:9092').split(',');
const registryUrl = process.env.PAYRAIL_SCHEMA_REGISTRY_URL || 'http://127.0.0.1:8081';

const kafka = new Kafka({
  clientId: 'payrail-node-example',
  brokers: bootstrapServers,
  logLevel: logLevel.WARN,
});

const registry = new SchemaRegistryClient({ baseURLs: [registryUrl] });

// Subjects are <topic>-value (Confluent's TopicNameStrategy), and the contract is registered before
// anything runs: write with the subject's latest schema and never register one.
const serializer = new AvroSerializer(registry, SerdeType.VALUE, {
  autoRegisterSchemas: false,
  useLatestVersion: true,
  subjectNameStrategyType: SubjectNameStrategyType.TOPIC,
});
// The writer's schema comes from the id in each record (magic byte 0, 4-byte id).
const deserializer = new AvroDeserializer(registry, SerdeType.VALUE, {
  subjectNameStrategyType: SubjectNameStrategyType.TOPIC,
});

/**
 * The Kafka key of an order on every order-flow topic (orders, payments, refunds, ...): its
 * merchantId and orderId as one plain UTF-8 string, `merchantId/orderId`. An orderId is unique
 * only within its merchant, so the merchant is part of the key; ids never hold a `/`.
 */
function orderKey(merchantId, orderId) {
  return `${merchantId}/${orderId}`;
}

/** The Kafka key of a customer (`loyalty-balances`, `customers`): `merchantId/customerId`. */
function customerKey(merchantId, customerId) {
  return `${merchantId}/${customerId}`;
}

/**
 * The producer settings Payrail's contract asks for: idempotence (which implies acks=all on every
 * send and at most 5 requests in flight) and Java's murmur2 partitioner, so that an order's key
 * lands on the same partition number as Payrail's own records for that order (the topics are
 * co-partitioned). kafkajs 2's DefaultPartitioner is that murmur2 partitioner.
 */
function producer() {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
}

/** A consumer that reads committed records only (Payrail's results are written transactionally). */
function consumer(groupId) {
  return kafka.consumer({ groupId, readUncommitted: false });
}

module.exports = {
  kafka,
  registry,
  serializer,
  deserializer,
  producer,
  consumer,
  orderKey,
  customerKey,
};
