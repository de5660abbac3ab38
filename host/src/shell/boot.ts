import { start, triggerAppChange } from 'single-spa';
import { createLogger, setLogLevel } from '@atrium/shared';
import { readHostConfig, resolveHostConfig } from '../config/config.js';
import type { ResolvedHostConfig } from '../config/config.js';
import { ConfigError, describeError, ManifestError } from '../errors.js';
import { createFederation, loadMfe, preloadEntry } from '../loader/index.js';
import { formatProblem, parseManifest, readManifest } from '../manifest/index.js';
import type { ManifestProblem, ResolvedEntry } from '../manifest/index.js';
import { interceptLinks, Layout, Regions } from '../layout/index.js';
import { isActive, MfeRegistry, StatusStore } from '../registry/index.js';
import { ErrorReporter } from '../observability/errors.js';
import { mark } from '../observability/timing.js';
import { BOOT_MARK } from '../observability/marks.js';
import { createShellApi } from './api.js';
import { applyPageOverrides, overridesEditor } from '../overrides/index.js';
import { installDevtoolsTrigger } from '../devtools/index.js';
import { wireAuth } from '../auth/index.js';
import { ApiWiring } from '../api/api-wiring.js';
import type { ShellApi } from './api.js';
import { showNotice } from './notices.js';
import { installReleases } from '../releases/index.js';

const log = createLogger('host:boot');

/**
 * Boots the shell: config, manifest, registry, then single-spa. Nothing here may throw past
 * this function: a bad config or manifest is shown to the user and reported, and the shell
 * stays up.
 */
export async function bootShell(root: HTMLElement = document.body): Promise<ShellApi | undefined> {
  mark(BOOT_MARK);
  const errors = new ErrorReporter();
  let config: ResolvedHostConfig;
  try {
    config = resolveHostConfig(await readHostConfig());
  } catch (error) {
    const failure = error instanceof ConfigError ? error : new ConfigError(describeError(error), { cause: error });
    errors.report({ mfe: undefined, step: 'config', error: failure });
    showNotice(`This page is misconfigured and cannot show its content. (${failure.message})`, 'error');
    return undefined;
  }
  setLogLevel(config.logLevel);

  const home = config.home;
  if (location.pathname === '/' && home !== '/') history.replaceState(history.state, '', home + location.search + location.hash);

  const store = new StatusStore();
  const regions = new Regions(config.regions, root);
  let registry: MfeRegistry | undefined;
  const layout = new Layout({ regions, routeRegion: config.routeRegion, home, store, onRetry: (name) => void registry?.retry(name) });
  const federation = createFederation();
  const auth = wireAuth(config, { report: (error) => errors.report({ mfe: undefined, step: 'auth', error }), notify: showNotice });
  // On the callback route this finishes the sign-in and replaces the URL before any route runs.
  const signingIn = auth.start();
  const session = auth.session;
  const apis = new ApiWiring({
    config: config.apis,
    getAccessToken: auth.getAccessToken,
    getUserKey: () => session.user?.sub,
    onAuthFailure: auth.onAuthFailure,
    onConfigError: (error) => errors.report({ mfe: undefined, step: 'config', error }),
  });
  // Health beacons and skew protection when a resolver served this page (releases/).
  const releases = installReleases(config, store);
  registry = new MfeRegistry({
    federation,
    store,
    ...(releases ? { load: releases.withReResolve((e, a, t) => loadMfe(federation, e, a, t)) } : {}),
    errors,
    slots: layout,
    timeouts: config.timeouts,
    prepare: () => apis.ready(),
    guard: auth.guard,
    extraProps: (_entry, signal) => ({ apis: apis.clientsFor(signal), session }),
  });
  layout.attach(registry);

  const loaded = await loadEntries(config, errors);
  await signingIn;
  const { problems } = loaded;
  const { entries } = applyPageOverrides(config.overrides, loaded.entries);
  // Fetch every MFE this URL needs at once, before single-spa asks for them one by one.
  for (const entry of entries) {
    if (isActive(entry, location.pathname)) void preloadEntry(entry).catch(() => undefined);
  }
  // single-spa reroutes on every registration made before start(), and each reroute checks
  // every registered app: quadratic in the manifest's size (≈ 300 ms for 500 entries). Started
  // first, it has a routing pass under way, so every registration below just joins one pass.
  start({ urlRerouteOnly: true });
  registry.register(entries);
  auth.attach({ entries: () => registry?.entries() ?? [], cache: () => apis.cache, root });

  const reconcile = () => layout.reconcile();
  window.addEventListener('single-spa:before-routing-event', reconcile);
  window.addEventListener('single-spa:routing-event', reconcile);
  interceptLinks();

  // Queued behind the pass that mounts the registered MFEs.
  const ready = triggerAppChange().then(() => undefined);
  const api = createShellApi({ store, errors, registry, problems, ready });
  window.atrium = api;
  installDevtoolsTrigger(api, overridesEditor(config.overrides));
  return api;
}

async function loadEntries(config: ResolvedHostConfig, errors: ErrorReporter): Promise<{ entries: readonly ResolvedEntry[]; problems: readonly ManifestProblem[] }> {
  try {
    const { source, text } = await readManifest(config.manifestUrl);
    const result = parseManifest(text, { allowedOrigins: config.allowedOrigins, regions: config.regions, source });
    const failed = result.problems.filter((p) => p.severity === 'error');
    for (const problem of result.problems) {
      if (problem.severity === 'warning') log.warn(formatProblem(problem));
      else errors.report({ mfe: undefined, step: 'manifest', error: new ManifestError(formatProblem(problem)) });
    }
    if (failed.length > 0) {
      const text = result.entries.length === 0 ? 'No part of this page could be loaded: its manifest is invalid.' : `${failed.length} part(s) of this page are unavailable because of a configuration problem.`;
      showNotice(text, result.entries.length === 0 ? 'error' : 'warning');
    }
    return result;
  } catch (error) {
    const failure = error instanceof ManifestError ? error : new ManifestError(describeError(error), { cause: error });
    errors.report({ mfe: undefined, step: 'manifest', error: failure });
    showNotice('The page content could not be loaded. Check your connection and reload.', 'error', { label: 'Reload', run: () => location.reload() });
    return { entries: [], problems: [{ severity: 'error', message: failure.message }] };
  }
}
