import { AtriumError, hasErrorKind } from '@atrium/shared/internal';
import type { LifecycleStep } from '@atrium/shared/internal';

/** The host config is missing or invalid: the shell cannot know where MFEs come from. */
export class ConfigError extends AtriumError {
  static override readonly errorKind = 'ConfigError';
  override name = 'ConfigError';
}

/** The manifest, or one of its entries, cannot be used. */
export class ManifestError extends AtriumError {
  static override readonly errorKind = 'ManifestError';
  override name = 'ManifestError';
}

/** An MFE's code could not be loaded: 404, network, CORS, integrity, evaluation error, bad exports. */
export class RemoteLoadError extends AtriumError {
  static override readonly errorKind = 'RemoteLoadError';
  override name = 'RemoteLoadError';
  constructor(
    readonly mfe: string,
    readonly url: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** An MFE threw, rejected or timed out in one of its lifecycle steps. */
export class LifecycleError extends AtriumError {
  static override readonly errorKind = 'LifecycleError';
  override name = 'LifecycleError';
  constructor(
    readonly mfe: string,
    readonly step: LifecycleStep,
    readonly timedOut: boolean,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A remote asks for a shared singleton version the host does not provide. */
export class SharedVersionError extends AtriumError {
  static override readonly errorKind = 'SharedVersionError';
  override name = 'SharedVersionError';
}


type HostErrorName = 'ConfigError' | 'ManifestError' | 'RemoteLoadError' | 'LifecycleError' | 'SharedVersionError';
const HOST_ERROR_NAMES: ReadonlySet<string> = new Set<HostErrorName>(['ConfigError', 'ManifestError', 'RemoteLoadError', 'LifecycleError', 'SharedVersionError']);

/**
 * True for one of the host's errors (of the given kind), also one raised by another bundle of
 * the host code (embed.js and the shell on one page).
 *
 * @example
 * ```ts
 * if (isHostError(error, 'ConfigError')) slot.showUnavailable();
 * ```
 */
export function isHostError(value: unknown, name?: HostErrorName): value is AtriumError {
  if (name !== undefined) return hasErrorKind(value, name);
  for (const kind of HOST_ERROR_NAMES) if (hasErrorKind(value, kind)) return true;
  return false;
}

/** The message of anything thrown, without assuming it is an Error. */
export function describeError(value: unknown): string {
  if (value instanceof Error) return value.message;
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
