import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inlineDeployConfig, loadingFields, preloadListFromMfManifest } from '../deploy.mjs';
import { startStaticServer } from '../static-server.mjs';
import { launchChrome } from './browser.mjs';
import { cycleChecks, mountChecks, sizeOf } from './checks.mjs';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const INSTRUMENT = fs.readFileSync(new URL('./instrument.js', import.meta.url), 'utf8');
const DRIVER = fs.readFileSync(new URL('./driver.js', import.meta.url), 'utf8');
// The harness page boots on IDLE (no MFE active); ROUTE is where the host mounts the MFE.
const IDLE = '/atrium-check/idle';
const ROUTE = '/atrium-check/mfe';

/** The MFE could not be loaded at all (exit 2): nothing about its contract is known. */
export class LoadProblem extends Error {
  name = 'LoadProblem';
}

/**
 * @typedef {object} CheckOptions
 * @property {string} url the deployed remoteEntry.js
 * @property {string} [name] container name; read from mf-manifest.json beside the entry when absent
 * @property {string} [module] exposed module holding the lifecycles
 * @property {Record<string, unknown>} [props] the manifest entry's props
 * @property {number} [cycles] mount/unmount cycles for the growth check
 * @property {number} [timeoutMs] per lifecycle step
 * @property {number} [settleMs] wait after unmount before counting what is still active
 * @property {string} [root] repository root (for host/dist)
 * @property {string[]} [allowedOrigins] origins the MFE may call besides its own (its APIs); any
 *   other request is refused in the page and reported by the "origins" check
 *
 * @typedef {object} Check
 * @property {string} id
 * @property {string} title
 * @property {'pass' | 'fail' | 'warn' | 'info'} status
 * @property {string} [detail] what was seen
 * @property {string} [fix] what to change
 */

/**
 * Loads a deployed MFE into the real host build in headless Chromium and checks the MFE contract.
 * @param {CheckOptions} options
 * @returns {Promise<{ url: string, name: string, module: string, checks: Check[], exitCode: 0 | 1 }>}
 */
export async function checkMfe(options) {
  const root = options.root ?? ROOT;
  const module = options.module ?? './app';
  const timeoutMs = options.timeoutMs ?? 10_000;
  const url = parseEntryUrl(options.url);
  const mfManifest = await fetchMfManifest(url);
  await assertEntryServed(url);
  const name = options.name ?? (typeof mfManifest?.name === 'string' ? mfManifest.name : undefined);
  if (!name) throw new LoadProblem(`cannot tell the container name: ${new URL('mf-manifest.json', url)} is not there — pass --name <the name in the MFE's vite.config.ts>`);

  const harness = await startHarness({ root, url, name, module, props: options.props ?? {}, timeoutMs, mfManifest });
  /** @type {import('playwright-core').Browser | undefined} */
  let browser;
  try {
    browser = await launchChrome();
    const context = await browser.newContext();
    // Only the harness, the MFE's origin and its declared APIs: nothing else may slow or change
    // the check, and whatever else the MFE asks for is reported.
    const declared = new Set([url.origin, new URL(harness.url).origin, ...(options.allowedOrigins ?? []).map(originOf)]);
    /** @type {string[]} */
    const undeclared = [];
    await context.route((u) => (u.protocol === 'http:' || u.protocol === 'https:') && !declared.has(u.origin), (route) => {
      undeclared.push(route.request().url());
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    const pageErrors = /** @type {string[]} */ ([]);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const transfers = trackTransfers(page, url.origin);
    await page.addInitScript({ content: INSTRUMENT });
    await page.addInitScript({ content: DRIVER });
    const cdp = await context.newCDPSession(page);

    await page.goto(`${harness.url}${IDLE}`);
    await page.waitForFunction(() => window.atrium !== undefined, undefined, { timeout: 15_000 });
    await page.evaluate(() => window.atrium?.ready);
    const globalsBefore = await page.evaluate(() => Object.getOwnPropertyNames(window));

    /** @type {Check[]} */
    const checks = [];
    const host = await mountInHost(page, name, timeoutMs * 2);
    checks.push(...host.checks);
    if (typeof mfManifest?.name === 'string' && mfManifest.name !== name) {
      checks.push({ id: 'name', title: 'manifest name matches the container', status: 'warn', detail: `checked as "${name}", built as "${mfManifest.name}" (mf-manifest.json)`, fix: `name the manifest entry "${mfManifest.name}", like the container in the MFE's vite.config.ts` });
    }
    if (host.stop) return { url: url.href, name, module, checks, exitCode: 1 };

    const exported = await page.evaluate((args) => /** @type {any} */ (window).__atriumCheck.load(args), {
      name, module, origin: url.origin, props: options.props ?? {}, basePath: ROUTE, timeoutMs,
      ...(harness.planned ? { planned: harness.planned } : {}),
    });
    if (!exported.mount || !exported.unmount) {
      checks.push({ id: 'lifecycles', title: 'exports its lifecycles', status: 'fail', detail: `"${module}" exports ${exported.exports.join(', ') || 'nothing'}; missing ${['mount', 'unmount'].filter((k) => !exported[k]).join(' and ')}`, fix: 'export bootstrap, mount and unmount (e.g. `export const { bootstrap, mount, unmount } = defineMfe({ … })`)' });
      return { url: url.href, name, module, checks, exitCode: 1 };
    }
    checks.push({ id: 'lifecycles', title: 'exports its lifecycles', status: 'pass', detail: ['bootstrap', 'mount', 'unmount'].filter((k) => exported[k]).join(', ') + (exported.bootstrap ? '' : ' (bootstrap is optional)') });

    const once = await page.evaluate((args) => /** @type {any} */ (window).__atriumCheck.mountOnce(args), { settleMs: options.settleMs ?? 300 });
    checks.push(...mountChecks(once));

    const measure = async () => {
      for (let i = 0; i < 2; i += 1) await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      const metric = (/** @type {string} */ key) => metrics.find((m) => m.name === key)?.value ?? 0;
      const own = await page.evaluate(() => /** @type {any} */ (window).__atriumCheck.measure());
      return { ...own, heap: metric('JSHeapUsedSize'), nodes: metric('Nodes'), jsListeners: metric('JSEventListeners') };
    };
    await cdp.send('Performance.enable');
    const total = options.cycles ?? 50;
    const warmup = Math.min(5, total);
    const cycle = (/** @type {number} */ count) => page.evaluate((args) => /** @type {any} */ (window).__atriumCheck.cycles(args), { count });
    const first = await cycle(warmup);
    const before = await measure();
    const rest = first.error ? first : await cycle(total - warmup);
    const after = await measure();
    checks.push(...cycleChecks({ total, warmup, error: rest.error, before, after }));

    const globalsAfter = await page.evaluate(() => Object.getOwnPropertyNames(window));
    checks.push(globalsCheck(globalsBefore, globalsAfter, name));
    checks.push(originsCheck(undeclared, [...declared].filter((o) => o !== new URL(harness.url).origin)));
    if (pageErrors.length) checks.push({ id: 'errors', title: 'no uncaught errors', status: 'fail', detail: pageErrors.slice(0, 3).join(' | '), fix: 'catch errors in event handlers and async work, and stop that work when props.signal aborts' });
    else checks.push({ id: 'errors', title: 'no uncaught errors', status: 'pass' });
    checks.push(sizeOf(await transfers()));
    return { url: url.href, name, module, checks, exitCode: checks.some((c) => c.status === 'fail') ? 1 : 0 };
  } finally {
    await browser?.close();
    await harness.close();
  }
}

/**
 * Requests to origins neither the MFE's own nor declared: a tracker, a CDN the deployment never
 * allowed — refused in production by the host's CSP, so the MFE breaks there.
 * @param {string[]} undeclared request URLs
 * @param {string[]} declared
 * @returns {Check}
 */
export function originsCheck(undeclared, declared) {
  const title = 'loads only from declared origins';
  if (!undeclared.length) return { id: 'origins', title, status: 'pass', detail: declared.join(', ') };
  const origins = [...new Set(undeclared.map(originOf))];
  return {
    id: 'origins', title, status: 'fail',
    detail: `requests to ${origins.join(', ')} (${undeclared.slice(0, 3).join(', ')}${undeclared.length > 3 ? ` and ${undeclared.length - 3} more` : ''}); declared: ${declared.join(', ')}`,
    fix: 'serve everything the MFE needs from its own folder, or declare the origin (an API in the host config; pass --allow-origin to the check) so the host\'s CSP admits it',
  };
}

/** @param {string} raw @returns {string} */
function originOf(raw) {
  try {
    return new URL(raw).origin;
  } catch {
    throw new LoadProblem(`"${raw}" is not a URL — allowed origins look like https://api.example.com`);
  }
}

/** @param {string} raw */
function parseEntryUrl(raw) {
  /** @type {URL} */
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new LoadProblem(`"${raw}" is not a URL — give the absolute URL of the deployed remoteEntry.js`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new LoadProblem(`${raw}: only http(s) URLs can be checked`);
  return url;
}

/** @param {URL} url */
async function assertEntryServed(url) {
  /** @type {Response} */
  let response;
  try {
    response = await fetch(url, { headers: { Origin: 'http://localhost' } });
  } catch (error) {
    throw new LoadProblem(`${url.href} is unreachable (${/** @type {Error} */ (error).cause ?? error}) — is the server running and the URL right?`);
  }
  if (!response.ok) throw new LoadProblem(`${url.href} answered ${response.status} ${response.statusText} — check that this version is deployed at that URL`);
  if (!response.headers.get('access-control-allow-origin')) {
    throw new LoadProblem(`${url.href} is served without Access-Control-Allow-Origin — a host on another origin cannot load it; serve the folder with CORS (see README, "Build and deploy one MFE alone")`);
  }
  await response.arrayBuffer();
}

/** @param {URL} url @returns {Promise<any>} */
async function fetchMfManifest(url) {
  try {
    const response = await fetch(new URL('mf-manifest.json', url));
    return response.ok ? await response.json() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The real host build, served with a deploy config whose manifest holds only this MFE.
 * @param {{ root: string, url: URL, name: string, module: string, props: Record<string, unknown>, timeoutMs: number, mfManifest: any }} o
 */
async function startHarness(o) {
  const dir = path.join(o.root, 'host/dist');
  if (!fs.existsSync(path.join(dir, 'index.html'))) throw new LoadProblem('host/dist is not built — run `npm run build` first (the real host is the harness)');
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  // The host loads the MFE the way production does: with the deploy-time plan when its build
  // allows one (the deploy step's own function, on a copy of the deployed files), else through
  // remoteEntry.js and the Module Federation runtime.
  const planned = o.mfManifest ? await planFromDeployed(o.url, o.mfManifest, o.module) : undefined;
  const preload = planned?.preload ?? (o.mfManifest ? preloadListFromMfManifest(o.mfManifest, o.module) : []);
  const expose = o.mfManifest?.exposes?.find((/** @type {any} */ e) => e.path === o.module);
  const css = [...new Set([...(expose?.assets?.css?.sync ?? []), ...(expose?.assets?.css?.async ?? [])])];
  const entry = {
    name: o.name, entry: o.url.href, module: o.module, version: 'check', activeWhen: ROUTE, region: 'main', title: o.name,
    ...(Object.keys(o.props).length ? { props: o.props } : {}),
    ...(planned?.boot ? { boot: planned.boot } : {}),
    ...(preload.length ? { preload } : {}),
    ...(css.length ? { css } : {}),
  };
  const config = {
    title: `check-mfe: ${o.name}`, home: IDLE, regions: ['nav', 'main'], routeRegion: 'main',
    allowedOrigins: [o.url.origin], logLevel: 'error',
    timeouts: { load: o.timeoutMs, bootstrap: o.timeoutMs, mount: o.timeoutMs, unmount: o.timeoutMs },
  };
  const page = inlineDeployConfig(html, { config, manifest: { version: 1, mfes: [entry] } });
  const server = await startStaticServer({ dir, port: 0, label: 'check-mfe harness', html: () => page });
  return Object.assign(server, { planned: planned?.boot ? new URL(planned.boot.module, o.url).href : undefined });
}

/**
 * The deploy step's loading fields for a remote known by URL: its mf-manifest.json, remoteEntry.js
 * and every JS file mf-manifest.json lists, copied to a temporary folder, then `loadingFields`.
 * @param {URL} url @param {any} mfManifest @param {string} module
 * @returns {Promise<ReturnType<typeof loadingFields> | undefined>}
 */
async function planFromDeployed(url, mfManifest, module) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-check-plan-'));
  try {
    const assets = [...(mfManifest.exposes ?? []), ...(mfManifest.shared ?? [])].flatMap((/** @type {any} */ x) => [...(x.assets?.js?.sync ?? []), ...(x.assets?.js?.async ?? [])]);
    for (const file of new Set(['remoteEntry.js', ...assets])) {
      const target = path.join(dir, file);
      if (!target.startsWith(dir + path.sep)) continue;
      const response = await fetch(new URL(file, url)).catch(() => undefined);
      if (!response?.ok) continue;
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, Buffer.from(await response.arrayBuffer()));
    }
    fs.writeFileSync(path.join(dir, 'mf-manifest.json'), JSON.stringify(mfManifest));
    return loadingFields(dir, module);
  } catch {
    return undefined;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Lets the host mount and unmount the MFE through its route, as in production.
 * @param {import('playwright-core').Page} page
 * @param {string} name
 * @param {number} timeoutMs
 * @returns {Promise<{ checks: Check[], stop: boolean }>}
 */
async function mountInHost(page, name, timeoutMs) {
  const settle = (/** @type {string[]} */ statuses) => page.waitForFunction(({ name, statuses }) => {
    const state = window.atrium?.state(name);
    return state && statuses.includes(state.status) ? { status: state.status, message: state.lastError?.message ?? '' } : false;
  }, { name, statuses }, { timeout: timeoutMs, polling: 20 }).then((handle) => handle.jsonValue());
  const started = Date.now();
  await page.evaluate((route) => history.pushState(null, '', route), ROUTE);
  const mounted = await settle(['MOUNTED', 'LOAD_ERROR', 'BROKEN']).catch(() => ({ status: 'TIMEOUT', message: '' }));
  const took = Date.now() - started;
  if (mounted.status === 'LOAD_ERROR') {
    if (/does not export/.test(mounted.message)) {
      return { stop: true, checks: [{ id: 'lifecycles', title: 'exports its lifecycles', status: 'fail', detail: mounted.message, fix: 'export bootstrap, mount and unmount from the exposed module (defineMfe from @atrium/shared does it)' }] };
    }
    if (/requires .* but the page provides/.test(mounted.message)) {
      return { stop: true, checks: [{ id: 'host', title: 'loads and mounts in the host', status: 'fail', detail: mounted.message, fix: 'build against the singletons the host provides (the @atrium/shared/vite preset declares them)' }] };
    }
    throw new LoadProblem(mounted.message || 'the host could not load it');
  }
  if (mounted.status === 'TIMEOUT') throw new LoadProblem(`the host did not finish loading and mounting it within ${timeoutMs} ms`);
  if (mounted.status === 'BROKEN') {
    return { stop: true, checks: [{ id: 'host', title: 'loads and mounts in the host', status: 'fail', detail: mounted.message, fix: 'mount must resolve within its timeout and not throw; run it alone (npm run dev) to see the error' }] };
  }
  await page.evaluate((route) => history.pushState(null, '', route), IDLE);
  const unmounted = await settle(['NOT_MOUNTED', 'BROKEN']).catch(() => ({ status: 'TIMEOUT', message: '' }));
  if (unmounted.status !== 'NOT_MOUNTED') {
    const detail = unmounted.status === 'BROKEN' ? unmounted.message : `unmount did not finish within ${timeoutMs} ms`;
    return { stop: true, checks: [{ id: 'host', title: 'loads and mounts in the host', status: 'fail', detail, fix: 'unmount must resolve within its timeout and not throw' }] };
  }
  return { stop: false, checks: [{ id: 'host', title: 'loads and mounts in the host', status: 'pass', detail: `mounted by the real host in ${took} ms, then unmounted` }] };
}

/**
 * Globals the MFE added, minus the runtime's own.
 * @param {string[]} before
 * @param {string[]} after
 * @param {string} name
 * @returns {Check}
 */
export function globalsCheck(before, after, name) {
  const known = new Set(before);
  const leaked = after.filter((key) => !known.has(key) && !isRuntimeGlobal(key, name));
  if (!leaked.length) return { id: 'globals', title: 'leaks no globals', status: 'pass' };
  return {
    id: 'globals', title: 'leaks no globals', status: 'fail',
    detail: `new on window: ${leaked.slice(0, 8).join(', ')}${leaked.length > 8 ? ` and ${leaked.length - 8} more` : ''}`,
    fix: 'keep state in module scope or keyed by domElement (a WeakMap), not on window; other MFEs and the shell share the page',
  };
}

/** Globals of Module Federation, Vite's preload helper and single-spa, which every remote brings. */
const RUNTIME_GLOBALS = [/^__FEDERATION/, /^__VMOK__$/, /^_FEDERATION_RUNTIME_CORE$/, /^__mf_/, /^__GLOBAL_LOADING_REMOTE_ENTRY__$/, /^__VUE_HMR_RUNTIME__$/, /^__vite/, /^singleSpa/, /^__SINGLE_SPA/, /^webpackChunk/];

/** @param {string} key @param {string} name */
function isRuntimeGlobal(key, name) {
  return key === name || RUNTIME_GLOBALS.some((pattern) => pattern.test(key));
}

/**
 * Bytes of the remote's files the page fetched: transfer (as sent, compressed) and decoded.
 * @param {import('playwright-core').Page} page
 * @param {string} origin
 */
function trackTransfers(page, origin) {
  /** @type {Promise<{ url: string, type: string, transfer: number, raw: number }>[]} */
  const pending = [];
  page.on('requestfinished', (request) => {
    if (new URL(request.url()).origin !== origin) return;
    pending.push((async () => {
      const sizes = await request.sizes();
      const response = await request.response();
      const body = await response?.body().catch(() => undefined);
      return { url: request.url(), type: request.resourceType(), transfer: sizes.responseBodySize + sizes.responseHeadersSize, raw: body?.length ?? 0 };
    })());
  });
  return () => Promise.all(pending);
}
