'use strict';
// Publishes one OrderPlaced to `orders` with Confluent's Avro serializer, then waits for that
// order's PaymentProcessed on `payments` and prints it (read with Confluent's Avro deserializer).
//   node publish-order.js [orderId] [--timeout 60]
// Exits 0 when the payment was read, 1 when it did not come in time.
const { kafka, serializer, deserializer, producer, consumer } = require('./payrail');

const args = process.argv.slice(2);
const timeoutIndex = args.indexOf('--timeout');
const timeoutSeconds = timeoutIndex >= 0 ? Number(args.splice(timeoutIndex, 2)[1]) : 60;
const orderId = args[0] || `node-${Date.now().toString(36)}`;

async function main() {
  // The order as the contract describes it (schemas/src/main/avro/OrderPlaced.avsc): money in
  // minor units with an ISO-4217 currency, a card token with brand and last4 only.
  const order = {
    orderId,
    merchantId: 'node-example-merchant',
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
    // The key is the orderId as a plain UTF-8 string: no Avro, no schema id.
    messages: [{ key: orderId, value: await serializer.serialize('orders', order) }],
  });
  await orders.disconnect();
  console.log(`published OrderPlaced ${orderId} to orders partition ${sent.partition} offset ${sent.baseOffset}`);

  const payments = consumer(`payrail-node-example-${process.pid}-${Date.now()}`);
  await payments.connect();
  await payments.subscribe({ topic: 'payments', fromBeginning: true });
  const result = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no PaymentProcessed for ${orderId} within ${timeoutSeconds} s`)),
      timeoutSeconds * 1000,
    );
    payments
      .run({
        eachMessage: async ({ partition, message }) => {
          if (message.key === null || message.key.toString('utf8') !== orderId) {
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
    `read PaymentProcessed ${payment.paymentId} for ${payment.orderId}: ${payment.status}` +
      ` ${payment.amountMinor} ${payment.currency}` +
      (payment.declineCode ? ` (${payment.declineCode})` : '') +
      ` from payments partition ${result.partition} offset ${result.offset}`,
  );
  // One machine-readable line for scripts (.ci/run feeds it to the kcat example).
  console.log(
    'RESULT ' +
      JSON.stringify({
        orderId,
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
