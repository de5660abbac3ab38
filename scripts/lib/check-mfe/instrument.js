// check-mfe's init script: runs in the harness page before any other script. It keeps a ledger
// of what is active on window/document (event listeners) and in the timer queues (timeouts,
// intervals, animation frames), with the stack that created each, so the check can say what an
// MFE left behind after unmount and where in its code it came from. Plain browser JS on purpose:
// it is injected as text.
(() => {
  const ledger = new Map();
  let nextId = 1;
  const original = {
    addEventListener: EventTarget.prototype.addEventListener,
    removeEventListener: EventTarget.prototype.removeEventListener,
    setTimeout: window.setTimeout.bind(window),
    clearTimeout: window.clearTimeout.bind(window),
    setInterval: window.setInterval.bind(window),
    clearInterval: window.clearInterval.bind(window),
    requestAnimationFrame: window.requestAnimationFrame.bind(window),
    cancelAnimationFrame: window.cancelAnimationFrame.bind(window),
  };

  function stack() {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 40;
    const text = new Error().stack ?? '';
    Error.stackTraceLimit = limit;
    return text.split('\n').slice(2).join('\n');
  }

  function record(entry) {
    const id = nextId++;
    ledger.set(id, { id, ...entry, stack: stack() });
    return id;
  }

  // Only the page-wide targets: listeners on an MFE's own nodes go away with its DOM.
  const watched = (target) => target === window || target === document || target === document.documentElement || target === document.body;
  const targetName = (target) => (target === window ? 'window' : target === document ? 'document' : target === document.body ? 'document.body' : 'document.documentElement');
  const listeners = new WeakMap();
  const keyOf = (type, options) => `${type}|${typeof options === 'boolean' ? options : Boolean(options && options.capture)}`;

  EventTarget.prototype.addEventListener = function addEventListener(type, listener, options) {
    original.addEventListener.call(this, type, listener, options);
    if (!listener || !watched(this)) return;
    const signal = typeof options === 'object' && options ? options.signal : undefined;
    if (signal && signal.aborted) return;
    let byKey = listeners.get(this);
    if (!byKey) listeners.set(this, (byKey = new Map()));
    const key = keyOf(type, options);
    let byListener = byKey.get(key);
    if (!byListener) byKey.set(key, (byListener = new Map()));
    if (byListener.has(listener)) return; // the browser ignores a duplicate too
    const id = record({ kind: 'listener', what: `${targetName(this)} "${type}" listener` });
    byListener.set(listener, id);
    const forget = () => {
      ledger.delete(id);
      byListener.delete(listener);
    };
    if (signal) original.addEventListener.call(signal, 'abort', forget, { once: true });
    if (typeof options === 'object' && options && options.once) {
      original.addEventListener.call(this, type, () => byListener.get(listener) === id && forget(), { once: true, capture: Boolean(options.capture) });
    }
  };
  EventTarget.prototype.removeEventListener = function removeEventListener(type, listener, options) {
    original.removeEventListener.call(this, type, listener, options);
    const byListener = listener && listeners.get(this)?.get(keyOf(type, options));
    const id = byListener?.get(listener);
    if (id !== undefined) {
      ledger.delete(id);
      byListener.delete(listener);
    }
  };

  // single-spa patches window.addEventListener and keeps popstate/hashchange listeners in its own
  // list, ignoring `{ signal }`: such a listener stays until removeEventListener, whatever the
  // signal does. Wrapping whatever is assigned to window.addEventListener sees those too.
  const ROUTING = new Set(['popstate', 'hashchange']);
  const routing = new Map(); // `${type}` → Map(listener → ledger id)
  const onWindow = (self) => self === window || self === undefined;
  let assignedAdd;
  let assignedRemove;
  Object.defineProperty(window, 'addEventListener', {
    configurable: true,
    get: () => assignedAdd ?? EventTarget.prototype.addEventListener,
    set(inner) {
      assignedAdd = function addEventListener(type, listener, options) {
        if (onWindow(this) && ROUTING.has(type) && typeof listener === 'function') {
          let byListener = routing.get(type);
          if (!byListener) routing.set(type, (byListener = new Map()));
          if (!byListener.has(listener)) {
            const signalled = typeof options === 'object' && options && options.signal;
            byListener.set(listener, record({ kind: 'listener', what: `window "${type}" listener`, ...(signalled ? { note: `single-spa keeps "${type}" listeners itself and ignores { signal }: remove this one with removeEventListener in unmount, or listen to "single-spa:routing-event" instead` } : {}) }));
          }
        }
        return inner.apply(this, arguments);
      };
    },
  });
  Object.defineProperty(window, 'removeEventListener', {
    configurable: true,
    get: () => assignedRemove ?? EventTarget.prototype.removeEventListener,
    set(inner) {
      assignedRemove = function removeEventListener(type, listener, options) {
        const id = onWindow(this) ? routing.get(type)?.get(listener) : undefined;
        if (id !== undefined) {
          ledger.delete(id);
          routing.get(type)?.delete(listener);
        }
        return inner.apply(this, arguments);
      };
    },
  });

  const timers = new Map(); // browser timer id → ledger id (timeouts and intervals share ids)
  window.setTimeout = function setTimeout(handler, delay, ...args) {
    if (typeof handler !== 'function') return original.setTimeout(handler, delay, ...args);
    let timer = 0;
    const id = record({ kind: 'timeout', what: `setTimeout(…, ${Number(delay) || 0} ms)` });
    timer = original.setTimeout((...a) => {
      ledger.delete(id);
      timers.delete(timer);
      return handler(...a);
    }, delay, ...args);
    timers.set(timer, id);
    return timer;
  };
  window.setInterval = function setInterval(handler, delay, ...args) {
    if (typeof handler !== 'function') return original.setInterval(handler, delay, ...args);
    const timer = original.setInterval(handler, delay, ...args);
    timers.set(timer, record({ kind: 'interval', what: `setInterval(…, ${Number(delay) || 0} ms)` }));
    return timer;
  };
  const clear = (timer) => {
    const id = timers.get(timer);
    if (id !== undefined) ledger.delete(id);
    timers.delete(timer);
  };
  window.clearTimeout = function clearTimeout(timer) {
    clear(timer);
    original.clearTimeout(timer);
  };
  window.clearInterval = function clearInterval(timer) {
    clear(timer);
    original.clearInterval(timer);
  };
  const frames = new Map();
  window.requestAnimationFrame = function requestAnimationFrame(callback) {
    let frame = 0;
    const id = record({ kind: 'frame', what: 'requestAnimationFrame' });
    frame = original.requestAnimationFrame((time) => {
      ledger.delete(id);
      frames.delete(frame);
      return callback(time);
    });
    frames.set(frame, id);
    return frame;
  };
  window.cancelAnimationFrame = function cancelAnimationFrame(frame) {
    const id = frames.get(frame);
    if (id !== undefined) ledger.delete(id);
    frames.delete(frame);
    original.cancelAnimationFrame(frame);
  };

  Object.defineProperty(window, '__atriumCheck', {
    enumerable: false,
    value: {
      original,
      /** Entries still active, optionally only those created after `sinceId`. */
      active(sinceId = 0) {
        return [...ledger.values()].filter((entry) => entry.id > sinceId);
      },
      mark: () => nextId - 1,
    },
  });
})();
