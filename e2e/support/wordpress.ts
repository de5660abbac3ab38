// A real WordPress for the e2e suite: Debian's `wordpress` package served by apache2 + mod_php
// on 127.0.0.1, backed by a MariaDB of its own (datadir and socket in a temp folder, no TCP).
// Everything lives in one temp folder and both servers are stopped by PID. There is no wp-cli in
// Debian: WordPress is driven with `php -r` scripts that load wp-load.php.
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const WORDPRESS = '/usr/share/wordpress';
const APACHE = '/usr/sbin/apache2';
const MODULES = '/usr/lib/apache2/modules';
const MARIADBD = ['/usr/sbin/mariadbd', '/usr/sbin/mysqld'];

/** Why this machine cannot run the suite (a missing Debian package, named), or undefined. */
export function wordpressUnavailable(): string | undefined {
  const missing = [
    [path.join(WORDPRESS, 'wp-load.php'), 'wordpress'],
    [path.join(WORDPRESS, 'wp-content/themes/twentytwentythree/theme.json'), 'wordpress-theme-twentytwentythree'],
    [APACHE, 'apache2'],
    [path.join(MODULES, phpModule() ?? 'libphp.so'), 'libapache2-mod-php'],
    ['/usr/bin/php', 'php-cli'],
    [MARIADBD.find((f) => fs.existsSync(f)) ?? MARIADBD[0]!, 'mariadb-server'],
    ['/usr/bin/mariadb-install-db', 'mariadb-server'],
    ['/usr/bin/zip', 'zip'],
  ].filter(([file]) => !fs.existsSync(file!)).map(([, pkg]) => pkg);
  if (!missing.length && !phpHasMysqli()) missing.push('php-mysql');
  return missing.length ? `WordPress suite skipped: Debian package(s) ${[...new Set(missing)].join(', ')} not installed — apt-get install -y wordpress wordpress-theme-twentytwentythree mariadb-server apache2 libapache2-mod-php php-mysql zip (.ci/run does)` : undefined;
}

function phpModule(): string | undefined {
  return fs.existsSync(MODULES) ? fs.readdirSync(MODULES).find((f) => /^libphp[\d.]*\.so$/.test(f)) : undefined;
}

function phpHasMysqli(): boolean {
  try {
    return fs.readdirSync('/etc/php').some((v) => fs.existsSync(`/etc/php/${v}/mods-available/mysqli.ini`));
  } catch {
    return false;
  }
}

export interface WordPress {
  /** e.g. http://127.0.0.1:34567 (no trailing slash). */
  readonly url: string;
  /** The `admin` user's password (a fresh random one per site). */
  readonly adminPassword: string;
  /**
   * Runs PHP with WordPress loaded (wp-load.php) and returns what the code `echo`es, parsed as
   * JSON. The code runs as no user until it calls wp_set_current_user().
   */
  php<T = unknown>(code: string): Promise<T>;
  close(): Promise<void>;
}

/** Installs and starts a fresh WordPress site (≈5 s): MariaDB, apache, wp_install, permalinks. */
export async function startWordPress(options: { title?: string } = {}): Promise<WordPress> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-wp-'));
  // apache's children run as www-data when the suite runs as root: they must reach the files.
  fs.chmodSync(dir, 0o755);
  const children: ChildProcess[] = [];
  // The servers run in their own process groups: if the suite dies without close(), they must not outlive it.
  const orphans = () => children.forEach((child) => {
    if (child.exitCode !== null || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  });
  process.once('exit', orphans);
  const close = async () => {
    process.off('exit', orphans);
    await Promise.all(children.reverse().map(stopChild));
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const socket = path.join(dir, 'mysql.sock');
    children.push(await startMariadb(dir, socket));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const root = copyWordPress(dir, url, socket);
    children.push(await startApache(dir, root, port));
    const php = phpRunner(root, url);
    const adminPassword = `admin-${Math.random().toString(36).slice(2)}`;
    await php(`require_once ABSPATH . 'wp-admin/includes/upgrade.php';
      wp_install(${phpString(options.title ?? 'Northwind Travel')}, 'admin', 'admin@example.test', false, '', ${phpString(adminPassword)});
      // Pretty, nested permalinks (/2026/12/slug/): a post is never at the site's root.
      global $wp_rewrite;
      $wp_rewrite->set_permalink_structure('/%year%/%monthnum%/%postname%/');
      flush_rewrite_rules(false);
      echo json_encode(true);`, { installing: true });
    return { url, adminPassword, php, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A PHP single-quoted string literal. */
export function phpString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function phpRunner(root: string, url: string) {
  return async function php<T>(code: string, { installing = false } = {}): Promise<T> {
    const prelude = `${installing ? "define('WP_INSTALLING', true);" : ''}
      $_SERVER['HTTP_HOST'] = ${phpString(new URL(url).host)}; $_SERVER['REQUEST_URI'] = '/';
      require ${phpString(path.join(root, 'wp-load.php'))};`;
    const { stdout } = await run('php', ['-d', 'display_errors=stderr', '-d', 'error_reporting=E_ALL & ~E_DEPRECATED', '-r', `${prelude}\n${code}`], { cwd: root, maxBuffer: 16 * 1024 * 1024 })
      .catch((error: Error & { stderr?: string; stdout?: string }) => {
        throw new Error(`php failed: ${error.stderr || error.message}\n--- code ---\n${code}`);
      });
    try {
      return JSON.parse(stdout) as T;
    } catch {
      throw new Error(`php printed no JSON: ${stdout.slice(0, 2000)}\n--- code ---\n${code}`);
    }
  };
}

async function startMariadb(dir: string, socket: string): Promise<ChildProcess> {
  const data = path.join(dir, 'db');
  const user = os.userInfo().username;
  const small = ['--innodb-buffer-pool-size=32M', '--innodb-log-file-size=8M', '--skip-log-bin'];
  await run('/usr/bin/mariadb-install-db', ['--no-defaults', `--datadir=${data}`, `--user=${user}`, '--auth-root-authentication-method=normal', '--skip-test-db', ...small], { cwd: dir })
    .catch((error: Error & { stderr?: string }) => { throw new Error(`mariadb-install-db failed: ${error.stderr || error.message}`); });
  const binary = MARIADBD.find((f) => fs.existsSync(f))!;
  const child = spawn(binary, [
    '--no-defaults', `--datadir=${data}`, `--socket=${socket}`, `--pid-file=${path.join(dir, 'mysqld.pid')}`,
    '--skip-networking', `--user=${user}`, `--log-error=${path.join(dir, 'mysqld.err')}`, ...small,
  ], { stdio: 'ignore', detached: true });
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`mariadbd exited (${child.exitCode}): ${readTail(path.join(dir, 'mysqld.err'))}`);
    return fs.existsSync(socket);
  }, 'mariadbd socket', 20_000);
  await run('/usr/bin/mariadb', ['--no-defaults', `--socket=${socket}`, '-uroot', '-e', 'CREATE DATABASE wordpress']);
  return child;
}

/**
 * The site's document root: a copy of Debian's WordPress (≈60 MB), so that wp-load.php finds
 * *this* wp-config.php, never /etc/wordpress's, and nothing under /usr/share is ever written.
 */
function copyWordPress(dir: string, url: string, socket: string): string {
  const root = path.join(dir, 'wp');
  try {
    // Dereferenced: Debian links underscore, getID3… relatively into /usr/share, which a copy elsewhere would break.
    fs.cpSync(WORDPRESS, root, { recursive: true, dereference: true, mode: fs.constants.COPYFILE_FICLONE });
  } catch (error) {
    throw new Error(`cannot copy ${WORDPRESS}: ${(error as Error).message}`);
  }
  fs.rmSync(path.join(root, 'wp-config.php'));
  const salt = () => phpString(Math.random().toString(36).repeat(3));
  fs.writeFileSync(path.join(root, 'wp-config.php'), `<?php
define('DB_NAME', 'wordpress');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', ${phpString(`localhost:${socket}`)});
define('DB_CHARSET', 'utf8mb4');
define('WP_HOME', ${phpString(url)});
define('WP_SITEURL', ${phpString(url)});
define('WP_CONTENT_DIR', __DIR__ . '/wp-content');
define('AUTH_KEY', ${salt()}); define('SECURE_AUTH_KEY', ${salt()}); define('LOGGED_IN_KEY', ${salt()}); define('NONCE_KEY', ${salt()});
define('AUTH_SALT', ${salt()}); define('SECURE_AUTH_SALT', ${salt()}); define('LOGGED_IN_SALT', ${salt()}); define('NONCE_SALT', ${salt()});
// A test site on loopback: no calls to wordpress.org, no cron requests, no updates.
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_DEBUG', false);
$table_prefix = 'wp_';
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
`);
  return root;
}

async function startApache(dir: string, root: string, port: number): Promise<ChildProcess> {
  const conf = path.join(dir, 'apache.conf');
  const module = (name: string, file: string) => `LoadModule ${name} ${path.join(MODULES, file)}`;
  const runAs = process.getuid?.() === 0 ? 'User www-data\nGroup www-data' : '';
  fs.writeFileSync(conf, [
    module('mpm_prefork_module', 'mod_mpm_prefork.so'),
    module('authz_core_module', 'mod_authz_core.so'),
    module('dir_module', 'mod_dir.so'),
    module('mime_module', 'mod_mime.so'),
    module('php_module', phpModule()!),
    `ServerName 127.0.0.1`,
    `Listen 127.0.0.1:${port}`,
    `PidFile ${path.join(dir, 'apache.pid')}`,
    `DefaultRuntimeDir ${dir}`,
    `ErrorLog ${path.join(dir, 'apache-error.log')}`,
    `LogLevel warn`,
    runAs,
    'StartServers 2\nMinSpareServers 2\nMaxSpareServers 4\nMaxRequestWorkers 8',
    'TypesConfig /etc/mime.types',
    `DocumentRoot ${root}`,
    `<Directory ${root}>\n  Options FollowSymLinks\n  AllowOverride None\n  Require all granted\n  DirectoryIndex index.php\n  FallbackResource /index.php\n</Directory>`,
    '<FilesMatch "\\.php$">\n  SetHandler application/x-httpd-php\n</FilesMatch>',
  ].join('\n'));
  // Its own process group: on stop, apache signals its whole group, which must not be ours.
  const child = spawn(APACHE, ['-f', conf, '-d', dir, '-DFOREGROUND'], { stdio: 'ignore', detached: true });
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`apache2 exited (${child.exitCode}): ${readTail(path.join(dir, 'apache-error.log'))}`);
    return canConnect(port);
  }, 'apache2', 15_000);
  return child;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

async function waitFor(ready: () => Promise<boolean>, what: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await ready()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not start within ${ms / 1000} s`);
}

function readTail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').slice(-1500);
  } catch {
    return '(no log)';
  }
}
