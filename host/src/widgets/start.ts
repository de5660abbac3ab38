import { createLogger } from '@atrium/shared';
import { readConfigResponse } from '../config/config.js';
import { embedderRefusal } from '../config/embed.js';
import { ErrorReporter } from '../observability/errors.js';
import { createPageRuntime } from '../runtime/index.js';
import type { EarlyManifest } from '../runtime/index.js';
import { callbackRelay } from './callback-relay.js';
import { WidgetHost } from './widget-host.js';
import { schemaChecks } from '../validation/schemas.js';

const log = createLogger('host:widgets');

export interface StartWidgetsInit {
  /** Where the config comes from (the script's `data-config`), for messages and relative URLs. */
  readonly configUrl: string;
  /** The config request embed.js started before this chunk arrived. */
  readonly config: Promise<Response>;
  /** The manifest request embed.js started as soon as the config arrived, if it did. */
  readonly manifest?: Promise<EarlyManifest | undefined>;
}

/**
 * The widget side of embed.js: the page runtime for a CMS page (refused, with one console error
 * in words for the embedder, unless the deployment lists this page's origin), and the widgets on it.
 */
export function startWidgets(init: StartWidgetsInit): WidgetHost {
  const errors = new ErrorReporter();
  const page = location.pathname;
  const runtime = createPageRuntime({
    config: readConfigResponse(init.config, init.configUrl, 'check data-config on the embed script, and that the host sends Access-Control-Allow-Origin for this page'),
    // Sign-in goes through the site's one callback page and comes back to this very page.
    context: { base: init.configUrl, origin: location.origin, embedded: true },
    // A fetched config carries no stamp: embed.js checks it (and the manifest) with the schemas.
    checks: () => Promise.resolve(schemaChecks),
    errors,
    admit: (config) => embedderRefusal(config.embed, location.origin, config.source),
    ...(init.manifest ? { manifest: init.manifest } : {}),
    // A page we do not own has no notice area of ours: the widget shows the signed-out state.
    notify: (text) => log.warn(text),
    home: page,
    relay: callbackRelay,
  });
  runtime.catch(() => undefined);
  return new WidgetHost(runtime, errors);
}
