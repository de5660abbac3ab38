// The WordPress plugin (cms/wordpress/atrium) in a real WordPress: Debian's package on apache2 +
// mod_php and MariaDB, on loopback, started and stopped by this suite (e2e/support/wordpress.ts).
// The plugin is installed from its zip the way WordPress unpacks uploads; an Author (no
// unfiltered_html) writes the posts through the same kses filtering the editor's save gets.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChrome, newPage } from './support/browser.js';
import { ROOT } from './support/paths.js';
import { signInFromWidget, widgetHosts } from './support/widgets.js';
import { phpString, startWordPress, wordpressUnavailable } from './support/wordpress.js';
import type { WordPress } from './support/wordpress.js';
import { startStack } from '../scripts/lib/stack.mjs';

const run = promisify(execFile);
const unavailable = wordpressUnavailable();
if (unavailable) console.warn(unavailable);

const AUTHOR = { login: 'ava', password: `author-${Math.random().toString(36).slice(2)}` };
// What a hostile or careless author might type: an attribute that breaks out of its quotes, event
// handlers, a style that covers the page. None of it may reach the page as markup.
const BREAKOUT = 'x" autofocus onfocus="alert(5)';
const BLOCK_POST = [
  '<!-- wp:paragraph --><p>Rates for your trip, from the bank.</p><!-- /wp:paragraph -->',
  `<!-- wp:atrium/widget ${JSON.stringify({ name: 'markets', attributes: { base: 'GBP', onmouseover: 'alert(1)', style: 'position:fixed;inset:0', note: '"><img src=x onerror=alert(3)>' } })} /-->`,
  // The raw snippet, as an Author would paste it into a Custom HTML block: kses removes it.
  '<!-- wp:html --><atrium-widget name="markets" base="JPY"></atrium-widget><script type="module" src="https://evil.example/embed.js"></script><!-- /wp:html -->',
].join('\n');
const SHORTCODE_POST = [
  '<p>Quick rates:</p>',
  '[atrium_widget name="markets" base="USD" variant="compact"]',
  `[atrium_widget name="markets" base="CHF" onclick="alert(4)" variant='${BREAKOUT}']`,
  '<h2>Your accounts</h2>',
  '[atrium_widget name="accounts"]',
].join('\n\n');

interface Posts {
  block: { id: number; url: string; content: string };
  shortcode: { url: string; content: string };
  plain: { url: string };
  authorCanUnfilteredHtml: boolean;
  plugin: { name: string; active: boolean };
}

let wp: WordPress;
let stack: Awaited<ReturnType<typeof startStack>>;
let browser: Browser;
let posts: Posts;
let embedAdd: { idp: { redirectUris: string[]; postLogoutRedirectUris: string[] }; allowedEmbedders: string[] };
let tmp: string;

beforeAll(async () => {
  if (unavailable) return;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-wp-suite-'));
  wp = await startWordPress();
  // The plugin as a site owner gets it: the zip, unpacked by WordPress, then activated.
  const zip = path.join(tmp, 'atrium.zip');
  await run('zip', ['-qr', zip, 'atrium'], { cwd: path.join(ROOT, 'cms/wordpress') });
  posts = await wp.php<Posts>(`
    require_once ABSPATH . 'wp-admin/includes/file.php';
    require_once ABSPATH . 'wp-admin/includes/plugin.php';
    WP_Filesystem();
    $unzipped = unzip_file(${phpString(zip)}, WP_PLUGIN_DIR);
    if (is_wp_error($unzipped)) { fwrite(STDERR, $unzipped->get_error_message()); exit(1); }
    $activated = activate_plugin('atrium/atrium.php');
    if (is_wp_error($activated)) { fwrite(STDERR, $activated->get_error_message()); exit(1); }
    $author = wp_insert_user(array('user_login' => ${phpString(AUTHOR.login)}, 'user_pass' => ${phpString(AUTHOR.password)}, 'user_email' => 'ava@example.test', 'role' => 'author'));
    // From here on WordPress treats the script as the Author: kses filters what is saved.
    wp_set_current_user($author);
    $make = function ($title, $slug, $content) {
      $id = wp_insert_post(wp_slash(array('post_title' => $title, 'post_name' => $slug, 'post_content' => $content, 'post_status' => 'publish')), true);
      if (is_wp_error($id)) { fwrite(STDERR, $id->get_error_message()); exit(1); }
      return array('id' => $id, 'url' => get_permalink($id), 'content' => get_post_field('post_content', $id, 'raw'));
    };
    $plugins = get_plugins();
    echo json_encode(array(
      'block' => $make('Rates with the block', 'rates-block', ${phpString(BLOCK_POST)}),
      'shortcode' => $make('Rates with the shortcode', 'rates-shortcode', ${phpString(SHORTCODE_POST)}),
      'plain' => array('url' => get_permalink(1)),
      'authorCanUnfilteredHtml' => user_can($author, 'unfiltered_html'),
      'plugin' => array('name' => $plugins['atrium/atrium.php']['Name'], 'active' => is_plugin_active('atrium/atrium.php')),
    ));`);

  // The embedder's deployment, made by the command: this site may show widgets, and signs in
  // through the one callback page the plugin serves; no post is registered anywhere.
  const deployment = path.join(tmp, 'atrium.json');
  fs.copyFileSync(path.join(ROOT, 'atrium.dev.json'), deployment);
  const { stdout } = await run(process.execPath, [path.join(ROOT, 'cli/bin/atrium.mjs'), 'embed', 'add', wp.url, '--deployment', deployment, '--json']);
  embedAdd = JSON.parse(stdout);
  stack = await startStack({ ephemeral: true, deployment, cms: false });
  const [set] = await setDeploymentUrl(stack.hostUrl);
  if (set?.stored !== stack.hostUrl) throw new Error(`could not set the deployment URL: ${JSON.stringify(set)}`);
  browser = await launchChrome();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  await wp?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/**
 * Sets the option the way the settings form does, through the plugin's sanitize callback, one
 * value after the other; what was stored and the errors shown after each.
 */
function setDeploymentUrl(...values: string[]): Promise<{ stored: string; errors: string[] }[]> {
  return wp.php(`require_once ABSPATH . 'wp-admin/includes/template.php';
    $results = array();
    foreach (json_decode(${phpString(JSON.stringify(values))}) as $value) {
      global $wp_settings_errors;
      $wp_settings_errors = array();
      update_option('atrium_deployment_url', $value);
      $results[] = array('stored' => get_option('atrium_deployment_url'), 'errors' => wp_list_pluck(get_settings_errors('atrium_deployment_url'), 'message'));
    }
    echo json_encode($results);`);
}

/**
 * Logs in through wp-login.php and lands on `target` (a wp-admin page). A submit that leaves the
 * browser on the login form (it happened once on a loaded CI machine: 30 s without the target's
 * response) is submitted once more, and a second miss fails naming where the browser is.
 */
async function logIn(page: Page, user: string, password: string, target: string) {
  await page.goto(`${wp.url}/wp-login.php?redirect_to=${encodeURIComponent(target)}`);
  for (let attempt = 1; ; attempt++) {
    await page.locator('#user_login').fill(user);
    await page.locator('#user_pass').fill(password);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url() === target, { timeout: 15_000 }).catch(() => undefined),
      page.locator('#wp-submit').click(),
    ]);
    if (response) return response;
    const onLoginForm = new URL(page.url()).pathname.endsWith('/wp-login.php') && (await page.locator('#wp-submit').count()) > 0;
    if (attempt === 2 || !onLoginForm) throw new Error(`logging in as ${user} did not reach ${target}: the browser is at ${page.url()} (${(await page.locator('#login_error').textContent().catch(() => null))?.trim() ?? 'no login error shown'})`);
  }
}

/** Opens a post as a visitor; records any dialog a script injection would open. */
async function visit(url: string) {
  const opened = await newPage(browser);
  const dialogs: string[] = [];
  opened.page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await opened.page.goto(url);
  return { ...opened, dialogs };
}

/** The `<atrium-widget>` elements as WordPress rendered them: name and every attribute. */
const elements = (page: Page) => page.evaluate(() => [...document.querySelectorAll('atrium-widget')].map((el) => ({
  attributes: Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])),
  inTheme: el.closest('.wp-site-blocks') !== null && el.closest('.wp-block-post-content, .entry-content') !== null,
})));

const embedScripts = (page: Page) => page.evaluate(() => [...document.querySelectorAll<HTMLScriptElement>('script[src*="embed.js"]')].map((s) => ({ src: s.src, type: s.type, config: s.dataset['config'] })));

describe.skipIf(unavailable)('the Atrium plugin in a real WordPress', () => {
  it('installs from its zip and activates', () => {
    expect(posts.plugin).toEqual({ name: 'Atrium widgets', active: true });
  });

  it('keeps the Author\'s block and shortcodes but strips the pasted snippet (the Author has no unfiltered_html)', () => {
    expect(posts.authorCanUnfilteredHtml).toBe(false);
    expect(posts.block.content).toContain('<!-- wp:atrium/widget');
    expect(posts.block.content).not.toMatch(/<script|<atrium-widget/);
    expect(posts.shortcode.content).toContain('[atrium_widget name="accounts"]');
  });

  it('renders the block\'s widget inside the theme, in a shadow root, from the real MFE, with embed.js once', async () => {
    const { page, record, context, dialogs } = await visit(posts.block.url);
    await page.locator('atrium-widget[base="GBP"]').getByRole('heading', { name: '1 GBP buys' }).waitFor();
    const [widget, ...others] = await elements(page);
    // Only the block's widget: the pasted snippet was stripped on save. Event handlers and style
    // are dropped; the hostile value is an attribute value, not markup.
    expect(others).toEqual([]);
    expect(widget).toEqual({ attributes: { name: 'markets', base: 'GBP', note: expect.stringMatching(/^"><img src="?x"?/) as unknown as string }, inTheme: true });
    await expect(page.locator('img[src="x"]').count()).resolves.toBe(0);
    expect((await widgetHosts(page)).map((w) => w.shadow)).toEqual([true]);
    expect(await embedScripts(page)).toEqual([{ src: `${stack.hostUrl}/embed.js`, type: 'module', config: `${stack.hostUrl}/atrium.config.json` }]);
    expect(record.requests.filter((u) => new URL(u).pathname.endsWith('/embed.js'))).toEqual([`${stack.hostUrl}/embed.js`]);
    expect(record.requests.some((u) => u.includes('evil.example'))).toBe(false);
    expect(dialogs).toEqual([]);
    expect(record.pageErrors).toEqual([]);
    await context.close();
  });

  it('renders the shortcodes\' widgets, escaping a value that tries to break out of its quotes', async () => {
    const { page, record, context, dialogs } = await visit(posts.shortcode.url);
    await page.locator('atrium-widget[base="USD"]').getByRole('heading', { name: '1 USD buys' }).waitFor();
    await page.locator('atrium-widget[base="CHF"]').getByRole('heading', { name: '1 CHF buys' }).waitFor();
    await page.locator('atrium-widget[name="accounts"]').getByText('Sign in to see your accounts').waitFor();
    expect(await elements(page)).toEqual([
      { attributes: { name: 'markets', base: 'USD', variant: 'compact' }, inTheme: true },
      { attributes: { name: 'markets', base: 'CHF', variant: BREAKOUT }, inTheme: true },
      { attributes: { name: 'accounts' }, inTheme: true },
    ]);
    expect((await widgetHosts(page)).every((w) => w.shadow)).toBe(true);
    expect(await embedScripts(page)).toHaveLength(1);
    // One preload of the config, before the first widget: the browser asks for it with embed.js,
    // and embed.js uses that response (one request, not two).
    expect(await page.evaluate(() => [...document.querySelectorAll<HTMLLinkElement>('link[rel="preload"][as="fetch"]')].map((l) => ({ href: l.href, crossOrigin: l.crossOrigin, beforeWidgets: l.compareDocumentPosition(document.querySelector('atrium-widget')!) === Node.DOCUMENT_POSITION_FOLLOWING }))))
      .toEqual([{ href: `${stack.hostUrl}/atrium.config.json`, crossOrigin: 'anonymous', beforeWidgets: true }]);
    expect(record.requests.filter((u) => u === `${stack.hostUrl}/atrium.config.json`)).toHaveLength(1);
    await page.locator('atrium-widget[base="CHF"]').click();
    expect(dialogs).toEqual([]);
    expect(record.pageErrors).toEqual([]);
    await context.close();
  });

  it('loads nothing of Atrium on a post without widgets', async () => {
    const { page, record, context } = await visit(posts.plain.url);
    await page.getByRole('heading', { name: 'Hello world!', exact: true }).waitFor();
    expect(await embedScripts(page)).toEqual([]);
    expect(record.requests.filter((u) => u.startsWith(stack.hostUrl))).toEqual([]);
    await context.close();
  });

  it('signs in from a post registered nowhere, through the plugin\'s one callback page, and comes back to the same post, signed in', async () => {
    const callback = `${wp.url}/atrium/callback/`;
    expect(embedAdd.allowedEmbedders).toContain(wp.url);
    expect(embedAdd.idp).toMatchObject({ redirectUris: [callback], postLogoutRedirectUris: [callback] });
    const { page, record, context } = await visit(posts.shortcode.url);
    const visited: string[] = [];
    page.on('framenavigated', (frame) => frame === page.mainFrame() && visited.push(frame.url()));
    const accounts = page.locator('atrium-widget[name="accounts"]');
    await accounts.getByText('Sign in to see your accounts').waitFor();
    // Back means: on the post again (its title), after the IdP's login and consent pages.
    await signInFromWidget(page, accounts, page.getByRole('heading', { name: 'Rates with the shortcode' }));
    // The IdP came back to the callback page, which sent the visitor on to the post: its own URL, no code or state.
    await page.waitForURL(posts.shortcode.url);
    const authorize = record.requests.map((u) => new URL(u)).find((u) => u.origin === stack.servers!.idp.url && u.pathname === '/auth');
    expect(authorize?.searchParams.get('redirect_uri')).toBe(callback);
    expect(visited.some((u) => u.startsWith(`${callback}?`))).toBe(true);
    // Signed in: the widget left its signed-out view and calls the customer API for the user.
    await accounts.getByText('Sign in to see your accounts').waitFor({ state: 'detached' });
    await expect.poll(() => record.requests.some((u) => u.startsWith(`${stack.servers!.customerApi.url}/accounts`))).toBe(true);
    await page.locator('atrium-widget[base="USD"]').getByRole('heading', { name: '1 USD buys' }).waitFor();
    expect(record.pageErrors).toEqual([]);

    await context.close();
  });

  it('serves the callback page itself: embed.js only, no referrer, not indexed; a crafted callback link is refused with a way home', async () => {
    const callback = `${wp.url}/atrium/callback/`;
    const { page, record, context, dialogs } = await visit(`${callback}?${new URLSearchParams({ code: 'stolen', state: 'forged', returnTo: 'https://evil.example/', redirect_to: 'javascript:alert(1)' })}`);
    const alert = page.getByRole('alert');
    await alert.getByText('This sign-in response is not valid here', { exact: false }).waitFor();
    expect(page.url()).toBe(callback);
    expect(await embedScripts(page)).toEqual([{ src: `${stack.hostUrl}/embed.js`, type: 'module', config: `${stack.hostUrl}/atrium.config.json` }]);
    await expect(page.locator('atrium-widget').count()).resolves.toBe(0);
    expect(record.requests.some((u) => new URL(u).hostname === 'evil.example' || u.startsWith(`${stack.servers!.idp.url}/token`))).toBe(false);
    const response = await fetch(callback);
    expect(response.status).toBe(200);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-robots-tag')).toBe('noindex');
    await alert.getByRole('link', { name: 'Continue to the home page' }).click();
    await page.waitForURL(`${wp.url}/`);
    expect(dialogs).toEqual([]);
    expect(record.pageErrors).toEqual([]);
    await context.close();
  });

  it('shows the signed-in user\'s accounts in the post (the post\'s path is not read as an account id)', async () => {
    const { page, context } = await visit(posts.shortcode.url);
    const accounts = page.locator('atrium-widget[name="accounts"]');
    await signInFromWidget(page, accounts, page.getByRole('heading', { name: 'Rates with the shortcode' }));
    await accounts.getByText('Welcome back, Alice Martin.').waitFor();
    await accounts.getByRole('link', { name: /Everyday account/ }).waitFor();
    await context.close();
  });

  it('renders nothing for visitors but a note for authors when a widget cannot be shown, and no embed.js', async () => {
    const rendered = await wp.php<Record<string, string | boolean>>(`
      $saved = get_option('atrium_deployment_url');
      $as = function ($user, $content) { wp_set_current_user($user); return do_shortcode($content); };
      $author = get_user_by('login', ${phpString(AUTHOR.login)})->ID;
      $result = array(
        'badNameVisitor' => $as(0, '[atrium_widget name="<script>"]'),
        'badNameAuthor' => $as($author, '[atrium_widget name="Rates!"]'),
      );
      // No deployment URL yet (a fresh install): the option written directly, past the validation.
      remove_all_filters('sanitize_option_atrium_deployment_url');
      update_option('atrium_deployment_url', '');
      $result['unsetVisitor'] = $as(0, '[atrium_widget name="markets"]');
      $result['unsetAuthor'] = $as($author, '[atrium_widget name="markets"]');
      $result['enqueued'] = wp_script_is('atrium-embed', 'enqueued');
      update_option('atrium_deployment_url', $saved);
      echo json_encode($result);`);
    expect(rendered).toEqual({
      badNameVisitor: '',
      badNameAuthor: expect.stringContaining('give it the name of a widget of your deployment') as unknown as string,
      unsetVisitor: '',
      unsetAuthor: expect.stringContaining('set the deployment URL in Settings › Atrium first') as unknown as string,
      enqueued: false,
    });
    expect(String(rendered['badNameAuthor'])).not.toContain('<script');
  });

  it('shows the Author a placeholder for the block in the editor, with its name and attributes', async () => {
    const { page, record, context } = await newPage(browser);
    await logIn(page, AUTHOR.login, AUTHOR.password, `${wp.url}/wp-admin/post.php?post=${posts.block.id}&action=edit`);
    const placeholder = page.locator('.wp-block-atrium-widget');
    await placeholder.getByText('Atrium widget: markets').waitFor({ timeout: 45_000 });
    await expect(placeholder.textContent()).resolves.toContain('base=GBP');
    // A preview, not the widget: the editor does not load Atrium.
    expect(record.requests.filter((u) => u.startsWith(stack.hostUrl))).toEqual([]);
    expect(record.pageErrors).toEqual([]);
    await context.close();
  });

  it('lets an administrator set the deployment URL on Settings › Atrium, refusing one that is not https', async () => {
    const { page, context } = await newPage(browser);
    await logIn(page, 'admin', wp.adminPassword, `${wp.url}/wp-admin/options-general.php?page=atrium`);
    const field = page.getByLabel('Deployment URL');
    await expect(field.inputValue()).resolves.toBe(stack.hostUrl);
    // The one URL to register at the IdP, and the command that allows this site.
    await page.getByText(`${wp.url}/atrium/callback/`, { exact: true }).waitFor();
    await page.getByText(`npx atrium embed add ${wp.url} --redirect /atrium/callback/`, { exact: true }).waitFor();
    await field.fill('http://app.northwind.example');
    await page.getByRole('button', { name: 'Save Changes' }).click();
    await page.getByText('The deployment URL must use https').waitFor();
    await expect(page.getByLabel('Deployment URL').inputValue()).resolves.toBe(stack.hostUrl);
    await page.getByLabel('Deployment URL').fill(`${stack.hostUrl}/`);
    await page.getByRole('button', { name: 'Save Changes' }).click();
    await page.getByText('Settings saved.').waitFor();
    await expect(wp.php('echo json_encode(get_option("atrium_deployment_url"));')).resolves.toBe(stack.hostUrl);
    await context.close();
  });

  it('refuses the settings to an Author, even with a forged form post', async () => {
    const { page, context } = await newPage(browser);
    const settings = await logIn(page, AUTHOR.login, AUTHOR.password, `${wp.url}/wp-admin/options-general.php?page=atrium`);
    expect(settings.status()).toBe(403);
    const forged = await page.evaluate(async (url) => {
      const body = new URLSearchParams({ option_page: 'atrium', action: 'update', _wpnonce: 'forged', atrium_deployment_url: 'https://evil.example' });
      const response = await fetch(`${url}/wp-admin/options.php`, { method: 'POST', body });
      return response.status;
    }, wp.url);
    expect(forged).toBeGreaterThanOrEqual(400);
    await expect(wp.php('echo json_encode(get_option("atrium_deployment_url"));')).resolves.toBe(stack.hostUrl);
    await context.close();
  });

  it('validates the deployment URL server-side: no javascript:, no plain http off localhost, no query', async () => {
    const bad = ['javascript:alert(1)', 'http://app.northwind.example', 'https://app.northwind.example/?x=1', '"><script>alert(1)</script>', 'https://user:pw@app.northwind.example'];
    const results = await setDeploymentUrl(...bad, 'https://app.northwind.example/atrium/');
    for (const [i, value] of bad.entries()) {
      expect(results[i]?.stored, value).toBe(stack.hostUrl);
      expect(results[i]?.errors.length, value).toBe(1);
    }
    expect(results.at(-1)).toEqual({ stored: 'https://app.northwind.example/atrium', errors: [] });
    await setDeploymentUrl(stack.hostUrl);
  });
});
