import { createLogger } from '../logger/logger.js';
import type { EventSchema, SchemaIssue } from './contract.js';
import { EventPayloadError } from './errors.js';

// The development half of the event bus: a chunk of its own, loaded only when payloads are checked
// (Vite dev builds, or a page with logLevel "debug").

const MAX_DEPTH = 32;

/**
 * Why a payload is not plain data (what another MFE, built with another framework or another copy
 * of a library, can safely read), or undefined when it is. Functions, DOM nodes and class
 * instances would tie listeners to the emitter's internals and keep its objects alive after it
 * unmounts.
 */
export function plainDataProblem(value: unknown, path = 'payload', seen = new Set<object>(), depth = 0): string | undefined {
  if (value === null || value === undefined) return undefined;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : `${path} is ${value}, not a finite number`;
    case 'function':
      return `${path} is a function, not plain data (pass data and let the listener act)`;
    case 'symbol':
    case 'bigint':
      return `${path} is a ${typeof value}, not plain data`;
  }
  const object = value as object;
  if (depth > MAX_DEPTH) return `${path} is nested deeper than ${MAX_DEPTH} levels`;
  if (seen.has(object)) return `${path} refers back to itself (a cycle)`;
  const proto: unknown = Object.getPrototypeOf(object);
  const isArray = Array.isArray(object);
  if (!isArray && proto !== Object.prototype && proto !== null) {
    const kind = (object as { constructor?: { name?: string } }).constructor?.name ?? 'object';
    return `${path} is a ${kind}, not plain data (send its data as plain objects, arrays, strings, numbers, booleans)`;
  }
  seen.add(object);
  for (const [key, child] of Object.entries(object)) {
    const problem = plainDataProblem(child, isArray ? `${path}[${key}]` : `${path}.${key}`, seen, depth + 1);
    if (problem) return problem;
  }
  seen.delete(object);
  return undefined;
}

/** The schema's verdict on a payload: undefined when valid, else the issues in one line. */
export function schemaProblem(schema: EventSchema, payload: unknown): string | undefined {
  const result = schema['~standard'].validate(payload);
  if (result instanceof Promise) return `its schema (${schema['~standard'].vendor}) validates asynchronously; events are delivered synchronously, so declare a synchronous schema`;
  const issues = (result as { issues?: ReadonlyArray<SchemaIssue> }).issues;
  if (!issues?.length) return undefined;
  return issues.slice(0, 3).map(describeIssue).join('; ') + (issues.length > 3 ? ` (and ${issues.length - 3} more)` : '');
}

function describeIssue(issue: SchemaIssue): string {
  const path = issue.path?.map((part) => String(typeof part === 'object' ? part.key : part)).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** Freezes plain data all the way down, so no listener can change what the next one receives. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * The bus's development check ({@link PayloadCheck}): plain data first, then every schema declared
 * for the event. Returns the error refusing the payload; an accepted payload is frozen.
 */
export function checkPayload(type: string, source: string, payload: unknown, schemas: Iterable<EventSchema>): EventPayloadError | undefined {
  const problem = refusal(payload, schemas);
  if (problem) return new EventPayloadError(type, source, problem);
  deepFreeze(payload);
  return undefined;
}

function refusal(payload: unknown, schemas: Iterable<EventSchema>): string | undefined {
  let problem = plainDataProblem(payload);
  for (const schema of schemas) problem ??= schemaProblem(schema, payload);
  return problem;
}

/** Checks what was emitted before this chunk arrived: delivered already, so only reported. */
export function checkLate(events: readonly { type: string; source: string; payload: unknown }[], schemasOf: (type: string) => Iterable<EventSchema>): void {
  for (const { type, source, payload } of events) {
    const problem = refusal(payload, schemasOf(type));
    if (problem) createLogger('events').warn(new EventPayloadError(type, source, problem).message, '(delivered: it was emitted before the development check had loaded)');
  }
}
