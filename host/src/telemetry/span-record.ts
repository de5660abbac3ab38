/** One span as the boot-side recorder keeps it until the (lazy) OpenTelemetry SDK exports it. */
export interface SpanRecord {
  /** e.g. `atrium.mfe.mount`, `atrium.mfe.error`, `GET` (an API request). */
  readonly name: string;
  readonly kind: 'internal' | 'client';
  /** Epoch milliseconds. */
  readonly startTime: number;
  readonly endTime: number;
  /** The MFE the span belongs to; undefined for the page itself. */
  readonly mfe: string | undefined;
  readonly attributes: Readonly<Record<string, string | number | boolean>>;
  readonly error?: { readonly type: string; readonly message: string; readonly stack?: string | undefined };
}

/** What the exporter module offers once loaded. */
export interface SpanSink {
  /** Turns records into spans; `versionOf` gives the MFE's version from the manifest. */
  write(records: readonly SpanRecord[], versionOf: (mfe: string) => string | undefined): void;
  /** Sends what is batched now (page hidden). */
  flush(): Promise<void>;
}

/** Epoch milliseconds with sub-millisecond precision. */
export const now = (): number => performance.timeOrigin + performance.now();

/** An error as span data. */
export function errorData(error: unknown): NonNullable<SpanRecord['error']> {
  if (error instanceof Error) return { type: error.name, message: error.message, stack: error.stack };
  return { type: typeof error, message: String(error) };
}
