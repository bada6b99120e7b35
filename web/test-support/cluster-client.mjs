// The JavaScript client as an application in front of a cluster (run by ClusterIT): it connects to
// the first of MONORAIL_URLS (comma-separated), watches MONORAIL_KEY.# on MONORAIL_EXCHANGE with
// the mq resource, and prints one line per thing that happens: `n=<n>` per event, `resumed` and
// `resync <reason>`. It runs until its standard input closes.

import { MonorailClient } from '../monorail-ws.js';

const urls = process.env.MONORAIL_URLS.split(',');
const client = new MonorailClient(urls[0], {
  urls,
  reconnect: { initialDelayMs: 100, maxDelayMs: 1000 },
});
client.on('resumed', () => console.log('resumed'));
client.on('resync', (event) => console.log(`resync ${event.reason}`));
await client.connect();
await client.watch(
  'mq',
  { exchange: process.env.MONORAIL_EXCHANGE, routingKey: `${process.env.MONORAIL_KEY}.#` },
  (event) => console.log(`n=${event.data.n}`),
);
console.log('watching');
process.stdin.on('end', () => {
  client.disconnect();
  process.exit(0);
});
process.stdin.resume();
