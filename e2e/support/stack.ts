import { startStack as startStackJs } from '../../scripts/lib/stack.mjs';

export interface Stack {
  readonly hostUrl: string;
  readonly urls: Record<string, string>;
  readonly cmsUrl: string;
  readonly manifest: { version: number; mfes: Record<string, unknown>[] };
  close(): Promise<void>;
}

export interface StackOptions {
  readonly mfes?: unknown[];
  readonly inlineManifest?: boolean;
  readonly extraEntries?: (urls: Record<string, string>) => unknown[];
  readonly extraOrigins?: string[];
  readonly configPatch?: Record<string, unknown>;
  /** Start the IdP and the demo APIs (default true). */
  readonly servers?: boolean;
  /** Single sign-on in the host config (default true when servers run). */
  readonly sso?: boolean;
  /** Serve the CMS fixture page (default true). */
  readonly cms?: boolean;
}

/** The same stack `npm start` runs, on free ports so suites never collide with a running one. */
export function startStack(options: StackOptions = {}): Promise<Stack> {
  return startStackJs({ ...options, ephemeral: true } as Parameters<typeof startStackJs>[0]);
}
