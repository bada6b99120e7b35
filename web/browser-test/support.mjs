// What the browser tests stand on: the gateway jar as its own process, a TCP proxy that can cut
// the line, real Chromium, JWTs, and waiting on conditions (never on the clock alone).

import { execFile, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');
const JAR = process.env.BROWSER_TEST_JAR ?? path.join(repoRoot, 'app', 'target', 'monorail-ws.jar');

/**
 * Starts the gateway jar on free ports (its own, and the embedded broker's and store's, so several
 * gateways and a developer's own one can run side by side) and resolves once it says where it
 * listens.
 */
export async function startGateway({ env = {}, args = ['--demo'], timeoutMs = 90_000 } = {}) {
  const child = spawn('java', ['-jar', JAR, ...args], {
    cwd: repoRoot,
    env: {
      ...withoutGatewaySettings(process.env),
      MONORAIL_HOST: '127.0.0.1',
      MONORAIL_PORT: '0',
      MONORAIL_EMBEDDED_AMQP_PORT: '0',
      MONORAIL_EMBEDDED_MONGO_PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the gateway did not start within ${timeoutMs} ms:\n${output.slice(-4000)}`)),
      timeoutMs,
    );
    const read = (chunk) => {
      output += chunk;
      const match = /monorail-ws listening on wss?:\/\/[^\s/]+:(\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout.setEncoding('utf8').on('data', read);
    child.stderr.setEncoding('utf8').on('data', read);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the gateway exited with ${code} before listening:\n${output.slice(-4000)}`));
    });
  });
  // Keep draining its output so a chatty gateway never blocks on a full pipe.
  return {
    port,
    url: `http://127.0.0.1:${port}/`,
    log: () => output,
    /** The embedded broker's URI, from the banner; any AMQP client may publish to it. */
    amqpUri: () => /message bus: embedded AMQP \S+ broker at (amqp:\/\/\S+)/.exec(output)?.[1],
    /** Publishes count JSON bodies to exchange with routing keys <keyPrefix>.<n>, confirmed. */
    flood(exchange, keyPrefix, count) {
      const uri = this.amqpUri();
      if (!uri) throw new Error(`no embedded broker in the banner:\n${output.slice(-2000)}`);
      // The jar holds RabbitMQ's Java client: a one-file program on its class path publishes.
      return run('java', ['-cp', JAR, path.join(here, 'Flood.java'), uri, exchange, keyPrefix, String(count)]);
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

function run(command, args) {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} failed: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/**
 * A developer's own settings (a port, an external broker or MongoDB, a token secret) must not leak
 * into the gateways under test, and a MONORAIL_ variable the gateway does not know stops it: each
 * gateway gets only the settings its test names.
 */
function withoutGatewaySettings(env) {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('MONORAIL_')));
}

/**
 * A TCP proxy in front of the gateway. cut() drops every open connection and refuses new ones
 * until heal(), which is what a browser sees when a network path dies.
 */
export async function startProxy(targetPort) {
  const sockets = new Set();
  let refusing = false;
  const server = net.createServer((client) => {
    if (refusing) {
      client.destroy();
      return;
    }
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const [a, b] of [[client, upstream], [upstream, client]]) {
      sockets.add(a);
      a.pipe(b);
      a.on('error', () => b.destroy());
      a.on('close', () => {
        sockets.delete(a);
        b.destroy();
      });
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.address().port;
  return {
    port,
    url: `http://127.0.0.1:${port}/`,
    cut() {
      refusing = true;
      for (const socket of sockets) socket.destroy();
    },
    heal() {
      refusing = false;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Opens the console in a fresh context and records what the page complains about. */
export async function openConsole(browser, url, { colorScheme = 'dark' } = {}) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  const sockets = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));
  await page.goto(url);
  return { page, context, problems, sockets };
}

/** Polls fn until it returns a truthy value, or fails with the last value seen after timeoutMs. */
export async function eventually(fn, { timeoutMs = 20_000, everyMs = 200, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${last?.message ?? last}`);
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export async function number(page, selector) {
  return Number((await page.locator(selector).textContent()).replace(/[^\d]/g, ''));
}

/** An HS256 JWT, enough to speak to a gateway started with MONORAIL_JWT_SECRET. */
export function hs256(secret, claims) {
  const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

/** Saves a screenshot for the README when BROWSER_TEST_SCREENSHOTS names a folder; CI leaves it unset. */
export async function screenshot(page, name) {
  const folder = process.env.BROWSER_TEST_SCREENSHOTS;
  if (!folder) return;
  mkdirSync(folder, { recursive: true });
  await page.screenshot({ path: path.join(path.resolve(folder), name) });
}
