// monorail-ws console: a page for people, on the JavaScript client (monorail-ws.js).
//
// Rules this file keeps: data from the gateway reaches the DOM only through textContent (never
// innerHTML); the page talks to its own origin only (the CSP allows nothing else); the token lives
// in the password field and the client, never in a URL or in storage; event bursts only touch
// JavaScript arrays, and the DOM is redrawn at most once per animation frame, for the rows in view.

import { MonorailClient } from './monorail-ws.js';

const COLLECTIONS = [
  'nodes', 'catalogs', 'skus', 'graphObjs', 'graphDefs', 'taskDefs', 'pollers', 'lookups',
  'files', 'profiles', 'templates',
];
const TOPICS = ['workflows', 'logs', 'mq'];
const WATCH_DEFAULTS = { mq: { exchange: 'on.events', routingKey: '#' } };

const EVENT_CAPACITY = 5000; // events kept for the list; older ones are dropped, never the page
const ACTIVITY_CAPACITY = 200;
const ROW_HEIGHT = 28; // must match .vrow in console.css
const RATE_WINDOW_MS = 5000;
const HEALTH_EVERY_MS = 5000;

const $ = (id) => document.getElementById(id);

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A fixed-capacity FIFO: pushing onto a full ring drops the oldest entry. */
class Ring {
  constructor(capacity) {
    this.capacity = capacity;
    this.clear();
  }
  clear() {
    this.items = new Array(this.capacity);
    this.start = 0;
    this.length = 0;
    this.dropped = 0;
  }
  push(item) {
    if (this.length < this.capacity) {
      this.items[(this.start + this.length) % this.capacity] = item;
      this.length++;
    } else {
      this.items[this.start] = item;
      this.start = (this.start + 1) % this.capacity;
      this.dropped++;
    }
  }
  get(i) {
    return this.items[(this.start + i) % this.capacity];
  }
}

/**
 * A scrolling list that keeps only the rows in view in the DOM (plus a few either side) and reuses
 * them, so ten thousand items cost as much to draw as thirty. Redraws are coalesced into one per
 * animation frame however often invalidate() is called.
 */
class VirtualList {
  constructor(viewport, { renderRow, onSelect, follow = false, header = null }) {
    this.viewport = viewport;
    this.header = header;
    this.renderRow = renderRow;
    this.onSelect = onSelect;
    this.follow = follow;
    this.source = { length: 0, get: () => undefined, dropped: 0 };
    this.seenDropped = 0;
    this.pool = [];
    this.pending = false;
    this.spacer = el('div', 'spacer-rows');
    this.layer = el('div', 'rows');
    this.layer.setAttribute('role', 'rowgroup');
    viewport.append(this.spacer, this.layer);
    viewport.addEventListener('scroll', () => this.onScroll(), { passive: true });
    new ResizeObserver(() => this.invalidate()).observe(viewport);
    this.layer.addEventListener('click', (e) => {
      const row = e.target.closest('.vrow');
      if (row && row.dataset.index !== undefined) this.onSelect?.(Number(row.dataset.index));
    });
    this.onFollowChange = () => {};
  }

  setSource(source) {
    this.source = source;
    this.seenDropped = source.dropped ?? 0;
    this.invalidate();
  }

  setFollow(follow) {
    this.follow = follow;
    this.onFollowChange(follow);
    this.invalidate();
  }

  invalidate() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.render();
    });
  }

  onScroll() {
    // The column heads sit outside the scrolling viewport: move them with it sideways.
    if (this.header) this.header.scrollLeft = this.viewport.scrollLeft;
    if (this.programmatic) {
      this.programmatic = false;
    } else if (this.follow && !this.atBottom()) {
      // The user scrolled up to read: stop pinning the list to the newest row.
      this.setFollow(false);
    }
    this.invalidate();
  }

  atBottom() {
    const v = this.viewport;
    return v.scrollTop + v.clientHeight >= v.scrollHeight - ROW_HEIGHT;
  }

  render() {
    const { viewport, source } = this;
    const count = source.length;
    this.spacer.style.height = `${count * ROW_HEIGHT}px`;
    const dropped = source.dropped ?? 0;
    if (this.follow) {
      const bottom = Math.max(0, count * ROW_HEIGHT - viewport.clientHeight);
      if (viewport.scrollTop !== bottom) {
        this.programmatic = true;
        viewport.scrollTop = bottom;
      }
    } else if (dropped > this.seenDropped) {
      // Rows left the top of a full buffer: keep the rows the user is reading in place.
      this.programmatic = true;
      viewport.scrollTop = Math.max(0, viewport.scrollTop - (dropped - this.seenDropped) * ROW_HEIGHT);
    }
    this.seenDropped = dropped;

    const overscan = 6;
    const first = Math.max(0, Math.floor(viewport.scrollTop / ROW_HEIGHT) - overscan);
    const last = Math.min(
      count,
      Math.ceil((viewport.scrollTop + viewport.clientHeight) / ROW_HEIGHT) + overscan,
    );
    const needed = Math.max(0, last - first);
    while (this.pool.length < needed) {
      const row = el('div', 'vrow');
      row.setAttribute('role', 'row');
      this.pool.push(row);
      this.layer.append(row);
    }
    for (let k = 0; k < this.pool.length; k++) {
      const row = this.pool[k];
      if (k >= needed) {
        row.hidden = true;
        continue;
      }
      const index = first + k;
      row.hidden = false;
      row.dataset.index = String(index);
      row.classList.toggle('alt', index % 2 === 1);
      this.renderRow(row, source.get(index), index);
    }
    this.layer.style.transform = `translateY(${first * ROW_HEIGHT}px)`;
  }
}

/** Fills a row's cells, creating them the first time; textContent only. */
function fillCells(row, count, fill) {
  if (row.childElementCount !== count) {
    row.replaceChildren();
    for (let i = 0; i < count; i++) row.append(el('span'));
  }
  fill(row.children);
}

function brief(value, max = 160) {
  if (value === undefined) return '';
  if (value === null) return 'null';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function clock(ms) {
  const d = new Date(ms);
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

function parseFilter(textarea) {
  const text = textarea.value.trim();
  textarea.removeAttribute('aria-invalid');
  if (text === '') return {};
  let value;
  try {
    value = JSON.parse(text);
  } catch (e) {
    textarea.setAttribute('aria-invalid', 'true');
    throw new Error(`The filter is not JSON: ${e.message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    textarea.setAttribute('aria-invalid', 'true');
    throw new Error('The filter must be a JSON object, e.g. {"type": "compute"}');
  }
  return value;
}

function describeError(e) {
  if (e && e.code) return e.message.startsWith(e.code) ? e.message : `${e.code}: ${e.message}`;
  return e?.message || String(e);
}

// ---------------------------------------------------------------------------------------------
// Activity log and status bar

const activity = $('activity');

function note(message, kind = 'info') {
  const li = el('li');
  li.dataset.kind = kind;
  li.append(el('time', '', clock(Date.now())), el('span', '', message));
  activity.prepend(li);
  while (activity.childElementCount > ACTIVITY_CAPACITY) activity.lastElementChild.remove();
}

const STATE_TEXT = {
  idle: 'not connected',
  connecting: 'connecting…',
  open: 'connected',
  reconnecting: 'reconnecting…',
  closed: 'closed',
};

function showState(state) {
  $('conn-state').dataset.state = state;
  $('conn-state-text').textContent = STATE_TEXT[state] ?? state;
  const open = state === 'open';
  $('run-query').disabled = !open;
  $('start-watch').disabled = !open;
  const active = state === 'connecting' || state === 'open' || state === 'reconnecting';
  $('connect').disabled = active;
  $('disconnect').disabled = !active;
}

function showBadge(id, text, kind) {
  const badge = $(id);
  badge.textContent = text;
  badge.dataset.kind = kind;
  badge.hidden = false;
}

function showMessage(text, kind) {
  const box = $('conn-message');
  box.textContent = text;
  box.dataset.kind = kind;
  box.hidden = !text;
}

// ---------------------------------------------------------------------------------------------
// Documents

let docs = [];
let docColumns = [];
let selected = null;
const PREFERRED_COLUMNS = [
  'id', 'name', 'type', 'instanceId', '_status', 'node', 'source', 'sku', 'injectableName',
  'friendlyName', 'createdAt', 'updatedAt',
];

function chooseColumns(items) {
  const seen = new Set();
  for (const item of items.slice(0, 200)) {
    if (item && typeof item === 'object') for (const key of Object.keys(item)) seen.add(key);
  }
  const columns = PREFERRED_COLUMNS.filter((key) => seen.has(key));
  for (const key of seen) {
    if (columns.length >= 8) break;
    if (!columns.includes(key)) columns.push(key);
  }
  return columns;
}

const docsList = new VirtualList($('docs-viewport'), {
  header: $('docs-header'),
  renderRow(row, doc) {
    fillCells(row, docColumns.length, (cells) => {
      docColumns.forEach((key, i) => {
        const value = doc?.[key];
        cells[i].textContent = value === undefined ? '' : brief(value, 120);
        cells[i].className = value === null || value === undefined ? 'cell-null' : 'cell-mono';
      });
    });
    row.setAttribute('aria-selected', String(doc === selected));
  },
  onSelect(index) {
    select(docs[index], `document ${docs[index]?.id ?? index}`);
  },
});

function showDocs(resource, items, millis) {
  docs = items;
  docColumns = chooseColumns(items);
  const template = docColumns.map((k) => (k === 'id' || k === 'instanceId' ? '210px' : 'minmax(120px, 1fr)')).join(' ');
  const head = $('docs-header');
  head.replaceChildren(...docColumns.map((key) => el('span', '', key)));
  // Column widths through the CSSOM: the CSP forbids style attributes, not this.
  head.style.gridTemplateColumns = template;
  docsList.layer.style.setProperty('--doc-columns', template);
  for (const row of docsList.pool) row.replaceChildren();
  docsList.layer.classList.add('docs-rows');
  $('docs-summary').textContent =
    `${resource}: ${items.length} document${items.length === 1 ? '' : 's'} in ${millis} ms`;
  docsList.setSource({ length: items.length, get: (i) => docs[i] });
}

// ---------------------------------------------------------------------------------------------
// Events and watches

const events = new Ring(EVENT_CAPACITY);
let eventsTotal = 0;
const rateSamples = []; // [time, total] once a second, for the rates
const watches = new Map(); // key -> watch view

function eventLabel(ev) {
  if (ev.reason === 'enter' || ev.reason === 'leave') return ev.reason;
  if (ev.event) return ev.event;
  if (ev.kind === 'remove') return 'removed';
  // Topic events: the routing key says what happened (graph.started.<id>, default.task.finished,
  // info); the ids in it are in the id column already.
  if (typeof ev.id === 'string' && TOPICS.includes(ev.resource)) {
    const words = ev.id.split('.').filter((w) => !/^[0-9a-f-]{12,}$/i.test(w));
    if (words.length) return words.join('.');
  }
  return ev.kind ?? 'item';
}

/** The colour class of an event label: what happened, whatever the resource calls it. */
function colourOf(label) {
  for (const word of ['created', 'destroyed', 'removed', 'enter', 'leave', 'started', 'finished', 'error']) {
    if (label.includes(word)) return word;
  }
  return 'updated';
}

function eventSummary(ev) {
  const data = ev.data;
  if (data && typeof data === 'object') {
    const parts = [];
    for (const key of ['name', 'message', 'graphName', 'taskName', 'action', 'status', '_status', 'state']) {
      if (typeof data[key] === 'string') parts.push(`${key}=${data[key]}`);
    }
    // RackHD's graph progress events carry what they say one level down.
    const progress = data.data?.progress;
    if (progress && typeof progress.description === 'string') {
      parts.push(`progress=${progress.percentage ?? ''} ${progress.description}`);
    }
    if (parts.length) return brief(parts.join('  '), 200);
  }
  return brief(data, 200);
}

const eventsList = new VirtualList($('events-viewport'), {
  header: $('events-header'),
  follow: true,
  renderRow(row, entry) {
    fillCells(row, 6, (cells) => {
      const ev = entry.ev;
      const label = eventLabel(ev);
      cells[0].textContent = clock(entry.at);
      cells[0].className = 'cell-mono';
      cells[1].textContent = ev.seq ?? '';
      cells[1].className = 'cell-mono num';
      cells[2].textContent = ev.resource ?? entry.watch.resource;
      cells[3].textContent = label;
      cells[3].className = 'ev';
      cells[3].dataset.ev = colourOf(label);
      cells[4].textContent = typeof ev.id === 'string' ? ev.id : brief(ev.id);
      cells[4].className = 'cell-mono';
      cells[5].textContent = entry.summary ??= eventSummary(ev);
      cells[5].className = 'cell-mono';
    });
    row.classList.add('events-grid');
    row.setAttribute('aria-selected', String(entry === selected));
  },
  onSelect(index) {
    const entry = events.get(index);
    select(entry, `event seq ${entry?.ev.seq ?? '?'} (${entry?.watch.resource})`);
  },
});
eventsList.setSource(events);
eventsList.onFollowChange = (follow) => $('follow').setAttribute('aria-pressed', String(follow));

function select(item, title) {
  selected = item;
  $('detail-title').textContent = title;
  const shown = item && item.ev ? item.ev.frame ?? item.ev : item;
  $('detail').textContent = JSON.stringify(shown, null, 2);
  docsList.invalidate();
  eventsList.invalidate();
}

function onEvent(watch, ev) {
  events.push({ at: Date.now(), watch, ev, summary: undefined });
  watch.count++;
  eventsTotal++;
  eventsList.invalidate();
  scheduleCounters();
}

let countersPending = false;
function scheduleCounters() {
  if (countersPending) return;
  countersPending = true;
  requestAnimationFrame(() => {
    countersPending = false;
    $('events-total').textContent = eventsTotal.toLocaleString();
    $('events-shown').textContent = events.length.toLocaleString();
    for (const w of watches.values()) w.countEl.textContent = w.count.toLocaleString();
    $('last-seq').textContent = client?.lastSeq ? String(client.lastSeq) : '–';
  });
}

function rate(samples, now, value) {
  const oldest = samples.find(([t]) => now - t <= RATE_WINDOW_MS) ?? [now, value];
  const seconds = (now - oldest[0]) / 1000;
  return seconds > 0 ? (value - oldest[1]) / seconds : 0;
}

setInterval(() => {
  const now = Date.now();
  rateSamples.push([now, eventsTotal]);
  while (rateSamples.length && now - rateSamples[0][0] > RATE_WINDOW_MS + 1000) rateSamples.shift();
  $('events-rate').textContent = rate(rateSamples, now, eventsTotal).toFixed(1);
  for (const w of watches.values()) {
    w.samples.push([now, w.count]);
    while (w.samples.length && now - w.samples[0][0] > RATE_WINDOW_MS + 1000) w.samples.shift();
    w.rateEl.textContent = rate(w.samples, now, w.count).toFixed(1);
  }
}, 1000);

function watchKey(resource, params) {
  return `${resource} ${JSON.stringify(params)}`;
}

async function startWatch(resource, params) {
  const key = watchKey(resource, params);
  if (watches.has(key)) {
    note(`already watching ${resource} ${JSON.stringify(params)}`, 'warn');
    return;
  }
  const view = {
    key, resource, params, count: 0, samples: [], handle: null,
    li: el('li', 'watch'),
    countEl: el('strong', '', '0'),
    rateEl: el('strong', '', '0.0'),
    stopButton: el('button', 'small stop', 'Stop'),
  };
  view.li.dataset.resource = resource;
  view.li.dataset.state = 'starting';
  const stats = el('span', 'watch-stats');
  stats.append(view.countEl, ' events · ', view.rateEl, '/s');
  view.stats = stats;
  view.stopButton.type = 'button';
  view.stopButton.addEventListener('click', () => stopWatch(view));
  view.li.append(
    el('span', 'watch-name', resource),
    view.stopButton,
    el('span', 'watch-params cell-mono', JSON.stringify(params)),
    stats,
  );
  watches.set(key, view);
  $('watch-list').append(view.li);
  $('no-watches').hidden = true;
  try {
    view.handle = await client.watch(resource, params, (ev) => onEvent(view, ev));
    view.li.dataset.state = 'live';
    note(`watching ${resource} ${JSON.stringify(params)}`, 'ok');
  } catch (e) {
    view.li.dataset.state = 'failed';
    stats.textContent = `refused: ${describeError(e)}`;
    view.stopButton.textContent = 'Dismiss';
    note(`watch ${resource} refused: ${describeError(e)}`, 'bad');
  }
}

async function stopWatch(view) {
  watches.delete(view.key);
  view.li.remove();
  $('no-watches').hidden = watches.size > 0;
  if (view.li.dataset.state !== 'live' || !view.handle) return;
  try {
    await view.handle.stop();
    note(`stopped ${view.resource} after ${view.count} events`, 'info');
  } catch (e) {
    note(`stop ${view.resource}: ${describeError(e)}`, 'warn');
  }
}

function dropAllWatches() {
  for (const view of watches.values()) view.li.remove();
  watches.clear();
  $('no-watches').hidden = false;
}

// ---------------------------------------------------------------------------------------------
// Connection

const gatewayUrl = (() => {
  const url = new URL('/', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
})();
$('gateway-url').textContent = gatewayUrl;

let client = null;
let attempt = 0; // tells the handlers of a client that was replaced to keep quiet

async function gatewayReachable() {
  try {
    const response = await fetch('/health', { cache: 'no-store' });
    return response.status === 200 || response.status === 503;
  } catch {
    return false;
  }
}

/**
 * A browser cannot read the status of a refused WebSocket upgrade: the socket just closes (1006)
 * before it opens. When the gateway still answers /health, the refusal is the gateway's own, and
 * for a page served by the gateway itself (same origin, so never the 403 of the origin check) that
 * is the 401 of a missing or rejected token.
 */
async function explainRefusal(mine, usedToken) {
  const reachable = await gatewayReachable();
  if (mine !== attempt) return;
  if (!reachable) {
    showMessage(`Cannot reach the gateway at ${gatewayUrl}. Is it running?`, 'bad');
    return;
  }
  // Retrying with the same token would be refused the same way: stop and ask for one.
  const stopping = client;
  attempt++;
  stopping?.disconnect().catch(() => {});
  showState('closed');
  $('token-row').hidden = false;
  $('show-token').hidden = true;
  $('token').focus();
  showBadge('resume-status', 'not authorized', 'bad');
  showMessage(
    usedToken
      ? 'Not authorized: the gateway refused this token (HTTP 401). It may have expired, or be signed with another key or for another issuer. Paste a valid token and connect again.'
      : 'Not authorized: this gateway requires a token (MONORAIL_AUTH=jwt). Paste a JWT above and connect again.',
    'bad',
  );
  note(usedToken ? 'token refused (401)' : 'the gateway requires a token (401)', 'bad');
}

async function connect() {
  const mine = ++attempt;
  const token = $('token').value.trim() || undefined;
  showMessage('', 'info');
  $('resume-status').hidden = true;
  let everOpen = false;
  const c = new MonorailClient(gatewayUrl, { token, reconnect: true });
  client = c;
  const live = () => mine === attempt;

  c.on('state', (state) => {
    if (!live()) return;
    showState(state);
    if (state === 'open') everOpen = true;
    if (state === 'open' || state === 'reconnecting') scheduleCounters();
    if (state === 'reconnecting') note('connection lost; reconnecting', 'warn');
    if (state === 'closed') dropAllWatches();
  });
  c.on('close', (info) => {
    if (!live()) return;
    const code = info?.code;
    if (!everOpen) {
      explainRefusal(mine, Boolean(token));
      return;
    }
    if (code === 4001) {
      $('token-row').hidden = false;
      showMessage('The token expired (close 4001). Paste a fresh token and connect again.', 'bad');
    } else if (code === 4002) {
      showMessage('This session was resumed by another connection (close 4002).', 'warn');
    } else if (info && !info.willReconnect && code !== 1000) {
      showMessage(`Connection closed (${code}${info.reason ? `: ${info.reason}` : ''}).`, 'warn');
    }
  });
  c.on('resumed', (info) => {
    if (!live()) return;
    $('session-id').textContent = c.sessionId ?? info?.session ?? '–';
    const replayed = info?.replayed;
    showBadge('resume-status', replayed ? `resumed · ${replayed} replayed` : 'resumed', 'ok');
    note(`session resumed${replayed ? `, ${replayed} events replayed` : ''}: nothing lost`, 'ok');
  });
  c.on('resync', () => {
    if (!live()) return;
    $('session-id').textContent = c.sessionId ?? '–';
    showBadge('resume-status', 'new session · watches set up again', 'warn');
    note('the gateway could not resume the session (resumed:false); watches were set up again and events in between may be missing: query again', 'warn');
  });
  c.on('bus_unavailable', (info) => {
    if (!live()) return;
    const message = info?.message ?? info?.params?.message ?? info?.frame?.params?.message ?? 'the message bus was unreachable';
    showBadge('bus-status', 'bus outage', 'bad');
    showMessage(`Message bus outage: ${message}`, 'warn');
    note(`bus_unavailable: ${message}`, 'bad');
  });
  c.on('bus_available', () => {
    if (!live()) return;
    showBadge('bus-status', 'bus up', 'ok');
    note('message bus available again', 'ok');
  });
  c.on('error', (e) => {
    if (!live() || e?.code === 'bus_unavailable') return;
    if (e?.code) note(`error ${describeError(e)}`, 'bad');
  });

  showState('connecting');
  note(`connecting to ${gatewayUrl}${token ? ' with a token' : ''}`);
  try {
    const { session, resumed } = await c.connect();
    if (!live()) return;
    everOpen = true;
    showState(c.state ?? 'open');
    $('session-id').textContent = session ?? c.sessionId ?? '–';
    if (resumed) showBadge('resume-status', 'resumed', 'ok');
    showMessage('', 'info');
    note(`connected, session ${session}`, 'ok');
  } catch (e) {
    if (!live()) return;
    if (!everOpen) {
      explainRefusal(mine, Boolean(token));
    } else {
      showMessage(`Connection failed: ${describeError(e)}`, 'bad');
    }
  }
}

async function disconnect() {
  const c = client;
  attempt++;
  client = null;
  dropAllWatches();
  showState('closed');
  $('session-id').textContent = '–';
  $('resume-status').hidden = true;
  note('disconnected');
  try {
    await c?.disconnect();
  } catch {
    // Already gone: nothing to end.
  }
}

// ---------------------------------------------------------------------------------------------
// Gateway health: the same /health any visitor may read, for the bus and store indicators.

let lastBus = null;

async function pollHealth() {
  try {
    const response = await fetch('/health', { cache: 'no-store' });
    const health = await response.json();
    if (lastBus !== null && health.bus !== lastBus) {
      note(`message bus is ${health.bus}`, health.bus === 'up' ? 'ok' : 'bad');
    }
    lastBus = health.bus;
    const down = ['bus', 'store'].filter((part) => health[part] !== 'up');
    showBadge(
      'bus-status',
      down.length ? `${down.join(' and ')} down` : 'bus up · store up',
      down.length ? 'bad' : 'ok',
    );
  } catch {
    showBadge('bus-status', 'gateway unreachable', 'bad');
  }
}

// ---------------------------------------------------------------------------------------------
// Controls

function fillSelect(select, names, selectedName) {
  for (const name of names) {
    const option = el('option', '', name);
    option.value = name;
    if (name === selectedName) option.selected = true;
    select.append(option);
  }
}

fillSelect($('query-resource'), COLLECTIONS, 'nodes');
fillSelect($('watch-resource'), [...COLLECTIONS.slice(0, 4), ...TOPICS, ...COLLECTIONS.slice(4)], 'nodes');

$('watch-resource').addEventListener('change', () => {
  const defaults = WATCH_DEFAULTS[$('watch-resource').value];
  const area = $('watch-filter');
  if (defaults && area.value.trim() === '') area.value = JSON.stringify(defaults);
});

$('connect-form').addEventListener('submit', (e) => {
  e.preventDefault();
  connect();
});
$('disconnect').addEventListener('click', () => disconnect());
$('show-token').addEventListener('click', () => {
  $('token-row').hidden = false;
  $('show-token').hidden = true;
  $('token').focus();
});

$('query-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const resource = $('query-resource').value;
  let filter;
  try {
    filter = parseFilter($('query-filter'));
  } catch (err) {
    $('docs-summary').textContent = err.message;
    return;
  }
  const started = performance.now();
  $('docs-summary').textContent = `querying ${resource}…`;
  try {
    const items = await client.query(resource, filter);
    showDocs(resource, Array.isArray(items) ? items : [], Math.round(performance.now() - started));
  } catch (err) {
    $('docs-summary').textContent = `query refused: ${describeError(err)}`;
    note(`query ${resource}: ${describeError(err)}`, 'bad');
  }
});

$('watch-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const resource = $('watch-resource').value;
  let params;
  try {
    params = parseFilter($('watch-filter'));
  } catch (err) {
    note(err.message, 'bad');
    return;
  }
  startWatch(resource, params);
});

$('follow').addEventListener('click', () => {
  eventsList.setFollow(!eventsList.follow);
});
$('clear-events').addEventListener('click', () => {
  events.clear();
  eventsList.setSource(events);
  scheduleCounters();
});

const THEMES = ['system', 'dark', 'light'];
function applyTheme(theme) {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
  $('theme-toggle').title = `Theme: ${theme} (click to change)`;
}
let theme = localStorage.getItem('monorail-console-theme') ?? 'system';
applyTheme(theme);
$('theme-toggle').addEventListener('click', () => {
  theme = THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length];
  localStorage.setItem('monorail-console-theme', theme);
  applyTheme(theme);
});

showState('idle');
pollHealth();
setInterval(pollHealth, HEALTH_EVERY_MS);
// The page is served by the gateway it talks to: connect at once, as a person would expect.
connect();
