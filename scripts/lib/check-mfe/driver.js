// check-mfe's in-page driver, injected after instrument.js. It loads the MFE through the host's
// own Module Federation instance (the page's runtime and singletons) and calls its lifecycles the
// way the host does, measuring what each mount leaves behind. Plain browser JS: injected as text.
(() => {
  const check = window.__atriumCheck;
  const { original } = check;
  const sleep = (ms) => new Promise((resolve) => original.setTimeout(resolve, ms));
  const frame = () => new Promise((resolve) => original.requestAnimationFrame(() => resolve(undefined)));
  const HEAD_RESOURCES = new Set(['STYLE', 'LINK', 'SCRIPT', 'META', 'TITLE', 'BASE']);
  let setup;

  function describe(node) {
    if (!node || node.nodeType !== 1) return node?.nodeType === 3 ? 'text' : String(node?.nodeName ?? '?').toLowerCase();
    const id = node.id ? `#${node.id}` : '';
    const cls = typeof node.className === 'string' && node.className ? `.${node.className.trim().split(/\s+/).join('.')}` : '';
    return `<${node.tagName.toLowerCase()}${id}${cls}>`;
  }

  function withTimeout(promise, ms, what) {
    let timer = 0;
    return Promise.race([
      promise,
      new Promise((_, reject) => (timer = original.setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms))),
    ]).finally(() => original.clearTimeout(timer));
  }

  async function runAll(fn, props) {
    for (const each of [fn].flat()) await each(props);
  }

  function lifecyclesOf(module) {
    const candidate = module ?? undefined;
    const looksLike = (m) => m && (typeof m.mount === 'function' || Array.isArray(m.mount));
    return looksLike(candidate) ? candidate : looksLike(candidate?.default) ? candidate.default : candidate;
  }

  const isFn = (value) => typeof value === 'function' || (Array.isArray(value) && value.length > 0 && value.every((f) => typeof f === 'function'));

  check.load = async ({ name, module, origin, props, basePath, timeoutMs, planned }) => {
    let loaded;
    let spa;
    if (planned) {
      // The host loaded it through the deploy-time plan: the same module, from the module map,
      // and the page's single-spa from where the host put its shared packages.
      loaded = await withTimeout(import(planned), timeoutMs, 'loading the exposed module');
      spa = globalThis.__mf_module_cache__?.share?.['default:single-spa'];
    } else {
      const instance = (globalThis.__FEDERATION__?.__INSTANCES__ ?? []).find((i) => i.name === 'atrium_host');
      if (!instance) throw new Error('the host page has no Module Federation instance named atrium_host — is host/dist an Atrium host build?');
      loaded = await withTimeout(instance.loadRemote(`${name}/${module.replace(/^\.\//, '')}`), timeoutMs, 'loading the exposed module');
      const spaFactory = await instance.loadShare('single-spa');
      spa = typeof spaFactory === 'function' ? spaFactory() : undefined;
    }
    const lifecycles = lifecyclesOf(loaded);
    setup = { name, origin, props, basePath, timeoutMs, lifecycles, spa, navigations: [] };
    return {
      exports: lifecycles && typeof lifecycles === 'object' ? Object.keys(lifecycles) : [],
      bootstrap: lifecycles ? isFn(lifecycles.bootstrap) : false,
      mount: lifecycles ? isFn(lifecycles.mount) : false,
      unmount: lifecycles ? isFn(lifecycles.unmount) : false,
    };
  };

  const signedOut = {
    enabled: false,
    isAuthenticated: false,
    user: undefined,
    signIn: () => Promise.reject(new Error('single sign-on is off in check-mfe')),
    signOut: () => Promise.resolve(),
    on: () => () => undefined,
  };

  // props.events: the host page's own bus (the shell made it at boot), scoped like the host scopes
  // it; a stand-in with the same calls when the page has none, so an MFE using events is checked too.
  const PAGE_BUS = Symbol.for('atrium.events.page-bus');
  function eventsFor(signal) {
    const bus = globalThis[PAGE_BUS];
    if (bus) return bus.scope(setup.name, { signal });
    const listeners = new Set();
    return {
      source: setup.name,
      emit: (type, payload) => [...listeners].filter((l) => l.type === type).forEach((l) => l.fn(payload, { type, source: setup.name, seq: 0, time: performance.now() })),
      on: (type, fn) => {
        const entry = { type, fn };
        const remove = () => listeners.delete(entry);
        if (!signal.aborted) listeners.add(entry);
        signal.addEventListener('abort', remove, { once: true });
        return remove;
      },
      declare: () => undefined,
    };
  }

  function propsFor(domElement, signal) {
    return {
      name: setup.name,
      domElement,
      basePath: setup.basePath,
      region: 'main',
      version: 'check',
      props: setup.props,
      signal,
      apis: {},
      session: signedOut,
      events: eventsFor(signal),
      mountParcel: (config, parcelProps) => setup.spa.mountRootParcel(config, parcelProps),
      // Recorded, not followed: the check keeps the page where it is.
      navigate: (path) => setup.navigations.push(path),
    };
  }

  /** Stacks that pass through the MFE's own files: what the MFE created, not the host. */
  function fromMfe(entry) {
    return entry.stack.includes(setup.origin);
  }

  function whereInMfe(entry) {
    const line = entry.stack.split('\n').find((l) => l.includes(setup.origin)) ?? '';
    const match = /(https?:\/\/[^\s)]+)/.exec(line);
    return match ? match[1].slice(setup.origin.length + 1) : 'unknown location';
  }

  async function mountInto(domElement) {
    const controller = new AbortController();
    await withTimeout(runAll(setup.lifecycles.mount, propsFor(domElement, controller.signal)), setup.timeoutMs, 'mount');
    return async () => {
      // Like the host: the signal ends the mount first, then unmount runs.
      controller.abort(new DOMException(`mfe '${setup.name}' unmounted`, 'AbortError'));
      await withTimeout(runAll(setup.lifecycles.unmount, propsFor(domElement, controller.signal)), setup.timeoutMs, 'unmount');
    };
  }

  function classify(records, domElement) {
    const outside = [];
    const head = [];
    for (const r of records) {
      if (domElement.contains(r.target)) continue;
      if (r.target === document.head && r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].every((n) => HEAD_RESOURCES.has(n.nodeName))) {
        for (const n of r.addedNodes) head.push(`added ${describe(n)} to <head>`);
        continue;
      }
      if (r.target.parentNode?.nodeName === 'TITLE' || r.target.nodeName === 'TITLE') continue;
      if (r.type === 'childList') {
        for (const n of r.addedNodes) outside.push({ text: `added ${describe(n)} to ${describe(r.target)}`, node: n });
        for (const n of r.removedNodes) outside.push({ text: `removed ${describe(n)} from ${describe(r.target)}` });
      } else if (r.type === 'attributes') {
        outside.push({ text: `changed attribute "${r.attributeName}" of ${describe(r.target)}` });
      } else {
        outside.push({ text: `changed text in ${describe(r.target.parentNode)}` });
      }
    }
    return { outside, head };
  }

  /** One mount and unmount, watched: DOM outside the element, and what stays active afterwards. */
  check.mountOnce = async ({ settleMs }) => {
    const domElement = document.createElement('section');
    domElement.dataset.atriumCheck = 'mount';
    document.body.append(domElement);
    const since = check.mark();
    // Records are kept as they are delivered: the observer hands them to its callback at the next
    // microtask checkpoint, so takeRecords() after an await would always find the queue empty.
    const records = [];
    const observer = new MutationObserver((batch) => records.push(...batch));
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    const result = { mountError: '', unmountError: '', rendered: 0, outside: [], head: [], leftInside: [], leftOutside: [], active: [], navigations: setup.navigations };
    let unmount;
    try {
      unmount = await mountInto(domElement);
      await frame();
      await sleep(50);
      result.rendered = domElement.childNodes.length;
    } catch (error) {
      result.mountError = error instanceof Error ? error.message : String(error);
    }
    records.push(...observer.takeRecords());
    const duringMount = classify(records.splice(0), domElement);
    result.outside = duringMount.outside.map((o) => o.text);
    result.head = duringMount.head;
    if (unmount) {
      try {
        await unmount();
      } catch (error) {
        result.unmountError = error instanceof Error ? error.message : String(error);
      }
    }
    await sleep(settleMs);
    observer.disconnect();
    result.leftInside = [...domElement.childNodes].slice(0, 5).map(describe);
    result.leftInsideCount = domElement.childNodes.length;
    result.leftOutside = duringMount.outside.filter((o) => o.node && o.node.isConnected).map((o) => describe(o.node));
    result.active = check.active(since).filter(fromMfe).map((e) => ({ kind: e.kind, what: e.what, where: whereInMfe(e), note: e.note ?? '' }));
    domElement.remove();
    return result;
  };

  /** `count` mount/unmount cycles, each into a fresh element like the host's slots. */
  check.cycles = async ({ count }) => {
    for (let i = 0; i < count; i += 1) {
      const domElement = document.createElement('section');
      domElement.dataset.atriumCheck = 'cycle';
      document.body.append(domElement);
      try {
        const unmount = await mountInto(domElement);
        await unmount();
      } catch (error) {
        domElement.remove();
        return { error: `cycle ${i + 1}: ${error instanceof Error ? error.message : String(error)}` };
      }
      domElement.remove();
    }
    await sleep(50);
    return { error: '' };
  };

  /** What the MFE has active now, and the document's size. */
  check.measure = () => {
    const active = check.active().filter(fromMfe);
    return {
      listeners: active.filter((e) => e.kind === 'listener').length,
      timers: active.filter((e) => e.kind !== 'listener').length,
      active: active.map((e) => ({ kind: e.kind, what: e.what, where: whereInMfe(e), note: e.note ?? '' })),
      domNodes: document.getElementsByTagName('*').length,
    };
  };
})();
