import { MANIFEST_VERSION } from '@atrium/shared/internal';
import type { ManifestEntry } from '@atrium/shared/internal';
import { checkRemoteUrl, isUrlRefusal, resolveOnOrigin, routesOf } from '@atrium/shared/policy';
import type { Routes } from '@atrium/shared/policy';
import type { ShapeChecks } from '../validation/index.js';
import { FIELD_FIXES, REQUIRED_FIELDS } from './fields.js';
import type { EntryField } from './fields.js';

/** A manifest entry that passed validation, with its URLs checked and its activation normalised. */
export interface ResolvedEntry extends ManifestEntry {
  readonly entryUrl: URL;
  /** Route prefixes without trailing slash, or 'always'. */
  readonly routes: Routes;
  /** Absolute URLs of files to preload, each on the entry's origin. */
  readonly preloadUrls: readonly string[];
  /** The planned chunk's URL (on the entry's origin), when the entry has a deploy-time plan. */
  readonly bootUrl?: URL;
  /** Set when a developer override replaced the manifest's URL: the URL it replaced. */
  readonly overriddenFrom?: string;
}

/** One thing wrong with the manifest, with where and how to fix it. */
export interface ManifestProblem {
  readonly severity: 'error' | 'warning';
  /** `entry 2 ("accounts")`, or undefined for the document itself. */
  readonly where?: string;
  readonly field?: string;
  readonly message: string;
}

export interface ManifestResult {
  readonly entries: readonly ResolvedEntry[];
  readonly problems: readonly ManifestProblem[];
  /**
   * Validates the entries left for later (see {@link ParseOptions.now}), once; their problems
   * are in its result only. Absent when nothing was left.
   */
  readonly rest?: () => ManifestResult;
}

export interface ParseOptions {
  /**
   * Which raw entries to validate now; the others wait for `rest()`. A shell validates what the
   * current URL shows before first content and the rest afterwards, so a 500-entry manifest
   * costs first content little more than a 5-entry one. Default: all now.
   */
  readonly now?: (raw: Readonly<Record<string, unknown>>) => boolean;
}

export interface ManifestPolicy {
  readonly allowedOrigins: ReadonlySet<string>;
  readonly regions: ReadonlySet<string>;
  /** Where the manifest came from, for messages. */
  readonly source: string;
  /** The shape checks: the schemas, or none for a manifest the deploy step checked (validation/). */
  readonly checks: ShapeChecks;
}

/** Formats a problem as one line a person can act on. */
export function formatProblem(p: ManifestProblem): string {
  const where = p.where ? `${p.where}: ` : '';
  const field = p.field ? `field "${p.field}" ` : '';
  return `manifest ${where}${field}${p.message}`;
}

/**
 * Parses and validates a manifest. Never throws: a broken document yields no entries and a
 * problem; a broken entry is dropped with a problem naming it, and every valid entry is kept.
 *
 * @example
 * ```ts
 * const { entries, problems } = parseManifest(text, { allowedOrigins, regions, source: url });
 * problems.forEach((p) => log.error(formatProblem(p)));
 * ```
 */
export function parseManifest(input: string | unknown, policy: ManifestPolicy, options: ParseOptions = {}): ManifestResult {
  const problems: ManifestProblem[] = [];
  const doc = typeof input === 'string' ? parseJson(input, policy.source, problems) : input;
  if (doc === undefined) return { entries: [], problems };

  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return { entries: [], problems: [docError(`from ${policy.source} must be a JSON object with "version" and "mfes"`)] };
  }
  const record = doc as Record<string, unknown>;
  if (record['version'] !== MANIFEST_VERSION) {
    return {
      entries: [],
      problems: [
        docError(
          `from ${policy.source} has version ${JSON.stringify(record['version'])}; this host reads version ${MANIFEST_VERSION}. Set "version": ${MANIFEST_VERSION} or upgrade the host`,
        ),
      ],
    };
  }
  const list = record['mfes'];
  if (!Array.isArray(list)) {
    return { entries: [], problems: [docError(`from ${policy.source} needs "mfes": an array of entries`)] };
  }

  const seen = new Set<string>();
  const accept = (raw: unknown, index: number, entries: ResolvedEntry[], found: ManifestProblem[]) => {
    const entry = validateEntry(raw, index, policy, found);
    if (!entry) return;
    if (seen.has(entry.name)) {
      found.push({
        severity: 'error',
        where: label(index, entry.name),
        field: 'name',
        message: `"${entry.name}" is used by an earlier entry; this one is ignored — fix: give every entry a unique name`,
      });
      return;
    }
    seen.add(entry.name);
    entries.push(entry);
  };

  const entries: ResolvedEntry[] = [];
  const later: number[] = [];
  const names = new Set<unknown>();
  list.forEach((raw, index) => {
    const name = (raw as Record<string, unknown> | null)?.['name'];
    // A name seen earlier in the list waits too, so the first entry of a name still wins.
    const wait = options.now !== undefined && typeof raw === 'object' && raw !== null && !Array.isArray(raw) && (names.has(name) || !options.now(raw as Record<string, unknown>));
    names.add(name);
    if (wait) later.push(index);
    else accept(raw, index, entries, problems);
  });
  if (later.length > 0) {
    let done: ManifestResult | undefined;
    const rest = (): ManifestResult => {
      if (done) return done;
      const more: ResolvedEntry[] = [];
      const found: ManifestProblem[] = [];
      for (const index of later) accept(list[index], index, more, found);
      return (done = { entries: more, problems: found });
    };
    return { entries, problems, rest };
  }
  return { entries, problems };
}

function parseJson(text: string, source: string, problems: ManifestProblem[]): unknown {
  // A UTF-8 BOM is what some editors and CMSs save; JSON.parse rejects it, so drop it.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    problems.push(docError(`from ${source} is not valid JSON (${detail}) — fix the syntax; no MFE can load until then`));
    return undefined;
  }
}

function docError(message: string): ManifestProblem {
  return { severity: 'error', message };
}

function label(index: number, name: unknown): string {
  return typeof name === 'string' && name ? `entry ${index} ("${name}")` : `entry ${index}`;
}

/**
 * The shape of one raw entry, field by field with `checks`: its fields, or undefined when one
 * is missing or wrong (each problem pushed, naming the entry and field; an unknown field only
 * warns). What the page and the deploy step (`deploy/checks.ts`) both check.
 */
export function entryShape(raw: unknown, index: number, checks: ShapeChecks, problems: ManifestProblem[]): Record<string, unknown> | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push({ severity: 'error', where: label(index, undefined), message: 'must be an object — fix: see the manifest format in README' });
    return undefined;
  }
  const record = raw as Record<string, unknown>;
  const where = label(index, record['name']);
  const errorsBefore = problems.length;
  const fail = (field: string, message: string) => problems.push({ severity: 'error', where, field, message });

  for (const key of Object.keys(record)) {
    if (!(key in FIELD_FIXES)) {
      problems.push({ severity: 'warning', where, field: key, message: 'is not part of the manifest format and is ignored' });
    }
  }
  const out: Record<string, unknown> = {};
  for (const field of Object.keys(FIELD_FIXES) as EntryField[]) {
    const value = record[field];
    if (value === undefined) {
      if (REQUIRED_FIELDS.includes(field)) fail(field, `is missing — fix: ${FIELD_FIXES[field]}`);
      continue;
    }
    const { output, issue } = checks.entryField(field, value);
    if (issue) {
      fail(field, `${JSON.stringify(value)?.slice(0, 80)} ${issue.message} — fix: ${FIELD_FIXES[field]}`);
      continue;
    }
    out[field] = output;
  }
  return problems.slice(errorsBefore).some((p) => p.severity === 'error') ? undefined : out;
}

function validateEntry(
  raw: unknown,
  index: number,
  policy: ManifestPolicy,
  problems: ManifestProblem[],
): ResolvedEntry | undefined {
  const out = entryShape(raw, index, policy.checks, problems);
  if (!out) return undefined;
  const where = label(index, out['name']);
  const fail = (field: string, message: string) => problems.push({ severity: 'error', where, field, message });

  const entry = out as unknown as ManifestEntry;
  const entryUrl = checkRemoteUrl(entry.entry, policy.allowedOrigins);
  if (isUrlRefusal(entryUrl)) {
    fail('entry', `${entryUrl.problem} — fix: ${entryUrl.fix}`);
    return undefined;
  }
  if (!policy.regions.has(entry.region)) {
    fail('region', `"${entry.region}" is not a region of this host — fix: use one of ${[...policy.regions].map((r) => `"${r}"`).join(', ')}`);
    return undefined;
  }
  const preloadUrls: string[] = [];
  for (const path of entry.preload ?? []) {
    const url = resolveOnOrigin(path, entryUrl);
    if (!url) {
      fail('preload', `"${path}" leaves the entry's origin — fix: list only files deployed with the remote`);
      return undefined;
    }
    preloadUrls.push(url.href);
  }
  const bootUrl = entry.boot ? resolveOnOrigin(entry.boot.module, entryUrl) : undefined;
  if (entry.boot && !bootUrl) {
    fail('boot', `"${entry.boot.module}" leaves the entry's origin — fix: ${FIELD_FIXES.boot}`);
    return undefined;
  }
  return { ...entry, entryUrl, routes: routesOf(entry.activeWhen), preloadUrls, ...(bootUrl ? { bootUrl } : {}) };
}
