/// <reference types="vite/client" />
/// <reference lib="dom.iterable" />
// Browser code built by Vite: the references above give it the browser project's environment
// under tsconfig.node.json too, which includes bench/ (and through this file, the MFE sources).
// The monolith the bench compares Atrium with: the same UI, mounted directly. It sets the same
// User Timing mark the host sets when its first route MFE has mounted.
// The host's own stylesheet, not a copy: the monolith must look exactly like the shell.
import '../../host/src/shell.css';
import { standaloneProps } from '@atrium/shared';
import type { AtriumProps } from '@atrium/shared';
import type { DefinedMfe } from '@atrium/shared/internal';
import * as accounts from '../../mfes/accounts/src/app.js';
import * as navigation from '../../mfes/navigation/src/app.js';

const FIRST_CONTENT_MARK = 'atrium:first-content';

function region(name: string): HTMLElement {
  const found = document.querySelector<HTMLElement>(`[data-atrium-region="${name}"]`);
  if (!found) throw new Error(`monolith: region "${name}" is missing from index.html`);
  // The same box the host's layout gives an MFE inside its region.
  const box = document.createElement('section');
  box.dataset['mfe'] = name;
  found.append(box);
  return box;
}

// The contract's own props for running without a host (no APIs, SSO off): whatever the
// contract grows, the monolith hands the MFEs what their standalone pages do.
function props(name: string, regionName: string, basePath: string): AtriumProps {
  return standaloneProps({ name, region: regionName, basePath, domElement: region(regionName) });
}

async function start(mfe: Pick<DefinedMfe, 'bootstrap' | 'mount'>, p: AtriumProps): Promise<void> {
  await mfe.bootstrap(p);
  await mfe.mount(p);
}

async function main(): Promise<void> {
  if (location.pathname === '/') history.replaceState(null, '', '/accounts');
  await Promise.all([
    start(navigation, props('navigation', 'nav', '')),
    start(accounts, props('accounts', 'main', '/accounts')),
  ]);
  performance.mark(FIRST_CONTENT_MARK, { detail: { mfe: 'accounts' } });
}

void main();
