'use strict';
// Reads the compacted `loyalty-balances` topic from the beginning (committed records only) and
// prints each customer's latest balance, decoded with Confluent's Avro deserializer.
//   node read-loyalty-balances.js [customerId] [--merchant node-example-merchant] [--timeout 20]
// Without a customerId, every merchant's customers. Stops when no new record has come for two
// seconds (or at the timeout).
const { deserializer, consumer, customerKey } = require('./payrail');

const args = process.argv.slice(2);
function option(name, fallback) {
  const index = args.indexOf(name);
  return index >= 0 ? args.splice(index, 2)[1] : fallback;
}
const timeoutSeconds = Number(option('--timeout', 20));
const merchantId = option('--merchant', 'node-example-merchant');
const customerId = args[0];
// A customerId is unique only within its merchant, so a balance's key is `merchantId/customerId`:
// two merchants' customers with the same id have two balances.
const wanted = customerId ? customerKey(merchantId, customerId) : null;
const IDLE_MS = 2000;

async function main() {
  const balances = new Map();
  // A record keyed by customerId alone was written before balances were merchant-scoped. A topic
  // kept from then still holds the last one of each such key (compaction keeps the latest record of
  // a key, and no later record has it); the customer's balance is under merchantId/customerId.
  let unscoped = 0;
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
          if (!key.includes('/')) {
            unscoped++;
          } else if (!wanted || key === wanted) {
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
  if (unscoped > 0) {
    console.log(`${unscoped} record(s) keyed by customerId alone skipped (written before merchant-scoped keys)`);
  }
}

main().catch((error) => {
  console.error(`read-loyalty-balances: ${error.message}`);
  process.exit(1);
});
