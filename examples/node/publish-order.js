'use strict';
// Publishes one OrderPlaced to `orders` with Confluent's Avro serializer, then waits for that
// order's PaymentProcessed on `payments` and prints it (read with Confluent's Avro deserializer).
//   node publish-order.js [orderId] [--merchant node-example-merchant] [--timeout 60]
// Exits 0 when the payment was read, 1 when it did not come in time. The same orderId with another
// --merchant is another order: an orderId is unique only within its merchant.
const { kafka, serializer, deserializer, producer, consumer, orderKey } = require('./payrail');

const args = process.argv.slice(2);
function option(name, fallback) {
  const index = args.indexOf(name);
  return index >= 0 ? args.splice(index, 2)[1] : fallback;
}
const timeoutSeconds = Number(option('--timeout', 60));
// On Kafka nothing but the order's merchantId field names the merchant: agree it with Payrail's
// operators (on the HTTP path it comes from the API key).
const merchantId = option('--merchant', 'node-example-merchant');
const orderId = args[0] || `node-${Date.now().toString(36)}`;
// The key of every record of this order, on every topic: `merchantId/orderId`.
const key = orderKey(merchantId, orderId);

async function main() {
  // The order as the contract describes it (schemas/src/main/avro/OrderPlaced.avsc): money in
  // minor units with an ISO-4217 currency, a card token with brand and last4 only.
  const order = {
    orderId,
    merchantId,
    customerId: 'node-customer-1',
    amountMinor: 2599,
    currency: 'EUR',
    items: [{ sku: 'book-42', quantity: 1, unitAmountMinor: 2599 }],
    paymentMethod: { token: 'tok_visa', brand: 'visa', last4: '4242', issuingCountry: 'DE' },
    shippingCountry: 'DE',
    channel: 'API',
    placedAt: Date.now(),
  };

  // Where `payments` ends now: the payment for this order comes after it.
  const admin = kafka.admin();
  await admin.connect();
  const paymentsEnd = await admin.fetchTopicOffsets('payments');
  await admin.disconnect();

  const orders = producer();
  await orders.connect();
  const [sent] = await orders.send({
    topic: 'orders',
    acks: -1,
    // The key is the order's merchantId/orderId as a plain UTF-8 string: no Avro, no schema id.
    // It is built from the value's own merchantId and orderId, as docs/contract.md requires.
    messages: [{ key, value: await serializer.serialize('orders', order) }],
  });
  await orders.disconnect();
  console.log(`published OrderPlaced ${key} to orders partition ${sent.partition} offset ${sent.baseOffset}`);

  const payments = consumer(`payrail-node-example-${process.pid}-${Date.now()}`);
  await payments.connect();
  await payments.subscribe({ topic: 'payments', fromBeginning: true });
  const result = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no PaymentProcessed for ${key} within ${timeoutSeconds} s`)),
      timeoutSeconds * 1000,
    );
    payments
      .run({
        eachMessage: async ({ partition, message }) => {
          // This merchant's order, not another merchant's order with the same orderId.
          if (message.key === null || message.key.toString('utf8') !== key) {
            return;
          }
          const payment = await deserializer.deserialize('payments', message.value);
          clearTimeout(timer);
          resolve({ partition, offset: message.offset, payment });
        },
      })
      .then(() => {
        for (const { partition, offset } of paymentsEnd) {
          payments.seek({ topic: 'payments', partition, offset });
        }
      }, reject);
  });
  await payments.disconnect();

  const { payment } = result;
  console.log(
    `read PaymentProcessed ${payment.paymentId} for ${orderKey(payment.merchantId, payment.orderId)}:` +
      ` ${payment.status}` +
      ` ${payment.amountMinor} ${payment.currency}` +
      (payment.declineCode ? ` (${payment.declineCode})` : '') +
      ` from payments partition ${result.partition} offset ${result.offset}`,
  );
  // One machine-readable line for scripts (.ci/run feeds it to the kcat example).
  console.log(
    'RESULT ' +
      JSON.stringify({
        merchantId,
        orderId,
        key,
        paymentId: payment.paymentId,
        status: payment.status,
        orders: { partition: sent.partition, offset: Number(sent.baseOffset) },
        payments: { partition: result.partition, offset: Number(result.offset) },
      }),
  );
}

main().catch((error) => {
  console.error(`publish-order: ${error.message}`);
  process.exit(1);
});
