-- Payrail's payments and refunds in ClickHouse (23.x+): a Kafka engine table per topic reads the
-- records (AvroConfluent: each record's writer schema fetched by its id from the registry), and a
-- materialized view moves them into a MergeTree table.
--
-- Consumer settings: the consumer group is kafka_group_name; ClickHouse commits its offsets after
-- each block reached the MergeTree table. Committed records only and the starting point of a new
-- group are librdkafka settings in the server's configuration (clickhouse-kafka.xml beside this
-- file): isolation_level read_committed (Payrail writes in transactions), auto_offset_reset
-- earliest.

CREATE DATABASE IF NOT EXISTS payrail;

CREATE TABLE payrail.payments_queue
(
    paymentId String,
    orderId String,
    customerId String,
    merchantId String,
    amountMinor Int64,
    currency String,
    status String,
    declineCode Nullable(String),
    gatewayReference Nullable(String),
    riskScore Int32,
    processedAt DateTime64(3, 'UTC')
)
ENGINE = Kafka
SETTINGS
    kafka_broker_list = '127.0.0.1:9092',
    kafka_topic_list = 'payments',
    kafka_group_name = 'analytics-clickhouse-payments',
    kafka_format = 'AvroConfluent',
    format_avro_schema_registry_url = 'http://127.0.0.1:8081',
    kafka_num_consumers = 1,
    kafka_handle_error_mode = 'stream';

-- One row per payment; a replayed record (same merchantId and orderId) replaces the row. An
-- orderId is unique only within its merchant, so the sorting key holds both: another merchant's
-- order with the same orderId is another row.
CREATE TABLE payrail.payments
(
    paymentId String,
    orderId String,
    customerId String,
    merchantId String,
    amountMinor Int64,
    currency LowCardinality(String),
    status LowCardinality(String),
    declineCode Nullable(String),
    gatewayReference Nullable(String),
    riskScore Int32,
    processedAt DateTime64(3, 'UTC'),
    kafka_partition UInt64,
    kafka_offset UInt64
)
ENGINE = ReplacingMergeTree
ORDER BY (merchantId, orderId);

CREATE MATERIALIZED VIEW payrail.payments_consumer TO payrail.payments AS
SELECT
    paymentId, orderId, customerId, merchantId, amountMinor, currency, status, declineCode,
    gatewayReference, riskScore, processedAt,
    _partition AS kafka_partition, _offset AS kafka_offset
FROM payrail.payments_queue
WHERE length(_error) = 0;

CREATE TABLE payrail.refunds_queue
(
    refundId String,
    orderId String,
    customerId Nullable(String),
    merchantId String,
    amountMinor Int64,
    currency String,
    status String,
    reason String,
    rejectionCode Nullable(String),
    refundedTotalMinor Int64,
    capturedAmountMinor Int64,
    processedAt DateTime64(3, 'UTC')
)
ENGINE = Kafka
SETTINGS
    kafka_broker_list = '127.0.0.1:9092',
    kafka_topic_list = 'refunds',
    kafka_group_name = 'analytics-clickhouse-refunds',
    kafka_format = 'AvroConfluent',
    format_avro_schema_registry_url = 'http://127.0.0.1:8081',
    kafka_num_consumers = 1,
    kafka_handle_error_mode = 'stream';

-- One row per refund: a refundId too is unique only within its merchant.
CREATE TABLE payrail.refunds
(
    refundId String,
    orderId String,
    merchantId String,
    amountMinor Int64,
    currency LowCardinality(String),
    status LowCardinality(String),
    reason String,
    processedAt DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree
ORDER BY (merchantId, refundId);

CREATE MATERIALIZED VIEW payrail.refunds_consumer TO payrail.refunds AS
SELECT refundId, orderId, merchantId, amountMinor, currency, status, reason, processedAt
FROM payrail.refunds_queue
WHERE length(_error) = 0;

-- Net captured money per merchant and currency, in minor units.
SELECT p.merchantId, p.currency, p.captured_minor - coalesce(r.refunded_minor, 0) AS net_minor
FROM
    (SELECT merchantId, currency, sum(amountMinor) AS captured_minor
     FROM payrail.payments FINAL WHERE status = 'CAPTURED' GROUP BY merchantId, currency) AS p
LEFT JOIN
    (SELECT merchantId, currency, sum(amountMinor) AS refunded_minor
     FROM payrail.refunds FINAL WHERE status = 'COMPLETED' GROUP BY merchantId, currency) AS r
    USING (merchantId, currency);
