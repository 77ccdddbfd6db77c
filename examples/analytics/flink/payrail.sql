-- Payrail's result topics in Flink SQL (1.18+ / 2.x, with the kafka, upsert-kafka and
-- avro-confluent formats on the classpath). Run in the SQL client.
--
-- Consumer settings, per table: the consumer group (properties.group.id), committed records only
-- (properties.isolation.level = read_committed: Payrail's processors write in Kafka transactions)
-- and where a new group starts (scan.startup.mode = group-offsets, earliest for a new group).
-- Keys are plain UTF-8 strings (format raw); values are Avro in Confluent's wire format, each
-- record's writer schema fetched by its id from the registry. An id is unique only within its
-- merchant, so the keys name the merchant: order_key is 'merchantId/orderId', customer_key
-- 'merchantId/customerId'; the ids themselves are value columns. Group and join by the merchant
-- and the id together, never by orderId or customerId alone.

CREATE TABLE payments (
  `order_key` STRING,
  `paymentId` STRING,
  `orderId` STRING,
  `customerId` STRING,
  `merchantId` STRING,
  `amountMinor` BIGINT,
  `currency` STRING,
  `status` STRING,
  `declineCode` STRING,
  `gatewayReference` STRING,
  `riskScore` INT,
  `processedAt` TIMESTAMP(3),
  WATERMARK FOR `processedAt` AS `processedAt` - INTERVAL '5' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'payments',
  'properties.bootstrap.servers' = '127.0.0.1:9092',
  'properties.group.id' = 'analytics-flink-payments',
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'group-offsets',
  'properties.auto.offset.reset' = 'earliest',
  'key.format' = 'raw',
  'key.fields' = 'order_key',
  'value.format' = 'avro-confluent',
  'value.avro-confluent.url' = 'http://127.0.0.1:8081',
  'value.fields-include' = 'EXCEPT_KEY'
);

CREATE TABLE refunds (
  `order_key` STRING,
  `refundId` STRING,
  `orderId` STRING,
  `customerId` STRING,
  `merchantId` STRING,
  `amountMinor` BIGINT,
  `currency` STRING,
  `status` STRING,
  `reason` STRING,
  `rejectionCode` STRING,
  `refundedTotalMinor` BIGINT,
  `capturedAmountMinor` BIGINT,
  `processedAt` TIMESTAMP(3)
) WITH (
  'connector' = 'kafka',
  'topic' = 'refunds',
  'properties.bootstrap.servers' = '127.0.0.1:9092',
  'properties.group.id' = 'analytics-flink-refunds',
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'group-offsets',
  'properties.auto.offset.reset' = 'earliest',
  'key.format' = 'raw',
  'key.fields' = 'order_key',
  'value.format' = 'avro-confluent',
  'value.avro-confluent.url' = 'http://127.0.0.1:8081',
  'value.fields-include' = 'EXCEPT_KEY'
);

-- Compacted: the latest balance per merchant's customer, as an upsert table. A row with an empty
-- merchantId is keyed by customerId alone: written before balances were merchant-scoped, and
-- superseded by the row of its 'merchantId/customerId' key.
CREATE TABLE loyalty_balances (
  `customer_key` STRING,
  `customerId` STRING,
  `merchantId` STRING,
  `points` BIGINT,
  `tier` STRING,
  `lifetimeSpendMinor` MAP<STRING, BIGINT>,
  `tierSpendMinor` BIGINT,
  `updatedAt` TIMESTAMP(3),
  PRIMARY KEY (`customer_key`) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = 'loyalty-balances',
  'properties.bootstrap.servers' = '127.0.0.1:9092',
  'properties.group.id' = 'analytics-flink-loyalty',
  'properties.isolation.level' = 'read_committed',
  'key.format' = 'raw',
  'value.format' = 'avro-confluent',
  'value.avro-confluent.url' = 'http://127.0.0.1:8081',
  'value.fields-include' = 'EXCEPT_KEY'
);

CREATE TABLE captured_per_minute (
  `window_start` TIMESTAMP(3),
  `merchantId` STRING,
  `currency` STRING,
  `captured_payments` BIGINT,
  `captured_minor` BIGINT
) WITH (
  'connector' = 'print'
);

-- Captured money per merchant, currency and minute of processedAt (minor units).
INSERT INTO captured_per_minute
SELECT window_start, `merchantId`, `currency`, COUNT(*), SUM(`amountMinor`)
FROM TABLE(TUMBLE(TABLE payments, DESCRIPTOR(`processedAt`), INTERVAL '1' MINUTE))
WHERE `status` = 'CAPTURED'
GROUP BY window_start, window_end, `merchantId`, `currency`;
