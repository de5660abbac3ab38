import type { PluginOption, UserConfigFnObject } from 'vite';

export interface MfeBuildOptions {
  /** The container name; must equal the MFE's `name` in the manifest. */
  name: string;
  /** Exposed modules, e.g. `{ './app': './src/app.ts' }`. */
  exposes: Record<string, string>;
  /** Dev/preview port. */
  port: number;
  /** Extra shared packages on top of the host singletons. */
  shared?: Record<string, { singleton?: boolean; requiredVersion?: string; strictVersion?: boolean }>;
  plugins?: PluginOption[];
  root?: string;
}

export declare const HOST_SINGLETONS: Record<string, { singleton: boolean; requiredVersion: string }>;
export declare function defineMfeConfig(options: MfeBuildOptions): UserConfigFnObject;
export declare function devPort(port: number): number;
