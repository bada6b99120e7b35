// The console in real Chromium against the real gateway jar (--demo): connect, query, watch,
// resume across a cut line, and a refused token. Every wait is on a condition on the page.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  eventually,
  hs256,
  launchBrowser,
  number,
  openConsole,
  screenshot,
  startGateway,
  startProxy,
} from './support.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

describe('console against a --demo gateway', () => {
  let gateway;
  let proxy;
  before(async () => {
    gateway = await startGateway({ args: ['--demo'] });
    proxy = await startProxy(gateway.port);
  });
  after(async () => {
    await proxy?.close();
    await gateway?.stop();
  });

  test('the page loads from the gateway and connects by itself', async () => {
    const { page, context, problems, sockets } = await openConsole(browser, gateway.url);
    try {
      assert.equal(await page.title(), 'monorail-ws console');
      await page.locator('#conn-state[data-state="open"]').waitFor({ timeout: 20_000 });
      assert.match(await page.locator('#session-id').textContent(), /^\S{8,}$/);
      assert.equal(await page.locator('#conn-state-text').textContent(), 'connected');
      assert.deepEqual(sockets, [gateway.url.replace('http:', 'ws:')], 'one same-origin socket');
      assert.deepEqual(problems, [], 'no script errors and nothing blocked by the CSP');
    } finally {
      await context.close();
    }
  });

  test('a query shows the documents in a table', async () => {
    const { page, context, problems } = await openConsole(browser, gateway.url, { colorScheme: 'light' });
    try {
      await page.locator('#conn-state[data-state="open"]').waitFor({ timeout: 20_000 });
      await page.selectOption('#query-resource', 'nodes');
      await page.fill('#query-filter', '{"type": "compute"}');
      // The demo discovers a node every few seconds: ask again until there is one.
      await eventually(
        async () => {
          await page.click('#run-query');
          await page.locator('#docs-summary', { hasText: /documents? in|refused/ }).waitFor();
          return (await page.locator('#docs-viewport .vrow:not([hidden])').count()) > 0;
        },
        { timeoutMs: 30_000, everyMs: 1000, what: 'nodes in the table' },
      );
      assert.match(await page.locator('#docs-summary').textContent(), /^nodes: \d+ documents? in \d+ ms$/);
      const head = await page.locator('#docs-header span').allTextContents();
      assert.ok(head.includes('id') && head.includes('type'), `columns: ${head}`);
      const firstRow = page.locator('#docs-viewport .vrow').first();
      assert.match(await firstRow.textContent(), /compute/);
      await firstRow.click();
      assert.match(await page.locator('#detail').textContent(), /"type": "compute"/);

      await page.fill('#query-filter', '{"$where": "1"}');
      await page.click('#run-query');
      await page.locator('#docs-summary', { hasText: 'forbidden_operator' }).waitFor();
      await page.fill('#query-filter', '{"type": "compute"}');
      await page.click('#run-query');
      await page.locator('#docs-summary', { hasText: /^nodes: [1-9]\d* documents?/ }).waitFor();
      await screenshot(page, 'console-query.png');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('watches stream the demo events with counts and a rate, and stop', async () => {
    const { page, context, problems } = await openConsole(browser, gateway.url);
    try {
      await page.locator('#conn-state[data-state="open"]').waitFor({ timeout: 20_000 });
      for (const resource of ['nodes', 'workflows']) {
        await page.selectOption('#watch-resource', resource);
        await page.click('#start-watch');
        await page.locator(`.watch[data-resource="${resource}"][data-state="live"]`).waitFor();
      }
      await eventually(async () => (await number(page, '.watch[data-resource="workflows"] .watch-stats strong >> nth=0')) >= 3, {
        timeoutMs: 30_000,
        what: 'workflow events',
      });
      await eventually(async () => (await number(page, '.watch[data-resource="nodes"] .watch-stats strong >> nth=0')) >= 1, {
        timeoutMs: 30_000,
        what: 'node events',
      });
      await page.locator('#events-viewport .vrow', { hasText: 'workflows' }).first().waitFor();
      await page.locator('#events-viewport .vrow', { hasText: /created|updated/ }).first().waitFor();
      await eventually(async () => Number(await page.locator('#events-rate').textContent()) > 0, {
        what: 'an events/s rate',
      });
      const total = await number(page, '#events-total');
      assert.ok(total >= 4, `total ${total}`);
      await page.locator('#events-viewport .vrow', { hasText: 'workflows' }).last().click();
      assert.match(await page.locator('#detail').textContent(), /"handler": "item"/);
      await page.click('#run-query');
      await page.locator('#docs-summary', { hasText: /^nodes: / }).waitFor();
      if (process.env.BROWSER_TEST_SCREENSHOTS) {
        // A picture for the README is worth a fuller list than the assertions need.
        await eventually(async () => (await number(page, '#events-total')) >= 24, { timeoutMs: 60_000 });
        await page.locator('#events-viewport .vrow', { hasText: 'graph.started' }).last().click();
      }
      await screenshot(page, 'console-watch.png');

      await page.click('.watch[data-resource="nodes"] .stop');
      await page.locator('.watch[data-resource="nodes"]').waitFor({ state: 'detached' });
      await page.locator('#activity li', { hasText: 'stopped nodes' }).waitFor();
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('thousands of events in a burst: bounded buffer, bounded DOM, no stall', async () => {
    const { page, context, problems } = await openConsole(browser, gateway.url);
    try {
      await page.locator('#conn-state[data-state="open"]').waitFor({ timeout: 20_000 });
      // Long tasks are the browser's own measure of a main thread too busy to answer the user.
      await page.evaluate(() => {
        window.longTasks = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) window.longTasks.push(entry.duration);
        }).observe({ type: 'longtask' });
      });
      await page.selectOption('#watch-resource', 'mq');
      await page.fill('#watch-filter', '{"exchange": "on.events", "routingKey": "flood.#"}');
      await page.click('#start-watch');
      await page.locator('.watch[data-resource="mq"][data-state="live"]').waitFor();
      const count = 12_000;
      await gateway.flood('on.events', 'flood', count);
      await eventually(
        async () => (await number(page, '.watch[data-resource="mq"] .watch-stats strong >> nth=0')) >= count,
        { timeoutMs: 60_000, everyMs: 500, what: `${count} flood events counted` },
      );
      assert.equal(await number(page, '#events-shown'), 5000, 'the list keeps the newest 5,000');
      const rows = await page.locator('#events-viewport .vrow').count();
      assert.ok(rows < 100, `only the rows in view are in the DOM (${rows})`);
      await page.locator('#events-viewport .vrow', { hasText: `flood.${count}` }).waitFor();
      const longest = Math.max(0, ...(await page.evaluate(() => window.longTasks)));
      assert.ok(longest < 1000, `no task blocked the page for a second (longest ${longest} ms)`);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('a cut connection shows reconnecting, resumes the session and keeps counting', async () => {
    const { page, context, problems } = await openConsole(browser, proxy.url);
    try {
      await page.locator('#conn-state[data-state="open"]').waitFor({ timeout: 20_000 });
      const session = await page.locator('#session-id').textContent();
      await page.selectOption('#watch-resource', 'workflows');
      await page.click('#start-watch');
      await eventually(async () => (await number(page, '#events-total')) >= 2, {
        timeoutMs: 30_000,
        what: 'events before the cut',
      });

      proxy.cut();
      await page.locator('#conn-state[data-state="reconnecting"]').waitFor({ timeout: 20_000 });
      const beforeHeal = await number(page, '#events-total');
      proxy.heal();

      await page.locator('#conn-state[data-state="open"]').waitFor({ timeout: 30_000 });
      await page.locator('#resume-status[data-kind="ok"]', { hasText: 'resumed' }).waitFor({ timeout: 10_000 });
      assert.equal(await page.locator('#session-id').textContent(), session, 'the same session');
      await eventually(async () => (await number(page, '#events-total')) >= beforeHeal + 2, {
        timeoutMs: 30_000,
        what: 'events after the resume',
      });
      assert.equal(
        await page.locator('.watch[data-resource="workflows"][data-state="live"]').count(),
        1,
        'the watch is still listed',
      );
      // Script errors only: the cut itself makes the browser log failed requests.
      assert.deepEqual(problems.filter((p) => p.startsWith('page error')), []);
    } finally {
      await context.close();
    }
  });
});

describe('console against a gateway that requires a token', () => {
  const secret = 'browser-test-secret-0123456789abcdef0123456789';
  let gateway;
  before(async () => {
    gateway = await startGateway({
      args: [],
      env: { MONORAIL_AUTH: 'jwt', MONORAIL_JWT_SECRET: secret },
    });
  });
  after(async () => {
    await gateway?.stop();
  });

  test('no token, then a wrong token, get a clear message; a good one connects', async () => {
    const { page, context, problems, sockets } = await openConsole(browser, gateway.url);
    try {
      const message = page.locator('#conn-message');
      await message.filter({ hasText: 'requires a token' }).waitFor({ timeout: 20_000 });
      assert.equal(await page.locator('#conn-state').getAttribute('data-state'), 'closed');
      assert.ok(await page.locator('#token').isVisible(), 'the token field is offered');

      const exp = Math.floor(Date.now() / 1000) + 3600;
      await page.fill('#token', hs256('another-secret-another-secret-another-secret', { sub: 'mallory', exp }));
      await page.click('#connect');
      await message.filter({ hasText: 'refused this token' }).waitFor({ timeout: 20_000 });
      assert.equal(await page.locator('#conn-state').getAttribute('data-state'), 'closed');

      const good = hs256(secret, { sub: 'alice', roles: ['operator'], exp });
      await page.fill('#token', good);
      await page.click('#connect');
      await page.locator('#conn-state[data-state="open"]').waitFor({ timeout: 20_000 });
      assert.ok(await message.isHidden(), 'the message is gone once connected');
      for (const url of sockets) assert.ok(!url.includes('eyJ'), `no token in the URL ${url}`);
      assert.deepEqual(problems.filter((p) => p.startsWith('page error')), []);
    } finally {
      await context.close();
    }
  });
});
