import fs from 'node:fs';
import { chromium } from 'playwright-core';

// The one place that finds and starts the browser for the e2e suites, the bench and check-mfe.
const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

/** The browser to drive: CHROME_PATH, else a system Chromium or Chrome. Never downloads one. */
export function findChrome() {
  const fromEnv = process.env['CHROME_PATH'];
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) throw new Error(`CHROME_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  const found = CANDIDATES.find((candidate) => fs.existsSync(candidate));
  if (!found) throw new Error(`no Chromium or Chrome found (looked at ${CANDIDATES.join(', ')}) — install Debian's chromium (apt-get install chromium) or set CHROME_PATH`);
  return found;
}

export const CHROME_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// Only loopback is reachable. Resolving every other host name to nothing and sending everything
// else (IP literals) to a dead proxy blocks those requests at no cost per request, unlike
// Playwright's request routing, which pauses and resumes each one (latency the bench would time).
export const LOOPBACK_ONLY = [
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
  '--proxy-server=http://127.0.0.1:9',
  '--proxy-bypass-list=localhost;127.0.0.1;[::1]',
];

/**
 * @param {{ loopbackOnly?: boolean }} [options]
 * @returns {Promise<import('playwright-core').Browser>}
 */
export function launchChrome(options = {}) {
  return chromium.launch({ executablePath: findChrome(), args: [...CHROME_ARGS, ...(options.loopbackOnly ? LOOPBACK_ONLY : [])], headless: true });
}
