// What a running gateway cannot be made to do on demand (a message-bus outage, a list of URLs to
// rotate through), checked against a scripted stand-in for the WebSocket. Needs no gateway.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MonorailClient } from '../monorail-ws.js';

/** A WebSocket whose "server" is the test: it sees what the client sends and answers by hand. */
function scriptedWebSocket(server) {
  return class ScriptedWebSocket extends EventTarget {
    constructor(url, protocols) {
      super();
      this.url = url;
      this.protocols = protocols;
      this.readyState = 0;
      server.sockets.push(this);
      queueMicrotask(() => {
        if (server.down.has(url)) {
          // Nothing listens there: the attempt fails before it opens.
          this.readyState = 3;
          this.dispatchEvent(new Event('error'));
          const close = new Event('close');
          close.code = 1006;
          close.reason = '';
          this.dispatchEvent(close);
          return;
        }
        this.readyState = 1;
        this.dispatchEvent(new Event('open'));
      });
    }

    send(text) {
      server.onFrame(this, JSON.parse(text));
    }

    close(code = 1000, reason = '') {
      this.drop(code, reason);
    }

    /** The server side: sends one frame to the client. */
    deliver(frame) {
      const event = new Event('message');
      event.data = JSON.stringify(frame);
      this.dispatchEvent(event);
    }

    /** The server side: closes the connection with `code`. */
    drop(code, reason = '') {
      if (this.readyState === 3) return;
      this.readyState = 3;
      const event = new Event('close');
      event.code = code;
      event.reason = reason;
      this.dispatchEvent(event);
    }
  };
}

/** A minimal gateway: answers init with a session (resuming a known one) and records frames. */
function scriptedServer() {
  const server = {
    sockets: [],
    down: new Set(),
    frames: [],
    onFrame(socket, frame) {
      server.frames.push(frame);
      if (frame.handler === 'init') {
        const resumed = frame.id === 'session-1';
        socket.deliver({ handler: 'session', id: 'session-1', ...(frame.id ? { resumed } : {}), ...(frame.ref ? { ref: frame.ref } : {}) });
      } else if (server.answer) {
        server.answer(socket, frame);
      }
    },
  };
  return server;
}

/** A client of instances a and b, connected to a, that has seen seq 3 there. */
async function connectedToTwoInstancesAtSeq3() {
  const server = scriptedServer();
  const client = new MonorailClient('ws://a/', {
    urls: ['ws://a/', 'ws://b/'],
    reconnect: { initialDelayMs: 1, maxDelayMs: 5 },
    WebSocket: scriptedWebSocket(server),
  });
  await client.connect();
  server.sockets[0].deliver({ handler: 'item', type: 'mq', id: 'k', data: {}, seq: 3 });
  return { server, client };
}

// Captured before the jitter test replaces the global one.
const timeout = globalThis.setTimeout;

function until(condition, what) {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 5000;
    const check = () => {
      if (condition()) resolve();
      else if (Date.now() > deadline) reject(new Error(`timed out waiting for ${what}`));
      else timeout(check, 5);
    };
    check();
  });
}

describe('scripted gateway', () => {
  test('an outage report is emitted as bus_unavailable then bus_available, not as an error', async () => {
    const server = scriptedServer();
    const client = new MonorailClient('ws://gateway/', { WebSocket: scriptedWebSocket(server) });
    await client.connect();
    const events = [];
    for (const name of ['bus_unavailable', 'bus_available', 'error']) client.on(name, (e) => events.push([name, e]));

    server.sockets[0].deliver({
      handler: 'error',
      type: null,
      params: { code: 'bus_unavailable', message: 'the message bus was unreachable from t1 to t2; events in between may be lost: query again' },
      seq: 7,
    });

    assert.deepEqual(events.map(([name]) => name), ['bus_unavailable', 'bus_available']);
    assert.equal(events[0][1].code, 'bus_unavailable');
    assert.match(events[0][1].message, /unreachable from t1 to t2/);
    assert.equal(client.lastSeq, 7);
    await client.disconnect();
  });

  test('a watch refused with bus_unavailable rejects and is reported as an outage', async () => {
    const server = scriptedServer();
    server.answer = (socket, frame) => {
      if (frame.handler === 'watch') {
        socket.deliver({ handler: 'error', type: frame.type, params: { code: 'bus_unavailable', message: 'retry later' }, ref: frame.ref });
      }
    };
    const client = new MonorailClient('ws://gateway/', { WebSocket: scriptedWebSocket(server) });
    await client.connect();
    const outages = [];
    client.on('bus_unavailable', (e) => outages.push(e));

    await assert.rejects(client.watch('workflows', {}, () => {}), { code: 'bus_unavailable' });
    assert.equal(outages.length, 1);
    await client.disconnect();
  });

  test('after a drop the same instance is tried first: it may still hold the session', async () => {
    const { server, client } = await connectedToTwoInstancesAtSeq3();

    server.sockets[0].drop(1006);
    await until(() => client.state === 'open' && server.sockets.length === 2, 'the reconnect');

    assert.equal(server.sockets[1].url, 'ws://a/');
    assert.deepEqual(server.frames.filter((f) => f.handler === 'init' && f.id), [{ handler: 'init', id: 'session-1', seq: 3 }]);
    await client.disconnect();
  });

  test('an instance that is down: the next attempt goes to the next of urls, resuming with the last seq', async () => {
    const { server, client } = await connectedToTwoInstancesAtSeq3();

    server.down.add('ws://a/');
    server.sockets[0].drop(1006);
    await until(() => client.state === 'open', 'the reconnect');

    assert.deepEqual(server.sockets.map((s) => s.url), ['ws://a/', 'ws://a/', 'ws://b/']);
    assert.deepEqual(server.frames.filter((f) => f.handler === 'init' && f.id), [{ handler: 'init', id: 'session-1', seq: 3 }]);
    await client.disconnect();
  });

  test('close 4001 (token expired) ends the client: no reconnect', async () => {
    const server = scriptedServer();
    const client = new MonorailClient('ws://gateway/', {
      reconnect: { initialDelayMs: 1, maxDelayMs: 5 },
      WebSocket: scriptedWebSocket(server),
    });
    await client.connect();
    const closes = [];
    client.on('close', (e) => closes.push(e));

    server.sockets[0].drop(4001, 'token expired');

    assert.deepEqual(closes, [{ code: 4001, reason: 'token expired', willReconnect: false }]);
    assert.equal(client.state, 'closed');
    assert.equal(server.sockets.length, 1);
  });

  test('reconnect delays are a random fraction of an exponential ceiling (full jitter)', async () => {
    const server = scriptedServer();
    const delays = [];
    const realSetTimeout = globalThis.setTimeout;
    const realRandom = Math.random;
    const client = new MonorailClient('ws://gateway/', {
      reconnect: { initialDelayMs: 100, maxDelayMs: 400 },
      WebSocket: scriptedWebSocket(server),
    });
    await client.connect();
    Math.random = () => 0.5;
    globalThis.setTimeout = (fn, ms) => {
      delays.push(ms);
      return realSetTimeout(fn, 0);
    };
    try {
      // Every reconnect opens and is dropped at once, before its session: the ceiling doubles.
      server.answer = null;
      server.onFrame = (socket) => socket.drop(1006);
      server.sockets[0].drop(1006);
      await until(() => server.sockets.length >= 6, 'five reconnects');
    } finally {
      globalThis.setTimeout = realSetTimeout;
      Math.random = realRandom;
    }
    await client.disconnect();
    const reconnectDelays = delays.filter((ms) => ms !== 10000 && ms !== 30000);
    // A random fraction (here 0.5) of min(max, initial * 2^n).
    assert.deepEqual(reconnectDelays.slice(0, 5), [50, 100, 200, 200, 200]);
  });
});
