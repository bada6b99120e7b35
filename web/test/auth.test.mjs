// The bearer token against a gateway started with MONORAIL_AUTH=jwt (MONORAIL_JWT_URL, with
// MONORAIL_JWT_SECRET its HS256 secret and MONORAIL_JWT_CLOCK_SKEW_SECONDS=0).

import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { MonorailClient, MonorailError } from '../monorail-ws.js';
import { env, jwtSkip, nextEvent, startProxy, token } from '../test-support/helpers.mjs';

const FAST = { initialDelayMs: 20, maxDelayMs: 200 };

describe('authentication', { skip: jwtSkip() }, () => {
  const cleanups = [];

  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  function client(url, options) {
    const created = new MonorailClient(url, { reconnect: FAST, ...options });
    cleanups.push(() => created.disconnect());
    return created;
  }

  async function proxied() {
    const proxy = await startProxy(env.jwtUrl);
    cleanups.push(() => proxy.close());
    return proxy;
  }

  test('the token goes in Sec-WebSocket-Protocol next to monorail, not in the URL', async () => {
    const proxy = await proxied();
    const alice = token('alice');
    const authed = client(proxy.url, { token: alice });

    await authed.connect();

    assert.equal(authed.state, 'open');
    assert.ok(Array.isArray(await authed.all('nodes')));
    const [upgrade] = proxy.upgrades;
    const [requestLine] = upgrade.split('\r\n');
    assert.match(upgrade, new RegExp(`^sec-websocket-protocol: *monorail, *bearer\\.${alice.replaceAll('.', '\\.')}\\r$`, 'im'));
    assert.ok(!requestLine.includes(alice), 'no token in the request line');
    assert.doesNotMatch(upgrade, /^authorization:/im);
  });

  test('a token function is asked again for every connection', async () => {
    const proxy = await proxied();
    let issued = 0;
    const tokens = [];
    const authed = client(proxy.url, {
      token: async () => {
        const fresh = token('alice', [], 3600, { claims: { jti: `t${++issued}` } });
        tokens.push(fresh);
        return fresh;
      },
    });
    await authed.connect();
    const resumed = nextEvent(authed, 'resumed');
    proxy.cut();
    await resumed;

    assert.equal(tokens.length, 2);
    assert.equal(proxy.upgrades.length, 2);
    assert.ok(proxy.upgrades[1].includes(`bearer.${tokens[1]}`));
  });

  test('with tokenInQuery the token goes in access_token instead', async () => {
    const proxy = await proxied();
    const bob = token('bob');
    const authed = client(proxy.url, { token: bob, tokenInQuery: true });

    await authed.connect();

    const [requestLine] = proxy.upgrades[0].split('\r\n');
    assert.ok(requestLine.includes(`access_token=${bob}`));
    assert.doesNotMatch(proxy.upgrades[0], /bearer\./);
  });

  test('a wrong token, or none, fails connect clearly and does not retry', async () => {
    const forged = token('mallory', ['admin'], 3600, { secret: 'another-secret-that-is-at-least-32-bytes' });
    for (const [what, options] of [
      ['a forged token', { token: forged }],
      ['an expired token', { token: token('alice', [], -60) }],
      ['no token', {}],
    ]) {
      const refused = client(env.jwtUrl, options);
      await assert.rejects(
        refused.connect(),
        (error) => {
          assert.ok(error instanceof MonorailError, what);
          assert.equal(error.code, 'connect_failed', what);
          assert.match(error.message, /token/, what);
          return true;
        },
        what,
      );
      assert.equal(refused.state, 'closed', what);
    }
  });

  test('an in-band refresh keeps the connection past the old expiry; without one it closes with 4001 for good', async () => {
    const shortLived = token('dave', [], 3);
    const refreshed = client(env.jwtUrl, { token: shortLived });
    const control = client(env.jwtUrl, { token: shortLived });
    await refreshed.connect();
    await control.connect();
    const closes = [];
    refreshed.on('close', (event) => closes.push(event));
    const controlClosed = nextEvent(control, 'close', 10000 + 1000 * Number(process.env.MONORAIL_JWT_CLOCK_SKEW_SECONDS || 0));

    const { expiresAt } = await refreshed.authenticate(token('dave', [], 3600));
    await assert.rejects(refreshed.authenticate(token('eve', [], 3600)), { code: 'unauthorized' });

    assert.ok(Date.parse(expiresAt) > Date.now() + 30 * 60 * 1000);
    // The sweep that closes the control connection would have closed the refreshed one too.
    const close = await controlClosed;
    assert.equal(close.code, 4001);
    assert.equal(close.willReconnect, false);
    assert.equal(control.state, 'closed');
    assert.ok(Array.isArray(await refreshed.all('nodes')));
    assert.equal(refreshed.state, 'open');
    assert.deepEqual(closes, []);
  });
});
