-- Payrail's result topics in ksqlDB (0.29 / Confluent Platform 7.x+). Run in the ksqlDB CLI
-- against the cluster and the schema registry (ksql.schema.registry.url) Payrail uses.
--
-- Consumer settings. Each persistent query below is a Kafka Streams application; its consumer
-- group is _confluent-ksql-<ksql.service.id>query_<query id> (SHOW QUERIES lists them).
--   * earliest: read each topic from its first record, not only what arrives after the query starts;
--   * exactly_once_v2: the queries' consumers read with isolation.level=read_committed, so they
--     never see a payment of an aborted transaction (Payrail's processors write in transactions).
SET 'auto.offset.reset' = 'earliest';
SET 'processing.guarantee' = 'exactly_once_v2';

-- Keys are plain UTF-8 strings (KEY_FORMAT 'KAFKA'); value columns are inferred from the latest
-- schema of the <topic>-value subject. An id is unique only within its merchant, so the keys name
-- the merchant: order_key is 'merchantId/orderId', customer_key 'merchantId/customerId'. The ids
-- themselves are value columns (merchantId, orderId, customerId): group, join and filter by the
-- merchant and the id together, never by orderId or customerId alone (two merchants' order 1001
-- are two orders).
CREATE STREAM payments (order_key VARCHAR KEY)
  WITH (KAFKA_TOPIC = 'payments', KEY_FORMAT = 'KAFKA', VALUE_FORMAT = 'AVRO');

CREATE STREAM refunds (order_key VARCHAR KEY)
  WITH (KAFKA_TOPIC = 'refunds', KEY_FORMAT = 'KAFKA', VALUE_FORMAT = 'AVRO');

CREATE STREAM risk_assessments (order_key VARCHAR KEY)
  WITH (KAFKA_TOPIC = 'order-risk', KEY_FORMAT = 'KAFKA', VALUE_FORMAT = 'AVRO');

-- loyalty-balances is compacted, one current balance per merchant's customer: a table. SOURCE
-- makes it queryable with pull queries. A row with an empty merchantId is keyed by customerId
-- alone: a balance written before balances were merchant-scoped, superseded by the row of its
-- 'merchantId/customerId' key.
CREATE SOURCE TABLE loyalty_balances (customer_key VARCHAR PRIMARY KEY)
  WITH (KAFKA_TOPIC = 'loyalty-balances', KEY_FORMAT = 'KAFKA', VALUE_FORMAT = 'AVRO');

-- Captured money per merchant and currency, in minor units (never add up different currencies).
CREATE TABLE captured_by_merchant AS
  SELECT merchantId, currency, COUNT(*) AS captured_payments, SUM(amountMinor) AS captured_minor
  FROM payments
  WHERE status = 'CAPTURED'
  GROUP BY merchantId, currency
  EMIT CHANGES;

-- Why payments were not captured.
CREATE TABLE declines_by_code AS
  SELECT declineCode, COUNT(*) AS payments
  FROM payments
  WHERE status = 'DECLINED'
  GROUP BY declineCode
  EMIT CHANGES;

-- Risk decisions and their average score.
CREATE TABLE risk_decisions AS
  SELECT decision, COUNT(*) AS orders, AVG(score) AS average_score
  FROM risk_assessments
  GROUP BY decision
  EMIT CHANGES;

-- Completed refunds per merchant and currency.
CREATE TABLE refunded_by_merchant AS
  SELECT merchantId, currency, SUM(amountMinor) AS refunded_minor
  FROM refunds
  WHERE status = 'COMPLETED'
  GROUP BY merchantId, currency
  EMIT CHANGES;

-- One customer's balance (pull query): the customer 'cust-42' of the merchant 'shop-7', by its key.
SELECT customer_key, merchantId, customerId, points, tier, lifetimeSpendMinor
  FROM loyalty_balances WHERE customer_key = 'shop-7/cust-42';
