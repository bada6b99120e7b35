// Reconnect, resume and resync against a running gateway, with the connection cut by a TCP proxy.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MonorailClient } from '../monorail-ws.js';
import { Publisher, env, nextEvent, startProxy, unique, waitFor } from '../test-support/helpers.mjs';

const FAST = { initialDelayMs: 20, maxDelayMs: 200 };
const range = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('reconnect, resume and resync', () => {
  let publisher;
  const cleanups = [];

  before(async () => {
    publisher = await Publisher.connect();
  });

  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    publisher.close();
  });

  async function connected(url, options = {}) {
    const client = new MonorailClient(url, { reconnect: FAST, ...options });
    cleanups.push(() => client.disconnect());
    await client.connect();
    return client;
  }

  async function proxied(options) {
    const proxy = await startProxy(env.url, options);
    cleanups.push(() => proxy.close());
    return proxy;
  }

  /** A second client, watching the same key directly: once it has an event, the gateway routed it. */
  async function observer(params) {
    const client = await connected(env.url);
    const seen = [];
    await client.watch('mq', params, (e) => seen.push(e));
    return seen;
  }

  test('after a drop the client reconnects and resumes: every event once, in order, no gap', async () => {
    const proxy = await proxied();
    const client = await connected(proxy.url);
    const key = unique('js.resume');
    const params = { exchange: 'on.test', routingKey: key };
    const seen = [];
    const watch = await client.watch('mq', params, (e) => seen.push(e));
    const routed = await observer(params);
    const resyncs = [];
    client.on('resync', (e) => resyncs.push(e));
    const session = client.sessionId;

    await publisher.publishMany('on.test', key, range(1, 5).map((n) => ({ n })));
    await waitFor(() => seen.length === 5, 'events 1-5');
    proxy.hold();
    const closed = nextEvent(client, 'close');
    proxy.cut();
    assert.equal((await closed).willReconnect, true);
    assert.equal(client.state, 'reconnecting');

    await publisher.publishMany('on.test', key, range(6, 10).map((n) => ({ n })));
    await waitFor(() => routed.length === 10, 'the gateway to route events 6-10');
    const resumed = nextEvent(client, 'resumed');
    proxy.release();
    const resume = await resumed;
    await waitFor(() => seen.length >= 10, 'events 6-10 replayed');
    await publisher.publishMany('on.test', key, range(11, 12).map((n) => ({ n })));
    await waitFor(() => seen.length >= 12, 'events 11-12 live');
    await watch.stop(); // answered after anything the gateway sent for the watch before it

    assert.deepEqual(seen.map((e) => e.data.n), range(1, 12));
    for (let i = 1; i < seen.length; i++) assert.equal(seen[i].seq, seen[i - 1].seq + 1, 'seq without a gap');
    assert.equal(client.sessionId, session);
    assert.equal(resume.session, session);
    assert.equal(resume.replayed, 5);
    assert.equal(resyncs.length, 0);
    assert.equal(client.state, 'open');
  });

  test('frames already seen are dropped (a gateway that repeats every frame)', async () => {
    const proxy = await proxied({ duplicate: true });
    const client = await connected(proxy.url);
    const sessions = [];
    client.on('session', (frame) => sessions.push(frame));
    const key = unique('js.twice');
    const seen = [];
    const watch = await client.watch('mq', { exchange: 'on.test', routingKey: key }, (e) => seen.push(e));

    await publisher.publishMany('on.test', key, range(1, 4).map((n) => ({ n })));
    await waitFor(() => seen.length >= 4, 'four events');
    await watch.stop();

    assert.ok(sessions.length >= 2, 'the proxy did repeat frames');
    assert.deepEqual(seen.map((e) => e.data.n), range(1, 4));
  });

  test('when the gateway cannot resume (gap), the client watches again and emits resync', async () => {
    const proxy = await proxied();
    const client = await connected(proxy.url);
    const key = unique('js.resync');
    const params = { exchange: 'on.test', routingKey: key };
    const seen = [];
    await client.watch('mq', params, (e) => seen.push(e));
    const routed = await observer(params);
    await publisher.publish('on.test', key, { n: 0 });
    await waitFor(() => seen.length === 1, 'the first event');
    const session = client.sessionId;

    proxy.hold();
    const closed = nextEvent(client, 'close');
    proxy.cut();
    await closed;
    // More than the gateway keeps for a detached session (MONORAIL_REPLAY_MESSAGES), in batches
    // the observer keeps up with.
    const total = env.replayMessages + 10;
    for (let sent = 0; sent < total; ) {
      const batch = Math.min(500, total - sent);
      await publisher.publishMany('on.test', key, range(sent + 1, sent + batch).map((n) => ({ n })));
      sent += batch;
      await waitFor(() => routed.length >= sent + 1, `the gateway to route ${sent} events`, 60000);
    }
    const resynced = nextEvent(client, 'resync');
    proxy.release();
    const resync = await resynced;

    assert.equal(resync.reason, 'gap');
    assert.notEqual(resync.session, session);
    assert.equal(client.sessionId, resync.session);
    await publisher.publish('on.test', key, { n: 'after' });
    await waitFor(() => seen.some((e) => e.data.n === 'after'), 'the event after the resync (watch set up again)');
    assert.ok(seen.length < total, 'nothing was replayed into the new session');
    assert.ok(client.lastSeq < 10, 'seq starts afresh in the new session');
  });

  test('a session resumed by another connection (4002) stops the client reconnecting', async () => {
    const client = await connected(env.url);
    const closed = nextEvent(client, 'close');
    const thief = new WebSocket(env.url);
    cleanups.push(() => thief.close());
    await new Promise((resolve, reject) => {
      thief.addEventListener('open', resolve);
      thief.addEventListener('error', reject);
    });
    thief.send(JSON.stringify({ handler: 'init', id: client.sessionId, seq: client.lastSeq }));

    const close = await closed;
    assert.equal(close.code, 4002);
    assert.equal(close.willReconnect, false);
    assert.equal(client.state, 'closed');
    assert.equal(client.sessionId, null);
  });
});
