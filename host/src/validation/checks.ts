import { CHECKS_STAMP } from './stamp.js';
import type { ShapeChecks } from './types.js';

/**
 * For a config or manifest the deploy step checked with this build's schemas (its stamp says
 * so): nothing to check again. URL policy, regions and duplicate names are still checked by the
 * resolvers — they depend on the page, not on the shape.
 */
export const trustedChecks: ShapeChecks = {
  config: (raw) => ({ output: raw }),
  auth: (raw) => ({ output: raw }),
  embed: (raw) => ({ output: raw }),
  entryField: (_field, value) => ({ output: value }),
};

/** Which checks a config or manifest with this stamp (or none) needs. */
export type ChecksSource = (stamp: string | undefined) => Promise<ShapeChecks>;

let schemas: Promise<ShapeChecks> | undefined;

/**
 * The shell's checks: none for what the deploy step stamped with this build's schemas, else the
 * schemas — a chunk of their own (valibot and every schema, ≈ 4 KB br), downloaded only then.
 *
 * @example
 * ```ts
 * const checks = await pageChecks(inlineStamp('atrium-config'));
 * ```
 */
export const pageChecks: ChecksSource = (stamp) => {
  if (stamp !== undefined && stamp === CHECKS_STAMP) return Promise.resolve(trustedChecks);
  return (schemas ??= import('./schemas.js').then(
    (module) => module.schemaChecks,
    (error: unknown) => {
      // A failed download is not remembered: the next page start (a retry) asks again.
      schemas = undefined;
      // A plain Error, worded for the visitor: the page runtime reports it as the config's (or
      // manifest's) problem. (Importing errors.ts here makes rolldown split the error classes
      // out of the entry into a chunk the entry imports: rolldown #10731.)
      throw new Error(`the page's validation code could not be downloaded (${error instanceof Error ? error.message : String(error)}) — check the connection and reload`, { cause: error });
    },
  ));
};

/** The stamp the deploy step put on an inlined `<script type="application/json">` (`data-checked`). */
export function inlineStamp(id: string, doc: Document = document): string | undefined {
  return doc.getElementById(id)?.getAttribute('data-checked') ?? undefined;
}
