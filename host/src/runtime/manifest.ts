import { createLogger } from '@atrium/shared';
import { describeError, ManifestError } from '../errors.js';
import { formatProblem, parseManifest, readManifest } from '../manifest/index.js';
import type { ManifestResult, ManifestSource, ParseOptions } from '../manifest/index.js';
import type { ResolvedHostConfig } from '../config/config.js';
import type { ErrorReporter } from '../observability/errors.js';
import type { ChecksSource } from '../validation/index.js';

const log = createLogger('host:manifest');

/** A manifest request started before the runtime (embed.js fetches it as soon as the config is in). */
export interface EarlyManifest {
  readonly url: string;
  readonly response: Promise<Response>;
}

/**
 * Reads and validates the page's manifest once (its shape with `checks`: none for a manifest the
 * deploy step stamped), and reports each problem once: warnings are
 * logged, broken entries reported (and dropped), a missing or unreadable manifest reported as
 * one problem. Never rejects: a page without a manifest still runs, with nothing to show.
 * Entries `options.now` leaves for later are validated (and their problems reported) by `rest()`.
 */
export async function loadManifest(config: ResolvedHostConfig, errors: ErrorReporter, checks: ChecksSource, earlyRequest?: Promise<EarlyManifest | undefined>, options: ParseOptions = {}): Promise<ManifestResult & { readonly unreadable?: ManifestError }> {
  try {
    const early = await earlyRequest;
    const { source, text, checked } = early && early.url === config.manifestUrl ? await readEarly(early) : await readManifest(config.manifestUrl);
    return reported(parseManifest(text, { allowedOrigins: config.allowedOrigins, regions: config.regions, source, checks: await checks(checked) }, options), errors);
  } catch (error) {
    const failure = error instanceof ManifestError ? error : new ManifestError(describeError(error), { cause: error });
    errors.report({ mfe: undefined, step: 'manifest', error: failure });
    return { entries: [], problems: [{ severity: 'error', message: failure.message }], unreadable: failure };
  }
}

function reported(result: ManifestResult, errors: ErrorReporter): ManifestResult {
  for (const problem of result.problems) {
    if (problem.severity === 'warning') log.warn(formatProblem(problem));
    else errors.report({ mfe: undefined, step: 'manifest', error: new ManifestError(formatProblem(problem)) });
  }
  const { rest } = result;
  if (!rest) return result;
  let done: ManifestResult | undefined;
  return { ...result, rest: () => (done ??= reported(rest(), errors)) };
}

async function readEarly(early: EarlyManifest): Promise<ManifestSource> {
  let response: Response;
  try {
    response = await early.response;
  } catch (error) {
    throw new ManifestError(`the manifest at ${early.url} could not be fetched (network or CORS) — check the URL and that its server allows this origin`, { cause: error });
  }
  if (!response.ok) throw new ManifestError(`the manifest at ${early.url} answered ${response.status} ${response.statusText} — check manifestUrl in the host config`);
  return { source: early.url, text: await response.text() };
}
