import { readHostConfig } from '../config/config.js';
import { interceptLinks, Layout, navigateInApp, Regions } from '../layout/index.js';
import { bootGraphRan, singleSpa, singleSpaNow } from '../loader/index.js';
import type { SingleSpa } from '../loader/index.js';
import { isActive, MfeRegistry, StatusStore } from '../registry/index.js';
import { ErrorReporter } from '../observability/errors.js';
import { afterFirstContent, mark, whenIdle } from '../observability/timing.js';
import { BOOT_MARK } from '../observability/marks.js';
import { overridesInUrl } from '../overrides/params.js';
import { isActiveAt, routesOf } from '@atrium/shared/policy';
import type { ManifestProblem, ManifestResult, ResolvedEntry } from '../manifest/index.js';
import { lazyReleases } from '../releases/lazy.js';
import { createPageRuntime } from '../runtime/index.js';
import type { PageRuntime } from '../runtime/index.js';
import { showNotice } from '../ui/index.js';
import { inlineStamp, pageChecks } from '../validation/index.js';
import { createShellApi } from './api.js';
import { createLogger } from '@atrium/shared';
import type { ShellApi } from './api.js';

const log = createLogger('host:shell');

/** The longest single-spa waits for the first MFEs to mount (one that hangs holds routing no longer). */
const SINGLE_SPA_AFTER_MS = 1_000;

/**
 * Boots the shell on the page runtime, adding routing and regions. Nothing here may throw past
 * this function: a bad config or manifest is shown to the user and reported, and the shell
 * stays up.
 */
export async function bootShell(root: HTMLElement = document.body): Promise<ShellApi | undefined> {
  mark(BOOT_MARK);
  const errors = new ErrorReporter();
  const store = new StatusStore();
  const releases = lazyReleases(store);
  // The path the manifest was split at (what it shows is validated first); a sign-in callback
  // may take the visitor elsewhere before anything registers.
  let splitAt: string | undefined;
  let runtime: PageRuntime;
  try {
    runtime = await createPageRuntime({
      config: readHostConfig(),
      context: { base: location.href, origin: location.origin },
      // What the deploy step checked with this build's schemas is not checked again (no valibot
      // before first content); anything else is, by the schemas' own chunk.
      checks: pageChecks,
      configStamp: inlineStamp('atrium-config'),
      errors,
      notify: showNotice,
      // What this URL shows is validated before first content, the rest of the manifest after it
      // (a deployment with overrides applies them to the whole manifest at once: it validates all).
      validateNow: (config) => {
        if (config.overrides.enabled) return undefined;
        splitAt = location.pathname === '/' ? config.home : location.pathname;
        return shownAt(splitAt);
      },
      // Health beacons and skew protection when a resolver served this page (releases/, lazy).
      hooks: (config) => releases.hooks(config),
    });
  } catch (error) {
    showNotice(`This page is misconfigured and cannot show its content. (${error instanceof Error ? error.message : String(error)})`, 'error');
    return undefined;
  }
  const { config } = runtime;
  if (location.pathname === '/' && config.home !== '/') history.replaceState(history.state, '', config.home + location.search + location.hash);

  const regions = new Regions(config.regions, root);
  let registry: MfeRegistry | undefined;
  const layout = new Layout({ regions, routeRegion: config.routeRegion, home: config.home, store, onRetry: (name) => void registry?.retry(name) });
  registry = new MfeRegistry({
    store,
    errors,
    slots: layout,
    timeouts: config.timeouts,
    load: (entry, attempt) => runtime.load(entry, attempt),
    guard: runtime.auth.guard,
    pageProps: runtime.pageProps,
    navigate: navigateInApp,
    ...(runtime.hooks.steps ? { hooks: runtime.hooks.steps } : {}),
  });
  layout.attach(registry);

  const manifest = await runtime.manifest;
  await runtime.signingIn;
  showManifestNotices(manifest);
  const problems: ManifestProblem[] = [...manifest.problems];
  let { rest } = manifest;
  let shown = manifest.entries;
  if (rest && location.pathname !== splitAt) {
    // Back from the IdP on another path than the one the manifest was split at: validate all now.
    shown = [...shown, ...takeRest(rest, problems, shown.length)];
    rest = undefined;
  }
  // Overrides are developer tooling: their code is fetched only where they are on, or named.
  const overrides = config.overrides.enabled || overridesInUrl(location.search) ? await import('../overrides/page.js') : undefined;
  const { entries } = overrides ? overrides.applyPageOverrides(config.overrides, shown) : { entries: shown };
  // Fetch every MFE this URL needs at once.
  for (const entry of entries) if (isActive(entry, location.pathname)) runtime.preload(entry);
  // What this URL shows starts loading and mounting now, and single-spa adopts it when it arrives;
  // unless an MFE here reads single-spa itself (and may call its API as it mounts): then as before,
  // single-spa first (on a boot graph page its chunk came with the graph: no wait).
  const spaFirst = entries.some((entry) => isActive(entry, location.pathname) && readsSingleSpa(entry)) ? await singleSpaFirst() : undefined;
  const firstPass = spaFirst ? registry.attach(spaFirst).then(() => spaFirst) : undefined;
  registry.register(entries);
  layout.reconcile();
  runtime.auth.attach({ entries: () => registry?.entries() ?? [], root });

  const reconcile = () => layout.reconcile();
  window.addEventListener('single-spa:before-routing-event', reconcile);
  window.addEventListener('single-spa:routing-event', reconcile);
  interceptLinks();

  const mfes = registry;
  // single-spa is requested once what the URL shows has mounted (or failed, or a second passed):
  // nothing of it is needed before, and its bytes would share the line with the MFEs' files.
  const attached = firstPass ?? Promise.race([registry.started(), afterFirstContent(SINGLE_SPA_AFTER_MS)]).then(singleSpa).then(async (s) => {
    await mfes.attach(s);
    return s;
  });
  // The first routing pass, with the MFEs mounted early adopted.
  const ready = attached.then(() => undefined);
  ready.catch((error: unknown) => {
    log.warn("single-spa's chunk could not be loaded: the MFEs shown stay, routing does not run", error);
    showNotice('Part of this page could not be loaded, so moving around it may not work. Check your connection and reload.', 'error', { label: 'Reload', run: () => location.reload() });
  });
  // The rest of the manifest right after the first pass (no navigation can come in between, so
  // no route of it ever shows "not found"); a routing pass under way, so they join it.
  const later = rest;
  if (later) {
    // (Without single-spa there is no routing to register them with: said above.)
    attached.then((s) => {
      void s.triggerAppChange();
      mfes.register(takeRest(later, problems, entries.length));
    }, () => undefined);
  }
  // Also without single-spa (its chunk failed, said above): releases report what did mount.
  const settled = ready.catch(() => undefined).then(() => whenIdle());
  void settled.then(() => releases.start());
  // Saved overrides a deployment without them must not keep (reading localStorage costs ms: later).
  if (!config.overrides.enabled) void settled.then(() => import('../overrides/page.js')).then((m) => m.dropStaleOverrides(), () => undefined);
  const api = createShellApi({ store, errors, registry, problems, ready });
  window.atrium = api;
  if (config.devtools) {
    void Promise.all([import('../devtools/trigger.js'), import('../overrides/page.js')]).then(([devtools, page]) => devtools.installDevtoolsTrigger(api, page.overridesEditor(config.overrides)));
  }
  return api;
}

/**
 * single-spa for a page where it comes first: at once when a boot graph has run its chunk; when
 * the shell started before the graph ran (its `async` copy came first), once the graph has — an
 * `import()` of the chunk would settle only a task later, after the document is parsed; else
 * imported. Undefined when it cannot be loaded (the page then goes on without it, said later).
 */
async function singleSpaFirst(): Promise<SingleSpa | undefined> {
  await bootGraphRan();
  return singleSpaNow() ?? singleSpa().catch(() => undefined);
}

/** An entry whose code imports single-spa: its plan says it reads it, or it has no plan (the runtime decides). */
function readsSingleSpa(entry: ResolvedEntry): boolean {
  return !entry.boot || entry.boot.shares.includes('single-spa');
}

/** Whether a raw manifest entry is shown at `path` (a malformed activation counts: validating it now reports it now). */
function shownAt(path: string): (raw: Readonly<Record<string, unknown>>) => boolean {
  return (raw) => {
    const when = raw['activeWhen'];
    const prefixes = typeof when === 'string' ? [when] : Array.isArray(when) ? when : undefined;
    if (when === 'always' || !prefixes || !prefixes.every((p) => typeof p === 'string')) return true;
    return isActiveAt(routesOf(prefixes as string[]), path);
  };
}

/**
 * The entries left for later, validated now; their problems are shown and kept with the rest.
 * `before`: how many entries the page already has (a broken late entry does not empty the page).
 */
function takeRest(rest: () => ManifestResult, problems: ManifestProblem[], before: number): readonly ResolvedEntry[] {
  const { entries, problems: found } = rest();
  problems.push(...found);
  showManifestNotices({ entries, problems: found }, before);
  return entries;
}

function showManifestNotices(manifest: Awaited<PageRuntime['manifest']>, before = 0): void {
  if (manifest.unreadable) {
    showNotice('The page content could not be loaded. Check your connection and reload.', 'error', { label: 'Reload', run: () => location.reload() });
    return;
  }
  const failed = manifest.problems.filter((p) => p.severity === 'error').length;
  if (failed === 0) return;
  const empty = before + manifest.entries.length === 0;
  showNotice(empty ? 'No part of this page could be loaded: its manifest is invalid.' : `${failed === 1 ? '1 part of this page is' : `${failed} parts of this page are`} unavailable because of a configuration problem.`, empty ? 'error' : 'warning');
}
