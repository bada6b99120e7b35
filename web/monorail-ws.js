// monorail-ws JavaScript client: one WebSocket to a monorail-ws gateway, with promises.
//
// ES module, no build step, no dependencies; runs in browsers and in Node 20+ (Node 20 needs
// `--experimental-websocket`, or pass `options.WebSocket`). Served by the gateway at
// /monorail-ws.js; copy this one file to vendor it. The protocol it speaks is described in the
// project's README ("The protocol in short", "No silent loss", "Security").

/** Close code of a connection whose token expired (the gateway's `CloseCode.TOKEN_EXPIRED`). */
const TOKEN_EXPIRED = 4001;
/** Close code of a connection whose session another connection resumed. */
const SESSION_TAKEN_OVER = 4002;

const DEFAULT_RECONNECT = Object.freeze({ initialDelayMs: 250, maxDelayMs: 30000 });

/**
 * Events the client emits itself; frames whose handler has one of these names are not emitted
 * a second time under it (an `error` frame, for one, is reported as the 'error' event).
 */
const LIFECYCLE_EVENTS = new Set([
  'open', 'close', 'error', 'message', 'ready', 'init', 'state', 'resumed', 'resync',
  'bus_unavailable', 'bus_available',
]);

/**
 * Why a request, a watch or a connection failed.
 *
 * `code` is the gateway's stable error code for an `error` frame (`unknown_type`,
 * `forbidden_operator`, `unauthorized`, `bus_unavailable`, ...), or one of the client's own:
 * `timeout` (no answer within `requestTimeoutMs`), `connection_lost` (the connection the request
 * went out on dropped before the answer), `closed` (the application disconnected),
 * `not_connected` (a request before `connect()`), `connect_failed` (the first connection could
 * not be opened), `unexpected_reply`.
 */
export class MonorailError extends Error {
  /**
   * @param {string} code
   * @param {string} message
   * @param {object} [frame] the `error` frame (or other frame) this failure comes from
   */
  constructor(code, message, frame) {
    super(message);
    this.name = 'MonorailError';
    /** @type {string} */
    this.code = code;
    /** @type {object|undefined} */
    this.frame = frame;
  }

  /** The failure an `error` frame reports. */
  static fromFrame(frame) {
    const params = frame.params || {};
    const code = typeof params.code === 'string' ? params.code : 'error';
    const type = frame.type ?? frame.resource;
    const text = `${code}${params.message ? ': ' + params.message : ''}${type ? ` (type ${type})` : ''}`;
    return new MonorailError(code, text, frame);
  }
}

/**
 * One watch the application holds. Several handles with the same resource and params share one
 * watch on the gateway; it ends there when the last of them stops.
 */
export class Watch {
  #client;
  #entry;
  #listener;
  #active = true;

  /** @internal created by {@link MonorailClient#watch} */
  constructor(client, entry, listener) {
    this.#client = client;
    this.#entry = entry;
    this.#listener = listener;
    /** The watched resource. @type {string} */
    this.type = entry.type;
    /** The watch's filter, as given. @type {object|undefined} */
    this.params = entry.params;
  }

  /** True until {@link Watch#stop}, a `stop` of the client, or a refusal by the gateway. */
  get active() {
    return this.#active;
  }

  /**
   * Ends this watch: no event reaches its listener after this call. The gateway is told once no
   * other handle uses the same watch.
   * @returns {Promise<void>} settles once the gateway has handled the `stop` (at once when the
   *   watch is still shared, or the client is not connected).
   */
  stop() {
    if (!this.#active) return Promise.resolve();
    this.#active = false;
    return this.#client._leave(this.#entry, this);
  }

  /** @internal */
  _deliver(event) {
    if (this.#active && this.#listener) this.#listener(event);
  }

  /** @internal the gateway ended or refused the watch, or the client ended it */
  _end() {
    this.#active = false;
  }
}

/**
 * A client of the monorail-ws gateway: requests answered by promises (correlated by `ref`),
 * watches whose events reach a callback, and a connection kept up by itself: it reconnects with
 * exponential backoff and full jitter, resumes its session with the last `seq` it saw (dropping
 * any frame it already saw), and when the gateway cannot resume it sets its watches up again
 * and emits 'resync'.
 *
 * Events (`on`, `once`, `off`): 'open'; 'close' `{code, reason, willReconnect}`; 'error' (a
 * {@link MonorailError}-like `{code, message, ref, frame}` for an `error` frame no request
 * waited for, or an `Error` of the transport); 'message' (every frame, after duplicates are
 * dropped); 'ready' and 'init' (a session is announced: `{session, resumed, frame}`); 'state'
 * (the new state); 'resumed' `{session, fromSeq, replayed}`; 'resync' `{session, reason,
 * frame}`; 'bus_unavailable' `{code, message, ref, frame}` (the gateway's message bus is or was
 * unreachable: events may be lost, query again); 'bus_available' (an outage report that says the
 * bus is back); and every other frame under its handler name (`item`, `remove`, `list`, ...).
 */
export class MonorailClient {
  #urls;
  #options;
  /** null when reconnecting is off, else { initialDelayMs, maxDelayMs } */
  #reconnect;
  #WebSocket;
  #token;
  #listeners = new Map();

  #state = 'idle';
  #ws = null;
  /** Each connection attempt gets a number; events of an older attempt are ignored. */
  #attempt = 0;
  #urlIndex = 0;
  #failures = 0;
  #retryTimer = null;
  /** The pending `connect()`: { promise, resolve, reject }. */
  #connecting = null;
  /** What the session frame on the current connection answers: 'init', 'resume' or null. */
  #handshake = null;
  #sessionOnLink = false;

  #sessionId = null;
  #lastSeq = 0;
  /** A session was announced since connect(): a new one now means the application must resync. */
  #hadSession = false;
  #nextRef = 0;
  /** ref -> { resolve, reject, timer, sent, frame } */
  #pending = new Map();
  /** Frames that wait for a usable connection, in order: { frame, ref } */
  #outbox = [];
  /** watch key -> entry; insertion order is the order watches are set up again */
  #watches = new Map();
  #watchesByRef = new Map();
  /** `stop` frames the gateway is owed for watches ended while the connection was down. */
  #owedStops = [];

  /**
   * @param {string} url `ws://host:port/` or `wss://...` (`http(s)://` is turned into `ws(s)://`);
   *   a path names the default resource of requests without a type, as in RackHD.
   * @param {object} [options]
   * @param {string|(() => string|Promise<string>)} [options.token] bearer token, or a function
   *   asked for one before each connection; sent as the `Sec-WebSocket-Protocol` entry
   *   `bearer.<token>` next to `monorail` (browsers cannot set an Authorization header)
   * @param {boolean} [options.tokenInQuery=false] send the token as `?access_token=` instead;
   *   URLs end up in proxy logs, so only as a last resort
   * @param {boolean|{initialDelayMs?: number, maxDelayMs?: number}} [options.reconnect=true]
   *   reconnect after a drop: attempt n waits a random time in [0, min(max, initial * 2^n)]
   * @param {number} [options.requestTimeoutMs=30000] how long a request waits for its answer
   * @param {number} [options.connectTimeoutMs=10000] how long opening a connection may take
   * @param {typeof WebSocket} [options.WebSocket] WebSocket constructor (default: the global one)
   * @param {string[]} [options.urls] gateway instances: after a failed attempt the next one is
   *   tried, in turn; after a drop the same one first, which may still hold the session
   *   (default: `[url]`)
   */
  constructor(url, options = {}) {
    this.#options = options;
    const urls = options.urls && options.urls.length ? [...options.urls] : [url];
    this.#urls = urls.map(toWebSocketUrl);
    this.#token = options.token;
    this.#WebSocket = options.WebSocket ?? globalThis.WebSocket;
    this.#reconnect = reconnectPolicy(options.reconnect ?? true);
  }

  /** 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed'; 'open' means a session is announced. */
  get state() {
    return this.#state;
  }

  /** The current session id, or null. Treat it as a secret: it lets its holder resume the session. */
  get sessionId() {
    return this.#sessionId;
  }

  /** The highest `seq` received in the current session (0 before any). */
  get lastSeq() {
    return this.#lastSeq;
  }

  // ---- events ----

  /** Calls `fn(payload)` on every event `name`. @returns {this} */
  on(name, fn) {
    let set = this.#listeners.get(name);
    if (!set) this.#listeners.set(name, (set = new Set()));
    set.add(fn);
    return this;
  }

  /** Calls `fn(payload)` on the next event `name` only. @returns {this} */
  once(name, fn) {
    const wrapper = (payload) => {
      this.off(name, wrapper);
      fn(payload);
    };
    wrapper.original = fn;
    return this.on(name, wrapper);
  }

  /** Removes a listener added with `on` or `once`. @returns {this} */
  off(name, fn) {
    const set = this.#listeners.get(name);
    if (!set) return this;
    for (const listener of set) {
      if (listener === fn || listener.original === fn) set.delete(listener);
    }
    return this;
  }

  // ---- the connection ----

  /**
   * Opens the connection and announces a session (`init`). When it is already open, resolves at
   * once. When the very first attempt fails (gateway unreachable, or the upgrade refused: a
   * wrong or expired token gets HTTP 401, another origin 403), rejects with `connect_failed`
   * and does not retry; once connected, drops are followed by reconnects (unless
   * `reconnect: false`).
   * @returns {Promise<{session: string, resumed: boolean}>}
   */
  connect() {
    if (this.#state === 'open') {
      return Promise.resolve({ session: this.#sessionId, resumed: false });
    }
    if (this.#connecting) return this.#connecting.promise;
    this.#connecting = deferred();
    const { promise } = this.#connecting;
    if (this.#state === 'idle' || this.#state === 'closed') {
      this.#failures = 0;
      this.#setState('connecting');
      this.#open();
    }
    return promise;
  }

  /**
   * Closes the connection for good: no reconnect, the session ends (a later `connect()` starts a
   * new one), waiting requests reject with `closed`, watches end.
   * @returns {Promise<void>} settles when the socket has closed (or after a second at most)
   */
  disconnect() {
    const ws = this.#ws;
    this.#attempt++; // whatever is under way is stale now
    clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    this.#ws = null;
    this.#handshake = null;
    this.#sessionOnLink = false;
    this.#sessionId = null;
    this.#lastSeq = 0;
    this.#hadSession = false;
    this.#failAll('closed', 'disconnected by the application');
    for (const entry of this.#watches.values()) entry.handles.forEach((h) => h._end());
    this.#watches.clear();
    this.#watchesByRef.clear();
    this.#owedStops = [];
    if (this.#connecting) {
      this.#connecting.reject(new MonorailError('closed', 'disconnected by the application'));
      this.#connecting = null;
    }
    const wasOpen = this.#state !== 'idle' && this.#state !== 'closed';
    this.#setState('closed');
    if (!ws || ws.readyState === 3 /* CLOSED */) {
      if (wasOpen && ws) this.#emit('close', { code: 1000, reason: 'client disconnect', willReconnect: false });
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      // A peer that never answers the close (a dead network) must not hold the caller.
      const timer = setTimeout(resolve, 1000);
      ws.addEventListener('close', () => {
        clearTimeout(timer);
        resolve();
      }, { once: true });
      try {
        ws.close(1000, 'client disconnect');
      } catch {
        resolve();
      }
      this.#emit('close', { code: 1000, reason: 'client disconnect', willReconnect: false });
    });
  }

  /**
   * Seed API: calls back (and resolves) once the connection has a session, connecting first
   * when the client is idle.
   * @param {() => void} [callback]
   * @returns {Promise<void>}
   */
  ready(callback) {
    const done = () => {
      if (callback) callback();
    };
    if (this.#state === 'open') {
      done();
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      this.once('ready', () => {
        done();
        resolve();
      });
      if (this.#state === 'idle' || this.#state === 'closed') this.connect().catch(reject);
    });
  }

  /**
   * Seed API: calls back (and resolves) with the session id once the connection has a session,
   * connecting first when the client is idle.
   * @param {(sessionId: string) => void} [callback]
   * @returns {Promise<string>}
   */
  init(callback) {
    return this.ready().then(() => {
      if (callback) callback(this.#sessionId);
      return this.#sessionId;
    });
  }

  // ---- requests ----

  /**
   * Every document of a collection resource (capped by the gateway's `MONORAIL_MAX_RESULTS`).
   * @param {string} type
   * @returns {Promise<object[]>}
   */
  all(type) {
    return this.#request(frameOf('all', type), 'list').then((reply) => reply.items ?? []);
  }

  /**
   * The documents matching a filter (a safe subset of MongoDB's query language).
   * @param {string} type
   * @param {object} [params] the filter
   * @param {{limit?: number, skip?: number, sort?: object, fields?: string[]}} [options]
   * @returns {Promise<object[]>}
   */
  query(type, params, options = {}) {
    const frame = frameOf('query', type, params);
    for (const key of ['limit', 'skip', 'sort', 'fields']) {
      if (options[key] !== undefined) frame[key] = options[key];
    }
    return this.#request(frame, 'list').then((reply) => reply.items ?? []);
  }

  /**
   * One document, or null when there is no such document (the gateway answers `remove`).
   * @param {string} type
   * @param {object} params usually `{ id }`
   * @returns {Promise<object|null>}
   */
  get(type, params) {
    return this.#request(frameOf('get', type, params), 'item', 'remove').then((reply) =>
      reply.handler === 'item' ? (reply.data ?? null) : null,
    );
  }

  /**
   * Sends a fresh token for the same subject (in-band `auth`): the connection, its session and
   * watches live on until the new token expires. The new token is also used for later
   * reconnects (unless `options.token` is a function, which is asked again each time).
   * @param {string} token
   * @returns {Promise<{expiresAt: string|null}>} rejects with `unauthorized` for a refused token
   */
  authenticate(token) {
    return this.#request({ handler: 'auth', token }, 'auth').then((reply) => {
      if (typeof this.#token !== 'function') this.#token = token;
      return { expiresAt: reply.expiresAt ?? null };
    });
  }

  // ---- watches ----

  /**
   * Watches a resource: `listener` gets every change until {@link Watch#stop}. Watches survive
   * reconnects: a resumed session keeps them (and replays what was missed), a new session gets
   * them set up again (and a 'resync' event, since changes in between are lost).
   *
   * The listener gets `{ kind, id, data, event, reason, resource, seq, frame }`: `kind` is
   * 'item', 'remove' or 'list' (the first answer of a snapshot watch, with `items`); `id` the
   * document id (or the routing key of a topic event); `event` the record event word
   * ('created', 'updated', 'destroyed', 'tag-added', ...) when there is one; `reason` 'enter' or
   * 'leave' when a document entered or left a filtered watch.
   *
   * @param {string} type
   * @param {object} [params] filter (topic resources: `exchange`, `routingKey`, ...)
   * @param {(event: object) => void} [listener]
   * @param {{snapshot?: boolean}} [options] `snapshot: true` first sends a `list` of what
   *   matches now
   * @returns {Promise<Watch>} resolves once the gateway has set the watch up (so nothing
   *   published after that is missed); rejects with the gateway's error (e.g. `unknown_type`,
   *   `forbidden`, `bus_unavailable`)
   */
  watch(type, params, listener, options = {}) {
    if (this.#state === 'idle' || this.#state === 'closed') {
      return Promise.reject(new MonorailError('not_connected', 'not connected: call connect() before watch'));
    }
    const key = watchKey(type, params);
    let entry = this.#watches.get(key);
    if (!entry) {
      entry = {
        key,
        type,
        params,
        snapshot: !!options.snapshot,
        ref: `w${++this.#nextRef}`,
        handles: new Set(),
        onServer: false,
        confirmation: deferred(),
        confirmed: false,
      };
      entry.confirmation.promise.catch(() => {}); // observed through each watch() call
      this.#watches.set(key, entry);
      this.#watchesByRef.set(entry.ref, entry);
      if (this.#usable()) this.#sendWatch(entry);
    }
    const handle = new Watch(this, entry, listener);
    entry.handles.add(handle);
    return entry.confirmation.promise.then(
      () => handle,
      (error) => {
        handle._end();
        throw error;
      },
    );
  }

  /**
   * Seed API: ends the watch with these params, or every watch of the type when `params` is
   * absent; its handles get no more events. Sent even when this client knows no such watch, as
   * the seed's client does.
   * @param {string} type
   * @param {object} [params]
   * @returns {Promise<void>} settles once the gateway has handled it (at once when not connected)
   */
  stop(type, params) {
    const key = params === undefined ? null : watchKey(type, params);
    let serverHadOne = false;
    for (const entry of [...this.#watches.values()]) {
      if (key === null ? entry.type === type : entry.key === key) {
        this.#forgetWatch(entry);
        entry.handles.forEach((h) => h._end());
        serverHadOne ||= entry.onServer;
      }
    }
    return this.#stopOnServer(frameOf('stop', type, params), serverHadOne, true);
  }

  /** @internal a handle stopped */
  _leave(entry, handle) {
    entry.handles.delete(handle);
    if (entry.handles.size > 0 || this.#watches.get(entry.key) !== entry) return Promise.resolve();
    this.#forgetWatch(entry);
    // Always with params: a stop without them would end every watch of the type.
    return this.#stopOnServer(frameOf('stop', entry.type, entry.params ?? {}), entry.onServer, false);
  }

  // ---- inside: the connection ----

  async #open() {
    const attempt = ++this.#attempt;
    const url = this.#urls[this.#urlIndex % this.#urls.length];
    let token;
    try {
      token = typeof this.#token === 'function' ? await this.#token() : this.#token;
    } catch (error) {
      if (attempt === this.#attempt) this.#attemptFailed(attempt, error);
      return;
    }
    if (attempt !== this.#attempt) return;
    if (!this.#WebSocket) {
      this.#attemptFailed(attempt, new Error('no WebSocket: pass options.WebSocket (Node 20 needs --experimental-websocket)'));
      return;
    }
    let target = url;
    const protocols = [];
    if (token) {
      if (this.#options.tokenInQuery) {
        const withToken = new URL(url);
        withToken.searchParams.set('access_token', token);
        target = withToken.toString();
      } else {
        // The gateway selects `monorail` and never echoes the token back.
        protocols.push('monorail', `bearer.${token}`);
      }
    }
    let ws;
    try {
      ws = protocols.length ? new this.#WebSocket(target, protocols) : new this.#WebSocket(target);
    } catch (error) {
      this.#attemptFailed(attempt, error);
      return;
    }
    this.#ws = ws;
    let opened = false;
    let failed = false;
    // Some WebSocket implementations (Node 20's) report a refused upgrade by 'error' alone, and a
    // connection dropped during the upgrade not at all: fail on the first sign, or on a timeout.
    const fail = (cause) => {
      if (opened || failed) return;
      failed = true;
      clearTimeout(handshakeTimer);
      try {
        ws.close();
      } catch {
        // already closing
      }
      if (attempt === this.#attempt) this.#attemptFailed(attempt, cause);
    };
    const connectTimeoutMs = this.#options.connectTimeoutMs ?? 10000;
    const handshakeTimer = setTimeout(
      () => fail(new Error(`could not open ${redact(url)} within ${connectTimeoutMs} ms`)),
      connectTimeoutMs,
    );
    ws.addEventListener('open', () => {
      clearTimeout(handshakeTimer);
      if (failed) return;
      if (attempt !== this.#attempt) return ws.close(1000, 'client disconnect');
      opened = true;
      this.#opened();
    });
    ws.addEventListener('message', (event) => {
      if (attempt === this.#attempt) this.#received(event.data);
    });
    ws.addEventListener('error', (event) => {
      if (!opened) {
        // Browsers say nothing more on purpose (no status code); Node says "non-101 status code".
        fail(new Error(`could not open ${redact(url)}${event?.message ? ': ' + event.message : ''}`));
        return;
      }
      if (attempt === this.#attempt) {
        this.#emit('error', event?.error instanceof Error ? event.error : new Error('WebSocket error'));
      }
    });
    ws.addEventListener('close', (event) => {
      if (!opened) {
        fail(new Error(`could not open ${redact(url)} (close ${event.code})`));
        return;
      }
      if (attempt !== this.#attempt) return;
      this.#ws = null;
      this.#lost(event.code, event.reason);
    });
  }

  #opened() {
    this.#sessionOnLink = false;
    this.#emit('open', undefined);
    if (this.#sessionId) {
      this.#handshake = 'resume';
      this.#sendNow({ handler: 'init', id: this.#sessionId, seq: this.#lastSeq });
    } else {
      this.#handshake = 'init';
      this.#lastSeq = 0;
      this.#sendNow({ handler: 'init' });
    }
  }

  #attemptFailed(attempt, cause) {
    if (attempt !== this.#attempt) return;
    this.#ws = null;
    if (this.#state === 'connecting') {
      // The first connection: report at once rather than retry into a wrong token or URL forever.
      const hint = this.#token
        ? '; the gateway refuses an upgrade with a missing, wrong or expired token (HTTP 401) and one from another origin (HTTP 403)'
        : '; is the gateway running there? With MONORAIL_AUTH=jwt it needs a token (options.token)';
      const error = new MonorailError('connect_failed', `${cause.message}${hint}`);
      this.#emit('error', error);
      this.#setState('closed');
      if (this.#connecting) {
        this.#connecting.reject(error);
        this.#connecting = null;
      }
      this.#failAll('connect_failed', error.message);
      return;
    }
    this.#emit('error', cause);
    // That instance is down or unreachable: the next attempt goes to the next of the urls.
    this.#scheduleReconnect(true);
  }

  #lost(code, reason) {
    this.#handshake = null;
    this.#sessionOnLink = false;
    const byServerForGood = code === TOKEN_EXPIRED || code === SESSION_TAKEN_OVER;
    const willReconnect = this.#reconnect !== null && !byServerForGood;
    if (code === SESSION_TAKEN_OVER) {
      // Resuming it back would take it from the other connection, and so on.
      this.#sessionId = null;
      this.#lastSeq = 0;
    }
    // What went out on this connection will not be answered; the rest waits for the next one.
    for (const [ref, pending] of [...this.#pending]) {
      if (pending.sent) this.#settle(ref, new MonorailError('connection_lost', 'the connection dropped before the answer came'));
    }
    this.#setState(willReconnect ? 'reconnecting' : 'closed');
    if (!willReconnect) {
      const why =
        code === TOKEN_EXPIRED ? 'token expired' : code === SESSION_TAKEN_OVER ? 'session resumed by another connection' : 'connection closed';
      this.#failAll('closed', `${why} (close ${code}${reason ? ' ' + reason : ''})`);
    }
    this.#emit('close', { code, reason, willReconnect });
    // After a drop the same instance is tried first: it may still hold the session.
    if (willReconnect) this.#scheduleReconnect(false);
  }

  /** @param {boolean} nextUrl whether the attempt goes to the next of the urls */
  #scheduleReconnect(nextUrl) {
    const policy = this.#reconnect;
    if (!policy) {
      this.#setState('closed');
      return;
    }
    this.#setState('reconnecting');
    const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.min(this.#failures, 30));
    this.#failures++;
    if (nextUrl) this.#urlIndex++;
    // Full jitter: clients dropped together (a gateway restart) do not come back in waves.
    const delay = Math.random() * ceiling;
    const attempt = this.#attempt;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      if (attempt === this.#attempt && this.#state === 'reconnecting') this.#open();
    }, delay);
  }

  #setState(state) {
    if (this.#state === state) return;
    this.#state = state;
    this.#emit('state', state);
  }

  // ---- inside: frames ----

  #received(text) {
    let frame;
    try {
      frame = JSON.parse(text);
    } catch {
      this.#emit('error', new Error('the gateway sent a frame that is not JSON'));
      return;
    }
    if (frame === null || typeof frame !== 'object' || Array.isArray(frame)) {
      this.#emit('error', new Error('the gateway sent a frame that is not a JSON object'));
      return;
    }
    if (typeof frame.seq === 'number') {
      // A replay may overlap what this client saw before the drop: drop what it already saw.
      if (frame.seq <= this.#lastSeq) return;
      this.#lastSeq = frame.seq;
    }
    this.#emit('message', frame);
    if (typeof frame.handler === 'string' && !LIFECYCLE_EVENTS.has(frame.handler)) {
      this.#emit(frame.handler, frame);
    }
    this.#route(frame);
  }

  #route(frame) {
    const ref = frame.ref === undefined || frame.ref === null ? null : String(frame.ref);
    if (ref !== null && this.#pending.has(ref)) {
      this.#answer(ref, frame);
      return;
    }
    if (frame.handler === 'session') {
      this.#onSession(frame);
      return;
    }
    const entry =
      ref !== null ? this.#watchesByRef.get(ref) : typeof frame.seq === 'number' ? this.#soleWatchOf(frame.type ?? frame.resource) : null;
    if (frame.handler === 'error') {
      const error = MonorailError.fromFrame(frame);
      this.#reportError(frame, error);
      if (entry) this.#watchRefused(entry, error);
      return;
    }
    if (entry) this.#deliver(entry, frame);
  }

  #answer(ref, frame) {
    const pending = this.#pending.get(ref);
    if (frame.handler === 'error') {
      const error = MonorailError.fromFrame(frame);
      if (error.code === 'bus_unavailable') this.#emit('bus_unavailable', errorPayload(frame, error));
      this.#settle(ref, error);
    } else if (pending.expect && !pending.expect.includes(frame.handler)) {
      this.#settle(ref, new MonorailError('unexpected_reply', `expected ${pending.expect.join(' or ')} but the gateway answered ${frame.handler}`, frame));
    } else {
      this.#settle(ref, null, frame);
    }
  }

  #reportError(frame, error) {
    const payload = errorPayload(frame, error);
    if (error.code === 'bus_unavailable') {
      this.#emit('bus_unavailable', payload);
      // The numbered outage report is sent when the bus is back (README, "Outages").
      if (typeof frame.seq === 'number' && frame.ref === undefined) this.#emit('bus_available', payload);
      return;
    }
    this.#emit('error', payload);
  }

  #onSession(frame) {
    const id = frame.id;
    if (typeof id !== 'string') {
      this.#emit('error', new Error('the gateway sent a session without an id'));
      return;
    }
    const answered = this.#handshake;
    this.#handshake = null;
    if (answered === null) {
      this.#emit('init', { session: id, resumed: false, frame });
      return;
    }
    const previous = this.#sessionId;
    const fromSeq = this.#lastSeq;
    const resumed = answered === 'resume' && frame.resumed === true && id === previous;
    const mustResync = !resumed && (answered === 'resume' || this.#hadSession);
    this.#hadSession = true;
    this.#sessionId = id;
    this.#sessionOnLink = true;
    if (!resumed) this.#lastSeq = 0;
    if (resumed) {
      // The gateway kept the watches it had; tell it what ended meanwhile, add what is new.
      this.#owedStops.splice(0).forEach((stop) => this.#sendNow(stop));
      for (const entry of this.#watches.values()) {
        if (!entry.onServer) this.#sendWatch(entry);
        else if (!entry.confirmed) this.#confirm(entry);
      }
    } else {
      this.#owedStops = [];
      for (const entry of this.#watches.values()) {
        entry.onServer = false;
        this.#sendWatch(entry);
      }
    }
    this.#flush();
    this.#failures = 0;
    this.#setState('open');
    this.#emit('init', { session: id, resumed, frame });
    if (this.#connecting) {
      this.#connecting.resolve({ session: id, resumed });
      this.#connecting = null;
    }
    this.#emit('ready', { session: id, resumed, frame });
    if (resumed) {
      // What arrives before a round trip after the resume is the replay (plus any live event
      // that raced it): counted for the 'resumed' event.
      const seqAtResume = fromSeq;
      this.#barrier().then(
        () => this.#emit('resumed', { session: id, fromSeq: seqAtResume, replayed: this.#lastSeq - seqAtResume }),
        () => {},
      );
    } else if (mustResync) {
      this.#emit('resync', { session: id, reason: frame.reason ?? (answered === 'resume' ? 'not_resumed' : 'no_session'), frame });
    }
  }

  #deliver(entry, frame) {
    const event = watchEvent(frame);
    for (const handle of [...entry.handles]) {
      try {
        handle._deliver(event);
      } catch (error) {
        reportListenerError(error);
      }
    }
  }

  #watchRefused(entry, error) {
    this.#forgetWatch(entry);
    entry.handles.forEach((h) => h._end());
    entry.confirmation.reject(error);
  }

  #soleWatchOf(type) {
    // A gateway that does not echo ref: unambiguous only with one watch of the type.
    let found = null;
    for (const entry of this.#watches.values()) {
      if (entry.type === type) {
        if (found) return null;
        found = entry;
      }
    }
    return found;
  }

  #sendWatch(entry) {
    const frame = frameOf('watch', entry.type, entry.params);
    if (entry.snapshot) frame.snapshot = true;
    frame.ref = entry.ref;
    this.#sendNow(frame);
    entry.onServer = true;
    if (!entry.confirmed) this.#confirm(entry);
  }

  /** Confirms a watch once a request sent after it is answered: frames are handled in order. */
  #confirm(entry) {
    this.#barrier().then(
      () => {
        if (this.#watchesByRef.get(entry.ref) === entry) {
          entry.confirmed = true;
          entry.confirmation.resolve();
        }
      },
      (error) => {
        // A drop before the answer: the watch is confirmed on the next connection instead.
        if (error.code !== 'connection_lost') entry.confirmation.reject(error);
      },
    );
  }

  /**
   * A plain `init` on a connection that has a session only names it again: a cheap request
   * whose answer says that everything sent before it has been handled.
   */
  #barrier() {
    return this.#request({ handler: 'init' }, 'session');
  }

  #forgetWatch(entry) {
    if (this.#watches.get(entry.key) === entry) this.#watches.delete(entry.key);
    if (this.#watchesByRef.get(entry.ref) === entry) this.#watchesByRef.delete(entry.ref);
  }

  #stopOnServer(stop, serverHasIt, evenIfUnknown) {
    if (this.#ws && this.#ws.readyState === 1 && (serverHasIt || evenIfUnknown)) {
      this.#sendNow(stop);
      if (this.#usable()) return this.#barrier().then(() => undefined, () => undefined);
      return Promise.resolve();
    }
    if (serverHasIt && this.#sessionId) this.#owedStops.push(stop);
    return Promise.resolve();
  }

  #request(frame, ...expect) {
    if (this.#state === 'idle' || this.#state === 'closed') {
      return Promise.reject(new MonorailError('not_connected', `not connected: call connect() before ${frame.handler}`));
    }
    const ref = `r${++this.#nextRef}`;
    frame.ref = ref;
    return new Promise((resolve, reject) => {
      const timeoutMs = this.#options.requestTimeoutMs ?? 30000;
      const pending = { resolve, reject, sent: false, expect };
      pending.timer = setTimeout(() => {
        this.#settle(ref, new MonorailError('timeout', `no answer to ${frame.handler} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#pending.set(ref, pending);
      if (this.#usable()) {
        pending.sent = true;
        this.#sendNow(frame);
      } else {
        this.#outbox.push({ frame, ref });
      }
    });
  }

  #settle(ref, error, reply) {
    const pending = this.#pending.get(ref);
    if (!pending) return;
    this.#pending.delete(ref);
    clearTimeout(pending.timer);
    if (error) pending.reject(error);
    else pending.resolve(reply);
  }

  #flush() {
    for (const { frame, ref } of this.#outbox.splice(0)) {
      const pending = this.#pending.get(ref);
      if (!pending) continue; // timed out meanwhile
      pending.sent = true;
      this.#sendNow(frame);
    }
  }

  #failAll(code, message) {
    this.#outbox = [];
    for (const ref of [...this.#pending.keys()]) this.#settle(ref, new MonorailError(code, message));
    for (const entry of [...this.#watches.values()]) {
      if (!entry.confirmed) this.#watchRefused(entry, new MonorailError(code, message));
    }
  }

  #usable() {
    return this.#sessionOnLink && this.#ws !== null && this.#ws.readyState === 1;
  }

  #sendNow(frame) {
    if (this.#ws && this.#ws.readyState === 1) this.#ws.send(JSON.stringify(frame));
  }

  #emit(name, payload) {
    const set = this.#listeners.get(name);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(payload);
      } catch (error) {
        reportListenerError(error);
      }
    }
  }
}

// ---- helpers ----

function reconnectPolicy(option) {
  if (option === false) return null;
  const policy = { ...DEFAULT_RECONNECT, ...(option === true ? {} : option) };
  if (!(policy.initialDelayMs > 0) || !(policy.maxDelayMs >= policy.initialDelayMs)) {
    throw new RangeError('reconnect needs 0 < initialDelayMs <= maxDelayMs');
  }
  return policy;
}

function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function frameOf(handler, type, params) {
  const frame = { handler };
  if (type !== undefined && type !== null) frame.type = type;
  if (params !== undefined) frame.params = params;
  return frame;
}

/** The event a watch listener gets for a watch frame. */
function watchEvent(frame) {
  const event = {
    kind: frame.handler,
    id: frame.id,
    data: frame.data,
    event: undefined,
    reason: frame.reason,
    resource: frame.type ?? frame.resource,
    seq: frame.seq,
    frame,
  };
  if (frame.handler === 'item' && Array.isArray(frame.id)) {
    // A record event: ["created" | "updated" | "tag-added" | ..., "<document id>"].
    [event.event, event.id] = frame.id;
  } else if (frame.handler === 'remove') {
    event.id = frame.id ?? frame.params?.id;
    if (frame.reason !== 'leave') event.event = 'destroyed';
  } else if (frame.handler === 'list') {
    event.items = frame.items ?? [];
  }
  return event;
}

function errorPayload(frame, error) {
  return { code: error.code, message: frame.params?.message ?? error.message, ref: frame.ref, frame };
}

/** Equal keys for equal (type, params), whatever the order of the params' fields. */
function watchKey(type, params) {
  return `${type ?? ''}\u0000${canonicalJson(params)}`;
}

function canonicalJson(value) {
  if (value === undefined) return '';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
}

function toWebSocketUrl(url) {
  const text = String(url);
  if (text.startsWith('http://')) return 'ws://' + text.slice(7);
  if (text.startsWith('https://')) return 'wss://' + text.slice(8);
  return text;
}

/** A URL fit for an error message: no token in its query. */
function redact(url) {
  try {
    const parsed = new URL(url);
    if (parsed.searchParams.has('access_token')) parsed.searchParams.set('access_token', '…');
    return parsed.toString();
  } catch {
    return '(invalid URL)';
  }
}

function reportListenerError(error) {
  // A failing listener must not break the client's own bookkeeping, nor go unnoticed.
  if (typeof globalThis.reportError === 'function') globalThis.reportError(error);
  else console.error('monorail-ws: a listener threw', error);
}
