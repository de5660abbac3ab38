import { ConflictError, StoreUnavailableError } from './errors.mjs';

const REQUEST_TIMEOUT_MS = 2_000;
const TOTAL_DEADLINE_MS = 15_000;
const WATCH_RECONNECT_MS = 100;

/**
 * The distributed store: etcd v3 through its JSON gateway (`/v3/kv/range`, `/v3/kv/txn`,
 * `/v3/watch`) over plain HTTP, so there is no gRPC dependency and every Node fetch works.
 * Compare-and-swap is one etcd transaction comparing the key's mod_revision (or create_revision 0
 * for "must not exist"), so the cluster decides who wins, never the client.
 *
 * Requests go to one endpoint and move to the next when it is down or slow; a write whose answer
 * was lost is retried, and a "conflict" whose current value is exactly what we wrote counts as
 * our own write landing (no write is lost or reported twice when a node dies mid-request).
 *
 * @example
 * ```js
 * const store = openEtcdStore(['http://127.0.0.1:2379', 'http://127.0.0.1:22379']);
 * const stop = store.watch('/atrium/mfes/', () => refresh());
 * ```
 * @param {string[]} endpoints base URLs, e.g. http://127.0.0.1:2379
 * @returns {import('./store.mjs').Store}
 */
export function openEtcdStore(endpoints) {
  if (endpoints.length === 0) throw new TypeError('etcd store: give at least one endpoint, e.g. ATRIUM_STORE=etcd://127.0.0.1:2379');
  let preferred = 0;
  /** @type {Set<AbortController>} */
  const open = new Set();
  let closed = false;

  /**
   * POSTs to the preferred endpoint, moving along the list on network errors and timeouts until
   * the deadline. `onRetry` runs before a retry that follows a request whose fate is unknown.
   * @param {string} path
   * @param {unknown} body
   */
  async function call(path, body) {
    const deadline = Date.now() + TOTAL_DEADLINE_MS;
    /** @type {unknown} */
    let lastError;
    for (let attempt = 0; Date.now() < deadline && !closed; attempt++) {
      const endpoint = /** @type {string} */ (endpoints[preferred % endpoints.length]);
      try {
        const response = await fetch(`${endpoint}${path}`, {
          method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' },
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        const text = await response.text();
        if (response.ok) return { result: JSON.parse(text), retried: attempt > 0 };
        // 503 and friends while a leader is elected: try another member.
        lastError = new Error(`${endpoint}${path} answered ${response.status}: ${text.slice(0, 200)}`);
        if (response.status < 500) throw new StoreUnavailableError(`etcd refused ${path}: ${text.slice(0, 300)}`);
      } catch (error) {
        if (error instanceof StoreUnavailableError) throw error;
        lastError = error;
      }
      preferred++;
      if (attempt >= endpoints.length - 1) await sleep(Math.min(50 * attempt, 500));
    }
    const cause = lastError instanceof Error ? (lastError.cause instanceof Error ? `${lastError.message}: ${lastError.cause.message}` : lastError.message) : String(lastError);
    throw new StoreUnavailableError(`etcd at ${endpoints.join(', ')} did not answer within ${TOTAL_DEADLINE_MS / 1000} s (${cause}) — is the cluster running and does it have a quorum?`, lastError);
  }

  return {
    description: `etcd ${endpoints.map((e) => e.replace(/^https?:\/\//, '')).join(',')}`,
    async get(key) {
      const { result } = await call('/v3/kv/range', { key: b64(key) });
      const kv = result.kvs?.[0];
      return kv ? entryOf(kv) : undefined;
    },
    async list(prefix) {
      const { result } = await call('/v3/kv/range', { key: b64(prefix), range_end: prefixEnd(prefix) });
      return { revision: Number(result.header.revision), entries: (result.kvs ?? []).map(entryOf) };
    },
    async put(key, value, options = {}) {
      const text = JSON.stringify(value);
      if (options.expect === undefined) {
        const { result } = await call('/v3/kv/put', { key: b64(key), value: b64(text) });
        return { revision: Number(result.header.revision) };
      }
      const compare = options.expect === 0
        ? { key: b64(key), result: 'EQUAL', target: 'CREATE', create_revision: '0' }
        : { key: b64(key), result: 'EQUAL', target: 'MOD', mod_revision: String(options.expect) };
      const { result, retried } = await call('/v3/kv/txn', {
        compare: [compare],
        success: [{ request_put: { key: b64(key), value: b64(text) } }],
        failure: [{ request_range: { key: b64(key) } }],
      });
      if (result.succeeded) return { revision: Number(result.header.revision) };
      const kv = result.responses?.[0]?.response_range?.kvs?.[0];
      // Our first attempt landed but its answer was lost: the value there is ours.
      if (retried && kv && Buffer.from(kv.value ?? '', 'base64').toString('utf8') === text) return { revision: Number(kv.mod_revision) };
      throw new ConflictError(key, options.expect, kv ? entryOf(kv) : undefined);
    },
    watch(prefix, onChange) {
      const controller = new AbortController();
      open.add(controller);
      void (async () => {
        let reconnect = false;
        while (!controller.signal.aborted) {
          const endpoint = /** @type {string} */ (endpoints[preferred % endpoints.length]);
          try {
            const response = await fetch(`${endpoint}/v3/watch`, {
              method: 'POST', signal: controller.signal, headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ create_request: { key: b64(prefix), range_end: prefixEnd(prefix) } }),
            });
            if (!response.ok || !response.body) throw new Error(`watch answered ${response.status}`);
            let buffered = '';
            const decoder = new TextDecoder();
            for await (const chunk of response.body) {
              buffered += decoder.decode(chunk, { stream: true });
              let newline;
              while ((newline = buffered.indexOf('\n')) >= 0) {
                const line = buffered.slice(0, newline).trim();
                buffered = buffered.slice(newline + 1);
                if (!line) continue;
                const message = JSON.parse(line).result ?? {};
                // The first message confirms the watch: changes made while we were away are read again.
                if (message.created && reconnect) onChange(Number(message.header?.revision ?? 0));
                if (message.events?.length) onChange(Number(message.header?.revision ?? 0));
              }
            }
          } catch {
            // A member died or the stream broke: the next member takes over below.
          }
          if (controller.signal.aborted) break;
          reconnect = true;
          preferred++;
          await sleep(WATCH_RECONNECT_MS);
        }
      })();
      return {
        close() {
          controller.abort();
          open.delete(controller);
        },
      };
    },
    async close() {
      closed = true;
      for (const controller of open) controller.abort();
      open.clear();
    },
  };
}

/** @param {any} kv @returns {import('./store.mjs').StoredEntry} */
function entryOf(kv) {
  return {
    key: Buffer.from(kv.key, 'base64').toString('utf8'),
    value: JSON.parse(Buffer.from(kv.value ?? '', 'base64').toString('utf8')),
    revision: Number(kv.mod_revision),
    createRevision: Number(kv.create_revision),
  };
}

/** @param {string} s */
function b64(s) {
  return Buffer.from(s, 'utf8').toString('base64');
}

/** The first key after every key with this prefix (etcd's range_end for a prefix), base64. */
function prefixEnd(/** @type {string} */ prefix) {
  const bytes = Buffer.from(prefix, 'utf8');
  for (let i = bytes.length - 1; i >= 0; i--) {
    if (/** @type {number} */ (bytes[i]) < 0xff) {
      bytes[i] = /** @type {number} */ (bytes[i]) + 1;
      return bytes.subarray(0, i + 1).toString('base64');
    }
  }
  return Buffer.from([0]).toString('base64');
}

/** @param {number} ms */
function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}
