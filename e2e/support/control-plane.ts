import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './paths.js';

export { startOrigin } from '../../servers/control-plane/origin.mjs';

export interface Proc {
  readonly url: string;
  readonly pid: number;
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>;
  /** SIGTERM, and wait for the exit. */
  stop(): Promise<void>;
}

function stopper(child: ChildProcess, signal: NodeJS.Signals) {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    process.kill(child.pid!, signal);
    await exited;
  };
}

/** One resolver as its own process (servers/control-plane/resolver/server.mjs). */
export async function startResolver(options: { configFile: string; store: string; instance: string; env?: Record<string, string> }): Promise<Proc> {
  const child = spawn(process.execPath, [path.join(ROOT, 'servers/control-plane/resolver/server.mjs'), '--config', options.configFile, '--store', options.store, '--instance', options.instance], {
    env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`resolver ${options.instance} exited with ${code}: ${output}`)));
    setTimeout(() => reject(new Error(`resolver ${options.instance} did not start within 15 s: ${output}`)), 15_000).unref();
  });
  return { url, pid: child.pid!, kill: stopper(child, 'SIGKILL'), stop: stopper(child, 'SIGTERM') };
}

/**
 * Debian's nginx in the foreground with a config in `dir`: the resolvers behind `/` (round robin,
 * the next one when one is down) and the static origin behind `/mfes/`, cached as a CDN would.
 */
export async function startNginx(options: { dir: string; port: number; resolvers: string[]; origin: string }): Promise<Proc> {
  const bin = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((b) => fs.existsSync(b));
  if (!bin) throw new Error('nginx is not installed: `apt-get install -y nginx` (Debian), or see .ci/run');
  const upstream = options.resolvers.map((u) => `server ${new URL(u).host.replace('localhost', '127.0.0.1')} max_fails=1 fail_timeout=5s;`).join(' ');
  const d = options.dir;
  fs.mkdirSync(path.join(d, 'cache'), { recursive: true });
  fs.writeFileSync(path.join(d, 'nginx.conf'), `
${process.getuid?.() === 0 ? 'user root;' : ''}
daemon off;
worker_processes 1;
pid ${d}/nginx.pid;
error_log ${d}/error.log warn;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path ${d}/body; proxy_temp_path ${d}/proxy; fastcgi_temp_path ${d}/fastcgi;
  uwsgi_temp_path ${d}/uwsgi; scgi_temp_path ${d}/scgi;
  proxy_cache_path ${d}/cache keys_zone=origin:10m;
  upstream resolvers { ${upstream} keepalive 16; }
  server {
    listen 127.0.0.1:${options.port};
    location /mfes/ {
      proxy_pass ${options.origin.replace('localhost', '127.0.0.1')}/;
      proxy_cache origin;
      proxy_cache_valid 200 1h;
      add_header X-Cache $upstream_cache_status;
    }
    location / {
      proxy_pass http://resolvers;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_next_upstream error timeout http_502 http_503;
      proxy_connect_timeout 1s;
    }
  }
}
`);
  const child = spawn(bin, ['-p', d, '-c', path.join(d, 'nginx.conf'), '-e', path.join(d, 'error.log')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr!.on('data', (c: Buffer) => (errors += c.toString()));
  const url = `http://localhost:${options.port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}: ${errors}${fs.readFileSync(path.join(d, 'error.log'), 'utf8')}`);
    try {
      await fetch(`${url}/atrium/manifest.json`);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`nginx did not answer on ${url} within 10 s: ${errors}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { url, pid: child.pid!, kill: stopper(child, 'SIGKILL'), stop: stopper(child, 'SIGQUIT') };
}

export interface CliResult {
  readonly code: number;
  readonly json: any;
  readonly stderr: string;
}

/** Runs `atrium <args> --json` as a team's CI would, in its own process. */
export function atrium(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(ROOT, 'cli/bin/atrium.mjs'), ...args, '--json'], { env: { ...process.env, ...env }, cwd: ROOT, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 2) : 0;
      let json: unknown;
      try {
        json = JSON.parse(stdout);
      } catch {
        json = { unparsed: stdout };
      }
      resolve({ code, json, stderr });
    });
  });
}
