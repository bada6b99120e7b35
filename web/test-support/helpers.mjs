// What the client's tests (web/test/) need around a running gateway: its URLs from the environment, a
// publisher that puts events on the gateway's AMQP broker (the way RackHD's services do), a TCP
// proxy that can cut and hold connections, HS256 tokens, and waiting on conditions.

import { createHmac, randomUUID } from 'node:crypto';
import net from 'node:net';

/** Every test reads the gateway's address from here. */
export const env = {
  url: required('MONORAIL_URL'),
  // The embedded broker of `java -jar app/target/monorail-ws.jar` (its startup banner names it).
  amqpUrl: process.env.MONORAIL_AMQP_URL || 'amqp://guest:guest@127.0.0.1:5673',
  jwtUrl: process.env.MONORAIL_JWT_URL,
  jwtSecret: process.env.MONORAIL_JWT_SECRET,
  replayMessages: Number(process.env.MONORAIL_REPLAY_MESSAGES || 10000),
};

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set: start a gateway (java -jar app/target/monorail-ws.jar --demo) and set ${name}=ws://127.0.0.1:9100/`,
    );
  }
  return value;
}

/**
 * The `skip` option of tests that need the JWT gateway: a reason when it is not configured,
 * unless MONORAIL_JS_REQUIRE_ALL=true (as in `./mvnw verify`), where its absence fails them.
 */
export function jwtSkip() {
  if (env.jwtUrl && env.jwtSecret) return false;
  if (process.env.MONORAIL_JS_REQUIRE_ALL === 'true') {
    throw new Error('MONORAIL_JS_REQUIRE_ALL=true but MONORAIL_JWT_URL or MONORAIL_JWT_SECRET is not set');
  }
  return 'needs a gateway with MONORAIL_AUTH=jwt: set MONORAIL_JWT_URL and MONORAIL_JWT_SECRET';
}

/** A name no other test run uses, for routing keys and ids. */
export function unique(prefix) {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/**
 * Resolves once `condition()` is truthy (checked every `intervalMs`); rejects with `what` after
 * `timeoutMs`.
 */
export async function waitFor(condition, what, timeoutMs = 10000, intervalMs = 10) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Resolves with the payload of the next event `name` of `client`; rejects after `timeoutMs`. */
export function nextEvent(client, name, timeoutMs = 10000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off(name, listener);
      reject(new Error(`no '${name}' event within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload) => {
      clearTimeout(timer);
      client.off(name, listener);
      resolve(payload);
    };
    client.on(name, listener);
  });
}

// ---- tokens ----

/** An HS256 JWT for `sub` with `roles`, expiring in `seconds`, signed with the gateway's secret. */
export function token(sub, roles = [], seconds = 3600, { secret = env.jwtSecret, claims = {} } = {}) {
  const encode = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const payload = { sub, roles, exp: Math.floor(Date.now() / 1000) + seconds, ...claims };
  const body = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

// ---- a TCP proxy ----

/**
 * A TCP proxy in front of the gateway, on an ephemeral loopback port: `cut()` drops every
 * connection through it, `hold()` refuses new ones until `release()`, `stall()` drops what clients
 * send from then on. It keeps the first bytes
 * each client sent (the HTTP upgrade request). With `duplicate: true` it sends every WebSocket
 * frame of the gateway twice, as a resume that overlaps what a client saw would.
 */
export async function startProxy(targetUrl, { duplicate = false } = {}) {
  const target = new URL(targetUrl);
  const sockets = new Set();
  const upgrades = [];
  let held = false;
  let stalled = false;
  const server = net.createServer((client) => {
    if (held) {
      // As a gateway that is not there yet would: the upgrade fails at once.
      sockets.add(client);
      client.on('close', () => sockets.delete(client));
      client.end('HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
      return;
    }
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(client);
    sockets.add(upstream);
    let first = true;
    client.on('data', (chunk) => {
      if (first) {
        upgrades.push(chunk.toString('latin1'));
        // A repeated compressed frame would corrupt the compression context: ask for none.
        if (duplicate) chunk = Buffer.from(chunk.toString('latin1').replace(/^sec-websocket-extensions:.*\r\n/im, ''), 'latin1');
      }
      first = false;
      if (!stalled) upstream.write(chunk);
    });
    const duplicator = duplicate ? frameDuplicator() : null;
    upstream.on('data', (chunk) => client.write(duplicator ? duplicator(chunk) : chunk));
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', drop);
    upstream.on('close', drop);
    client.on('error', drop);
    upstream.on('error', drop);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(targetUrl);
  url.host = `127.0.0.1:${server.address().port}`;
  return {
    url: url.toString(),
    upgrades,
    cut() {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
    hold() {
      held = true;
    },
    release() {
      held = false;
    },
    /** From now on, what clients send is dropped: requests go out and are never answered. */
    stall() {
      stalled = true;
    },
    close() {
      this.cut();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * Passes the gateway's bytes through, except that after the HTTP response every WebSocket frame
 * is written twice. Server frames are unmasked: 2 header bytes, 2 or 8 more for long payloads.
 */
function frameDuplicator() {
  let inHeaders = true;
  let buffer = Buffer.alloc(0);
  return (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    const out = [];
    if (inHeaders) {
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return Buffer.alloc(0);
      out.push(buffer.subarray(0, end + 4));
      buffer = buffer.subarray(end + 4);
      inHeaders = false;
    }
    for (;;) {
      if (buffer.length < 2) break;
      let length = buffer[1] & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (buffer.length < 4) break;
        length = buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (buffer.length < 10) break;
        length = Number(buffer.readBigUInt64BE(2));
        offset = 10;
      }
      if (buffer.length < offset + length) break;
      const frame = buffer.subarray(0, offset + length);
      const opcode = frame[0] & 0x0f;
      const fin = (frame[0] & 0x80) !== 0;
      out.push(frame);
      // Whole text frames only: a copied close or fragment would break the stream itself.
      if (opcode === 1 && fin) out.push(frame);
      buffer = buffer.subarray(offset + length);
    }
    return Buffer.concat(out);
  };
}

// ---- an AMQP 0-9-1 publisher ----

/**
 * Publishes to the gateway's broker as RackHD's services do (topic exchanges, durable, JSON
 * bodies), with publisher confirms: `publish` resolves once the broker has taken the message.
 * Just the part of AMQP 0-9-1 that publishing needs, so the tests need no npm package.
 */
export class Publisher {
  #socket;
  #buffer = Buffer.alloc(0);
  #waiting = [];
  #frameMax = 131072;
  #published = 0;
  #confirmed = 0;
  #acked = new Set();
  #confirmWaiters = [];
  #failure = null;
  #declared = new Set();

  static async connect(url = env.amqpUrl) {
    const publisher = new Publisher();
    await publisher.#open(new URL(url));
    return publisher;
  }

  async #open(url) {
    this.#socket = net.connect(Number(url.port || 5672), url.hostname);
    this.#socket.on('data', (chunk) => this.#onData(chunk));
    this.#socket.on('error', (error) => this.#fail(error));
    this.#socket.on('close', () => this.#fail(new Error('AMQP connection closed')));
    await new Promise((resolve, reject) => {
      this.#socket.once('connect', resolve);
      this.#socket.once('error', reject);
    });
    this.#socket.write(Buffer.from([0x41, 0x4d, 0x51, 0x50, 0, 0, 9, 1])); // "AMQP" 0-9-1
    await this.#expect(10, 10); // connection.start
    const user = decodeURIComponent(url.username || 'guest');
    const pass = decodeURIComponent(url.password || 'guest');
    this.#method(0, 10, 11, [table(), shortstr('PLAIN'), longstr(`\0${user}\0${pass}`), shortstr('en_US')]);
    const tune = await this.#expect(10, 30);
    const channelMax = tune.readUInt16BE(0);
    this.#frameMax = tune.readUInt32BE(2) || this.#frameMax;
    this.#method(0, 10, 31, [u16(channelMax), u32(this.#frameMax), u16(0)]);
    const vhost = decodeURIComponent(url.pathname.slice(1)) || '/';
    this.#method(0, 10, 40, [shortstr(vhost), shortstr(''), Buffer.from([0])]);
    await this.#expect(10, 41);
    this.#method(1, 20, 10, [shortstr('')]);
    await this.#expect(20, 11);
    this.#method(1, 85, 10, [Buffer.from([0])]); // confirm.select
    await this.#expect(85, 11);
  }

  /** Publishes `body` (JSON-encoded unless a string) and waits for the broker's confirm. */
  async publish(exchange, routingKey, body) {
    await this.publishMany(exchange, routingKey, [body]);
  }

  /** Publishes each of `bodies` in order, then waits once for all of them to be confirmed. */
  async publishMany(exchange, routingKey, bodies) {
    if (!this.#declared.has(exchange)) {
      // topic, durable: as RackHD declares its exchanges
      this.#method(1, 40, 10, [u16(0), shortstr(exchange), shortstr('topic'), Buffer.from([2]), table()]);
      await this.#expect(40, 11);
      this.#declared.add(exchange);
    }
    for (const body of bodies) {
      const bytes = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
      this.#method(1, 60, 40, [u16(0), shortstr(exchange), shortstr(routingKey), Buffer.from([0])]);
      const header = Buffer.alloc(14);
      header.writeUInt16BE(60, 0);
      header.writeBigUInt64BE(BigInt(bytes.length), 4);
      this.#frame(2, 1, header);
      for (let at = 0; at < bytes.length; at += this.#frameMax - 8) {
        this.#frame(3, 1, bytes.subarray(at, at + this.#frameMax - 8));
      }
      this.#published++;
    }
    const target = this.#published;
    await new Promise((resolve, reject) => {
      if (this.#failure) return reject(this.#failure);
      this.#confirmWaiters.push({ target, resolve, reject });
      this.#checkConfirms();
    });
  }

  close() {
    this.#failure = this.#failure ?? new Error('publisher closed');
    this.#socket.destroy();
  }

  #frame(type, channel, payload) {
    const head = Buffer.alloc(7);
    head.writeUInt8(type, 0);
    head.writeUInt16BE(channel, 1);
    head.writeUInt32BE(payload.length, 3);
    this.#socket.write(Buffer.concat([head, payload, Buffer.from([0xce])]));
  }

  #method(channel, classId, methodId, args) {
    this.#frame(1, channel, Buffer.concat([u16(classId), u16(methodId), ...args]));
  }

  #expect(classId, methodId) {
    return new Promise((resolve, reject) => {
      if (this.#failure) return reject(this.#failure);
      this.#waiting.push({ classId, methodId, resolve, reject });
    });
  }

  #onData(chunk) {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    while (this.#buffer.length >= 8) {
      const size = this.#buffer.readUInt32BE(3);
      if (this.#buffer.length < size + 8) return;
      const type = this.#buffer[0];
      const payload = this.#buffer.subarray(7, 7 + size);
      this.#buffer = this.#buffer.subarray(size + 8);
      if (type === 1) this.#onMethod(payload.readUInt16BE(0), payload.readUInt16BE(2), payload.subarray(4));
    }
  }

  #onMethod(classId, methodId, args) {
    if (classId === 60 && (methodId === 80 || methodId === 120)) {
      // basic.ack / basic.nack: delivery tag, then the "multiple" bit
      const tag = Number(args.readBigUInt64BE(0));
      if (methodId === 120) return this.#fail(new Error(`the broker refused message ${tag}`));
      if (args[8] & 1) {
        for (let t = this.#confirmed + 1; t <= tag; t++) this.#acked.add(t);
      } else {
        this.#acked.add(tag);
      }
      while (this.#acked.delete(this.#confirmed + 1)) this.#confirmed++;
      this.#checkConfirms();
      return;
    }
    if ((classId === 10 || classId === 20) && methodId === 40) {
      const code = args.readUInt16BE(0);
      const text = args.subarray(3, 3 + args[2]).toString();
      return this.#fail(new Error(`the broker closed the ${classId === 10 ? 'connection' : 'channel'}: ${code} ${text}`));
    }
    const waiter = this.#waiting[0];
    if (waiter && waiter.classId === classId && waiter.methodId === methodId) {
      this.#waiting.shift();
      waiter.resolve(args);
    }
  }

  #checkConfirms() {
    this.#confirmWaiters = this.#confirmWaiters.filter((waiter) => {
      if (this.#confirmed < waiter.target) return true;
      waiter.resolve();
      return false;
    });
  }

  #fail(error) {
    if (this.#failure) return;
    this.#failure = error;
    for (const waiter of this.#waiting.splice(0)) waiter.reject(error);
    for (const waiter of this.#confirmWaiters.splice(0)) waiter.reject(error);
  }
}

function u16(value) {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(value);
  return b;
}
function u32(value) {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(value);
  return b;
}
function shortstr(text) {
  const bytes = Buffer.from(text);
  return Buffer.concat([Buffer.from([bytes.length]), bytes]);
}
function longstr(text) {
  const bytes = Buffer.from(text, 'latin1');
  return Buffer.concat([u32(bytes.length), bytes]);
}
function table() {
  return u32(0); // an empty field table
}
