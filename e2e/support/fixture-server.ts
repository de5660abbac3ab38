import http from 'node:http';
import path from 'node:path';
import { startStaticServer } from '../../scripts/lib/static-server.mjs';
import { ROOT } from './paths.js';

export interface FixtureServer {
  readonly url: string;
  /** Makes `/flaky/` serve the probe build (true) or 404 (false). */
  setFlakyUp(up: boolean): void;
  close(): Promise<void>;
}

/**
 * One origin serving every failure-mode fixture: built fixtures at `/<name>/`, a remote that
 * 404s (`/missing/`), one that never answers (`/hang/`) and one that 404s until it is "back"
 * (`/flaky/`, the probe's build).
 */
export async function startFixtureServer(): Promise<FixtureServer> {
  let flakyUp = false;
  const hanging = new Set<http.ServerResponse>();
  const server = await startStaticServer({
    dir: path.join(ROOT, 'e2e/fixtures'),
    port: 0,
    label: 'fixtures',
    cors: true,
    before: (req: http.IncomingMessage, res: http.ServerResponse) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname.startsWith('/hang/')) {
        hanging.add(res);
        return true;
      }
      if (url.pathname.startsWith('/missing/') || (url.pathname.startsWith('/flaky/') && !flakyUp)) {
        res.statusCode = 404;
        res.end('not deployed');
        return;
      }
      // Fixture builds live in <name>/dist; map /<name>/x to /<name>/dist/x, and /flaky/ to the probe.
      const match = /^\/(flaky|fx_[a-z0-9_]+)\/(.*)$/.exec(url.pathname);
      if (match) {
        const name = match[1] === 'flaky' ? 'fx_probe' : match[1];
        req.url = `/${name}/dist/${match[2]}${url.search}`;
      }
    },
  });
  return {
    url: server.url,
    setFlakyUp: (up) => {
      flakyUp = up;
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      await server.close();
    },
  };
}
