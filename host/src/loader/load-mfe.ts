import type { ModuleFederation } from '@module-federation/runtime';
import type { MfeLifecycles } from '@atrium/shared';
import type { ResolvedEntry } from '../manifest/index.js';
import { describeError, RemoteLoadError } from '../errors.js';
import { StepTimeout, withTimeout } from '../lifecycle/timeout.js';
import { preloadModule } from './preload.js';
import { bootModule } from './boot-graph.js';
import { provideShares } from './shares.js';
import { attachStylesheets } from './styles.js';
import { enforceIntegrity, integrityFor, tamperedFileMessage } from './integrity.js';

export interface LoadMfeOptions {
  /**
   * Where the entry's stylesheets go: the document's head by default (the shell), or `false`
   * when the caller attaches them itself (an embedded widget puts them in its shadow root).
   */
  readonly styles?: ParentNode | false;
  /**
   * Asked once when a load fails: may return a fresh entry for the same MFE (re-resolved from
   * the release resolver, e.g. after a rollback removed the files) to load instead.
   */
  readonly onLoadFailure?: (entry: ResolvedEntry, error: RemoteLoadError) => Promise<ResolvedEntry | undefined>;
}

/**
 * The page's one Module Federation instance, created on first use: a lazy chunk, because entries
 * with a deploy-time plan load without it. `takeSharedVersionViolation` comes with it.
 */
export type FederationSource = () => Promise<{
  readonly federation: ModuleFederation;
  readonly takeSharedVersionViolation: (remote: string) => Error | undefined;
}>;

/**
 * The URL to load for an attempt. Attempt 0 is the manifest's URL; a retry adds a query so the
 * browser's module map and HTTP cache, which remember the failed response, are bypassed.
 */
export function entryUrlFor(entry: ResolvedEntry, attempt: number): string {
  if (attempt === 0) return entry.entryUrl.href;
  const url = new URL(entry.entryUrl);
  // Stable for an attempt (preload and import must ask for the same URL), new per page load.
  url.searchParams.set('atrium-retry', `${attempt}-${PAGE_TOKEN}`);
  return url.href;
}

const PAGE_TOKEN = Math.random().toString(36).slice(2, 10);

/**
 * The planned chunk's URL when this attempt takes the plan: the first attempt of an entry with
 * one. A retry goes through remoteEntry.js and the runtime, which can bypass cached failures.
 */
function plannedUrl(entry: ResolvedEntry, attempt: number): string | undefined {
  return attempt === 0 ? entry.bootUrl?.href : undefined;
}

/** Starts downloading an entry and its listed files at once, before single-spa asks for them. */
export function preloadEntry(entry: ResolvedEntry, attempt = 0): Promise<void> {
  const planned = plannedUrl(entry, attempt);
  const entryLoad = planned
    ? preloadModule(planned, integrityFor(planned))
    : preloadModule(entryUrlFor(entry, attempt), entry.integrity ?? integrityFor(entry.entryUrl.href));
  for (const href of entry.preloadUrls) void preloadModule(href, integrityFor(href)).catch(() => undefined);
  return entryLoad;
}

/**
 * Loads an MFE's exposed module, within the load timeout, and checks it exports the lifecycles:
 * with the deploy-time plan, by importing the planned chunk with the host's shared packages in
 * place; otherwise through the Module Federation runtime. Every failure becomes a
 * RemoteLoadError that says what happened and what to check.
 */
export async function loadMfe(
  federation: FederationSource,
  entry: ResolvedEntry,
  attempt: number,
  timeoutMs: number,
  options: LoadMfeOptions = {},
): Promise<MfeLifecycles> {
  try {
    return await loadOnce(federation, entry, attempt, timeoutMs, options);
  } catch (error) {
    const next = options.onLoadFailure && error instanceof RemoteLoadError ? await options.onLoadFailure(entry, error).catch(() => undefined) : undefined;
    if (!next) throw error;
    return loadOnce(federation, next, attempt, timeoutMs, options);
  }
}

async function loadOnce(
  federation: FederationSource,
  entry: ResolvedEntry,
  attempt: number,
  timeoutMs: number,
  options: LoadMfeOptions,
): Promise<MfeLifecycles> {
  const planned = plannedUrl(entry, attempt);
  const url = planned ?? entryUrlFor(entry, attempt);
  const fail = (message: string, cause?: unknown) =>
    new RemoteLoadError(entry.name, url, `mfe '${entry.name}' could not be loaded from ${url}: ${message}`, cause === undefined ? undefined : { cause });

  const fetchAndRun = async (): Promise<unknown> => {
    // Always go through the link: it fetches the entry's files in parallel (and verifies them).
    const preloaded = preloadEntry(entry, attempt);
    const unreachable = async (error: unknown) => {
      throw fail((await tamperedFileMessage(entry)) ?? (await diagnoseEntry(url, planned ? integrityFor(planned) : (entry.integrity ?? integrityFor(entry.entryUrl.href)))), error);
    };
    if (planned && entry.boot) {
      // The planned chunk is pinned by now (import map, or a verified preload where the page
      // admits none), so the import itself is checked: no need to wait for the link's load
      // event, a task later. Why an import failed is asked of the link, which failed too.
      preloaded.catch(() => undefined);
      await provideShares(entry.boot.shares);
      return import(/* @vite-ignore */ planned).catch(async (error: unknown) => {
        await preloaded.catch(unreachable);
        throw error;
      });
    }
    await preloaded.catch(unreachable);
    const { federation: instance } = await federation();
    // `force` drops the runtime's cached container for this name, so a retry really reloads.
    instance.registerRemotes([{ name: entry.name, entry: url, type: 'module' }], { force: attempt > 0 });
    return instance.loadRemote<Partial<MfeLifecycles>>(`${entry.name}/${entry.module.slice(2)}`);
  };

  const styleTarget = options.styles ?? document.head;
  const work = (async () => {
    // Before anything of it is fetched or run: the browser checks every file, or nothing loads.
    await enforceIntegrity(entry, document, { planned: planned !== undefined });
    const styles = styleTarget ? attachStylesheets(entry, styleTarget) : Promise.resolve();
    styles.catch(() => undefined);
    // Evaluated already by the page's boot graph (each file checked against the import map),
    // or fetched and run now.
    const module = (planned ? await bootModule(planned) : undefined) ?? (await fetchAndRun());
    const lifecycles = checkLifecycles(module, entry, fail);
    await styles.catch((error: unknown) => {
      throw fail(describeError(error), error);
    });
    return lifecycles;
  })();

  try {
    return await withTimeout(work, timeoutMs);
  } catch (error) {
    if (error instanceof RemoteLoadError) throw error;
    const refused = planned ? undefined : await federation().then((f) => f.takeSharedVersionViolation(entry.name), () => undefined);
    if (refused) throw fail(refused.message, refused);
    if (error instanceof StepTimeout) throw fail(`no answer within ${timeoutMs} ms — the server hangs or is too slow; raise timeouts.load for this entry if it is just slow`);
    const tampered = await tamperedFileMessage(entry);
    if (tampered) throw fail(tampered, error);
    throw fail(`its code threw while loading: ${describeError(error)} — check the MFE's console errors and its build`, error);
  }
}

function checkLifecycles(module: unknown, entry: ResolvedEntry, fail: (m: string) => RemoteLoadError): MfeLifecycles {
  const candidate = (module as { default?: unknown } | null | undefined) ?? undefined;
  const lifecycles = (candidate && typeof (candidate as MfeLifecycles).mount !== 'function' && !Array.isArray((candidate as MfeLifecycles).mount)
    ? (candidate as { default?: unknown }).default
    : candidate) as Partial<MfeLifecycles> | undefined;
  const missing = (['mount', 'unmount'] as const).filter((key) => {
    const fn = lifecycles?.[key];
    return typeof fn !== 'function' && !(Array.isArray(fn) && fn.every((f) => typeof f === 'function'));
  });
  if (!lifecycles || missing.length > 0) {
    throw fail(`the exposed module "${entry.module}" does not export ${missing.join(' and ') || 'lifecycles'} — export bootstrap, mount and unmount functions (see the MFE contract in README)`);
  }
  return lifecycles as MfeLifecycles;
}

/** Why an entry preload failed, found out afterwards so the message can say which it was. */
async function diagnoseEntry(url: string, integrity: string | undefined): Promise<string> {
  try {
    const response = await fetch(url, { method: 'GET', cache: 'no-store', mode: 'cors', credentials: 'omit' });
    if (!response.ok) return `the server answered ${response.status} ${response.statusText} — check that this version is deployed at that URL`;
    if (integrity) return `its content does not match the manifest's integrity ${integrity.slice(0, 16)}… — the file changed after the manifest was written: update the integrity or redeploy the matching file`;
    return 'the browser refused the script — check its Content-Type (must be JavaScript) and CORS headers';
  } catch {
    return 'it is unreachable or its server does not allow this origin (CORS) — check the URL and Access-Control-Allow-Origin';
  }
}
