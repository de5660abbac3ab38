import type { SchemaIssue } from '../../errors/api-errors.js';

/** The result a Standard Schema validator returns. */
export type StandardSchemaResult<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | {
      readonly issues: ReadonlyArray<{
        readonly message: string;
        readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
      }>;
    };

/**
 * The Standard Schema v1 interface (https://standardschema.dev), which valibot, zod and arktype
 * schemas implement. Declared here so the API layer does not depend on any one of them.
 */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => StandardSchemaResult<Output> | Promise<StandardSchemaResult<Output>>;
    readonly types?: { readonly input: Input; readonly output: Output } | undefined;
  };
}

/**
 * Checks a response body: a Standard Schema (e.g. a valibot schema), or a function that returns
 * the typed value and throws when the data is wrong.
 *
 * @example
 * ```ts
 * const account: ResponseValidator<Account> = v.object({ id: v.string(), name: v.string() });
 * const count: ResponseValidator<number> = (data) => { if (typeof data !== 'number') throw new Error('not a number'); return data; };
 * ```
 */
export type ResponseValidator<T> = StandardSchemaV1<unknown, T> | ((data: unknown) => T);

/** Outcome of a validation: the typed value, or the issues found. */
export type ValidationOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly SchemaIssue[] };

function isStandardSchema(value: unknown): value is StandardSchemaV1 {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && '~standard' in value;
}

function issuePath(path: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined): string {
  if (path === undefined) return '';
  return path.map((segment) => String(typeof segment === 'object' ? segment.key : segment)).join('.');
}

/**
 * Runs a validator; never throws for bad data, only reports it.
 *
 * @example
 * ```ts
 * const outcome = await validateResponse(v.object({ id: v.string() }), data);
 * if (!outcome.ok) log.warn(outcome.issues);
 * ```
 */
export async function validateResponse<T>(validator: ResponseValidator<T>, data: unknown): Promise<ValidationOutcome<T>> {
  if (isStandardSchema(validator)) {
    const result = await validator['~standard'].validate(data);
    if (result.issues === undefined) return { ok: true, value: (result as { value: T }).value };
    return { ok: false, issues: result.issues.map((issue) => ({ message: issue.message, path: issuePath(issue.path) })) };
  }
  if (typeof validator !== 'function') throw new TypeError('validate must be a Standard Schema (e.g. a valibot schema) or a function');
  try {
    return { ok: true, value: validator(data) };
  } catch (error) {
    return { ok: false, issues: [{ message: error instanceof Error ? error.message : String(error), path: '' }] };
  }
}
