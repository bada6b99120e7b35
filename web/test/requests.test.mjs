// Connecting and the request/answer handlers (all, query, get) against a running gateway; its
// documents come from the gateway's demo activity (--demo), which writes nodes as RackHD does.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MonorailClient, MonorailError } from '../monorail-ws.js';
import { env, nextEvent, startProxy, waitFor } from '../test-support/helpers.mjs';

describe('connecting and requests', () => {
  let client;
  let nodes;

  before(async () => {
    client = new MonorailClient(env.url);
    await client.connect();
    // The demo writes its first nodes within a few ticks; one request per poll, slow enough to
    // stay far below the gateway's message rate limit.
    nodes = await waitFor(async () => {
      const all = await client.all('nodes');
      return all.length >= 2 && all;
    }, 'the demo to write two nodes (is the gateway running with --demo?)', 30000, 250);
  });

  after(() => client.disconnect());

  test('connect announces a session; ready and init call back; state is open', async () => {
    const fresh = new MonorailClient(env.url);
    const states = [];
    fresh.on('state', (state) => states.push(state));
    const inits = [];
    fresh.on('init', (event) => inits.push(event));
    try {
      const opened = await fresh.connect();

      assert.equal(typeof opened.session, 'string');
      assert.equal(opened.resumed, false);
      assert.equal(fresh.sessionId, opened.session);
      assert.equal(fresh.state, 'open');
      assert.deepEqual(states, ['connecting', 'open']);
      assert.equal(inits.length, 1);
      let readyCalled = false;
      await fresh.ready(() => (readyCalled = true));
      assert.ok(readyCalled);
      let named;
      assert.equal(await fresh.init((id) => (named = id)), opened.session);
      assert.equal(named, opened.session);
    } finally {
      await fresh.disconnect();
    }
    assert.equal(fresh.state, 'closed');
  });

  test('ready() connects an idle client', async () => {
    const idle = new MonorailClient(env.url);
    try {
      await idle.ready();
      assert.equal(idle.state, 'open');
      assert.ok(idle.sessionId);
    } finally {
      await idle.disconnect();
    }
  });

  test('all answers the documents of a collection', () => {
    assert.ok(Array.isArray(nodes));
    for (const node of nodes) assert.equal(typeof node.id, 'string');
  });

  test('query answers the documents matching a filter, with limit', async () => {
    const [first] = nodes;
    const byId = await client.query('nodes', { id: first.id });
    assert.deepEqual(byId.map((n) => n.id), [first.id]);

    const limited = await client.query('nodes', {}, { limit: 1 });
    assert.equal(limited.length, 1);

    assert.deepEqual(await client.query('nodes', { id: 'no-such-node' }), []);
  });

  test('get answers one document, or null when there is none', async () => {
    const [first] = nodes;
    const node = await client.get('nodes', { id: first.id });
    assert.equal(node.id, first.id);
    assert.equal(node.name, first.name);

    assert.equal(await client.get('nodes', { id: '0123456789abcdef01234567' }), null);
  });

  test('an error frame rejects the request with its code', async () => {
    await assert.rejects(client.query('nodes', { $where: 'sleep(1000)' }), (error) => {
      assert.ok(error instanceof MonorailError);
      assert.equal(error.code, 'forbidden_operator');
      assert.equal(error.frame.handler, 'error');
      return true;
    });
    await assert.rejects(client.all('planets'), { name: 'MonorailError', code: 'unknown_type' });
    await assert.rejects(client.query('workflows', {}), { code: 'not_supported' });
    // The connection stays usable after errors.
    assert.ok((await client.all('nodes')).length >= 2);
  });

  test('concurrent requests each get their own answer (ref correlation)', async () => {
    const wanted = nodes.slice(0, 8);
    const sentRefs = new Set();
    const replyRefs = [];
    const onMessage = (frame) => frame.ref !== undefined && replyRefs.push(frame.ref);
    client.on('message', onMessage);
    try {
      const requests = [];
      for (const node of wanted) {
        requests.push(client.get('nodes', { id: node.id }).then((doc) => ['get', node.id, doc?.id]));
        requests.push(client.query('nodes', { id: node.id }).then((docs) => ['query', node.id, docs[0]?.id]));
      }
      requests.push(client.get('nodes', { id: 'absent' }).then((doc) => ['absent', null, doc]));
      requests.push(
        client.query('nodes', { $function: {} }).then(
          () => ['error', null, 'answered'],
          (error) => ['error', null, error.code],
        ),
      );

      const answers = await Promise.all(requests);

      for (const [kind, id, answer] of answers) {
        if (kind === 'absent') assert.equal(answer, null);
        else if (kind === 'error') assert.equal(answer, 'forbidden_operator');
        else assert.equal(answer, id, `${kind} of ${id} got the answer for ${answer}`);
      }
      for (const ref of replyRefs) sentRefs.add(ref);
      assert.equal(sentRefs.size, replyRefs.length, 'every reply has a ref of its own');
      assert.ok(replyRefs.length >= requests.length);
    } finally {
      client.off('message', onMessage);
    }
  });

  test('a request before connect rejects with not_connected', async () => {
    const idle = new MonorailClient(env.url);
    await assert.rejects(idle.all('nodes'), { code: 'not_connected' });
    await assert.rejects(idle.watch('nodes', {}, () => {}), { code: 'not_connected' });
  });

  test('a request without an answer rejects with timeout', async () => {
    const proxy = await startProxy(env.url);
    const slow = new MonorailClient(proxy.url, { requestTimeoutMs: 300 });
    try {
      await slow.connect();
      proxy.stall();
      await assert.rejects(slow.all('nodes'), { code: 'timeout' });
    } finally {
      await slow.disconnect();
      await proxy.close();
    }
  });

  test('a request on a connection that drops rejects with connection_lost', async () => {
    const proxy = await startProxy(env.url);
    const dropped = new MonorailClient(proxy.url, { reconnect: false });
    try {
      await dropped.connect();
      proxy.stall();
      const answer = dropped.all('nodes');
      const closed = nextEvent(dropped, 'close');
      proxy.cut();
      await assert.rejects(answer, { code: 'connection_lost' });
      assert.equal((await closed).willReconnect, false);
      assert.equal(dropped.state, 'closed');
    } finally {
      await dropped.disconnect();
      await proxy.close();
    }
  });

  test('connect to a port where nothing listens rejects with connect_failed and does not retry', async () => {
    const proxy = await startProxy(env.url);
    proxy.hold();
    const refused = new MonorailClient(proxy.url);
    try {
      await assert.rejects(refused.connect(), (error) => {
        assert.equal(error.code, 'connect_failed');
        assert.match(error.message, /gateway running/);
        return true;
      });
      assert.equal(refused.state, 'closed');
    } finally {
      await proxy.close();
    }
  });
});
