// Watches against a running gateway: events are published on its AMQP broker the way RackHD's
// services publish them, and must reach the watch's listener.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MonorailClient } from '../monorail-ws.js';
import { Publisher, env, unique, waitFor } from '../test-support/helpers.mjs';

describe('watches', () => {
  let client;
  let publisher;

  before(async () => {
    client = new MonorailClient(env.url);
    await client.connect();
    publisher = await Publisher.connect();
  });

  after(async () => {
    publisher.close();
    await client.disconnect();
  });

  test('a topic watch receives the events published after it resolved, in order, with seq', async () => {
    const key = unique('js.topic');
    const seen = [];
    const watch = await client.watch('mq', { exchange: 'on.test', routingKey: key }, (event) => seen.push(event));

    await publisher.publishMany('on.test', key, [{ n: 1 }, { n: 2 }, { n: 3 }]);
    await waitFor(() => seen.length >= 3, 'three events');

    assert.deepEqual(seen.map((e) => e.data.n), [1, 2, 3]);
    for (const event of seen) {
      assert.equal(event.kind, 'item');
      assert.equal(event.id, key);
      assert.equal(event.resource, 'mq');
      assert.equal(event.frame.handler, 'item');
    }
    assert.ok(seen[0].seq < seen[1].seq && seen[1].seq < seen[2].seq);
    assert.equal(client.lastSeq, seen[2].seq);
    await watch.stop();
  });

  test('a collection watch gets created, updated, tag-added as items and destroyed as a remove', async () => {
    const id = unique('node');
    const seen = [];
    const watch = await client.watch('nodes', { id }, (event) => seen.push(event));
    const record = { id, name: 'js-client', type: 'compute' };

    for (const word of ['created', 'updated', 'tag-added', 'destroyed']) {
      await publisher.publish('on.waterline', `nodes.${word}.${id}`, { event: word, record });
    }
    await waitFor(() => seen.length >= 4, 'four record events');

    assert.deepEqual(
      seen.map((e) => [e.kind, e.event, e.id]),
      [
        ['item', 'created', id],
        ['item', 'updated', id],
        ['item', 'tag-added', id],
        ['remove', 'destroyed', id],
      ],
    );
    assert.equal(seen[0].data.name, 'js-client');
    assert.equal(seen[0].resource, 'nodes');
    await watch.stop();
  });

  test('stop ends the watch: no event after it, other watches go on', async () => {
    const stopped = unique('js.stopped');
    const kept = unique('js.kept');
    const seenStopped = [];
    const seenKept = [];
    const framesOfStopped = [];
    const onItem = (frame) => frame.id === stopped && framesOfStopped.push(frame);
    client.on('item', onItem);
    try {
      await client.watch('mq', { exchange: 'on.test', routingKey: stopped }, (e) => seenStopped.push(e));
      const keptWatch = await client.watch('mq', { exchange: 'on.test', routingKey: kept }, (e) => seenKept.push(e));
      await publisher.publish('on.test', stopped, { n: 'before' });
      await waitFor(() => seenStopped.length === 1, 'the event before stop');

      await client.stop('mq', { exchange: 'on.test', routingKey: stopped });
      await publisher.publish('on.test', stopped, { n: 'after' });
      await publisher.publish('on.test', kept, { n: 'kept' });
      await waitFor(() => seenKept.length === 1, 'the event of the other watch');
      // Published first, routed together: had the stopped watch been alive, its event would be here.
      await keptWatch.stop();

      assert.deepEqual(seenStopped.map((e) => e.data.n), ['before']);
      assert.deepEqual(framesOfStopped.map((f) => f.data.n), ['before'], 'the gateway sent nothing after stop');
    } finally {
      client.off('item', onItem);
    }
  });

  test('two handles on one watch share it; the gateway is told to stop when the last one stops', async () => {
    const key = unique('js.shared');
    const params = { exchange: 'on.test', routingKey: key };
    const first = [];
    const second = [];
    const a = await client.watch('mq', params, (e) => first.push(e));
    const b = await client.watch('mq', { routingKey: key, exchange: 'on.test' }, (e) => second.push(e));

    await publisher.publish('on.test', key, { n: 1 });
    await waitFor(() => first.length === 1 && second.length === 1, 'the event on both handles');
    await a.stop();
    await publisher.publish('on.test', key, { n: 2 });
    await waitFor(() => second.length === 2, 'the second event on the remaining handle');

    assert.equal(first.length, 1);
    assert.equal(a.active, false);
    assert.equal(b.active, true);
    await b.stop();
  });

  test('a snapshot watch first lists what matches now', async () => {
    const seen = [];
    const watch = await client.watch('nodes', {}, (e) => seen.push(e), { snapshot: true });
    await waitFor(() => seen.length >= 1, 'the snapshot list');

    assert.equal(seen[0].kind, 'list');
    assert.ok(Array.isArray(seen[0].items));
    assert.ok(seen[0].items.length >= 1);
    await watch.stop();
  });

  test('a watch the gateway refuses rejects with its code', async () => {
    await assert.rejects(client.watch('planets', {}, () => {}), { name: 'MonorailError', code: 'unknown_type' });
    await assert.rejects(client.watch('mq', { exchange: 'not.allowed' }, () => {}), { code: 'forbidden' });
  });
});
