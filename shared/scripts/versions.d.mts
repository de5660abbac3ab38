export interface Drift {
  readonly file: string;
  readonly field: string;
  readonly name: string;
  readonly found: string;
  readonly expected: string;
}
export function declaredVersions(root?: string): Record<string, string>;
export function findDrift(declared: Record<string, string>, packages: readonly { file: string; json: unknown }[]): Drift[];
export function describeDrift(drift: readonly Drift[]): string;
export function repoDrift(root?: string): Drift[];
export function assertInstalledVersions(root?: string): void;
