import fs from 'node:fs';
import { chromium } from 'playwright-core';

// Same search as the e2e suites (e2e/support/browser.ts): never downloads a browser.
const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

/** The browser to drive: CHROME_PATH, else a system Chromium or Chrome. */
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

export function launchChrome() {
  return chromium.launch({
    executablePath: findChrome(),
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
