'use strict';
// Reads the compacted `loyalty-balances` topic from the beginning (committed records only) and
// prints each customer's latest balance, decoded with Confluent's Avro deserializer.
//   node read-loyalty-balances.js [customerId] [--timeout 20]
// Stops when no new record has come for two seconds (or at the timeout).
const { kafka, deserializer, consumer } = require('./payrail');

const args = process.argv.slice(2);
const timeoutIndex = args.indexOf('--timeout');
const timeoutSeconds = timeoutIndex >= 0 ? Number(args.splice(timeoutIndex, 2)[1]) : 20;
const customerId = args[0];
const IDLE_MS = 2000;

async function main() {
  const balances = new Map();
  const reader = consumer(`payrail-node-example-loyalty-${process.pid}-${Date.now()}`);
  await reader.connect();
  await reader.subscribe({ topic: 'loyalty-balances', fromBeginning: true });
  // A compacted topic has no last record to wait for: read until nothing new came for a while.
  await new Promise((resolve, reject) => {
    const deadline = setTimeout(resolve, timeoutSeconds * 1000);
    let idle = setTimeout(done, IDLE_MS * 3);
    function done() {
      clearTimeout(deadline);
      resolve();
    }
    reader
      .run({
        eachMessage: async ({ message }) => {
          clearTimeout(idle);
          idle = setTimeout(done, IDLE_MS);
          const key = message.key.toString('utf8');
          if (!customerId || key === customerId) {
            balances.set(key, await deserializer.deserialize('loyalty-balances', message.value));
          }
        },
      })
      .catch(reject);
  });
  await reader.disconnect();

  for (const [key, balance] of [...balances.entries()].sort()) {
    const spend = Object.entries(balance.lifetimeSpendMinor)
      .map(([currency, minor]) => `${minor} ${currency}`)
      .join(', ');
    console.log(
      `${key}: ${balance.points} points, tier ${balance.tier}, lifetime spend ${spend || 'none'}` +
        ` (last change: ${balance.lastChange.source} of order ${balance.lastChange.orderId})`,
    );
  }
  console.log(`${balances.size} customer balance(s) read from loyalty-balances`);
}

main().catch((error) => {
  console.error(`read-loyalty-balances: ${error.message}`);
  process.exit(1);
});
