/**
 * Route changes the way a user makes them: a click on a same-origin link, which the shell turns
 * into client-side navigation (README, "The MFE contract": plain `<a href>` links work). The
 * bench's one link lives in the page for the whole measurement, so it adds no garbage per cycle.
 * Only the documented `window.atrium` API is read.
 * @param {import('playwright-core').Page} page
 */
export async function installNavigator(page) {
  await page.evaluate(() => {
    const link = document.createElement('a');
    link.hidden = true;
    link.dataset['bench'] = '';
    document.body.append(link);
    /**
     * Resolves with the ms from the click to `name` reaching MOUNTED.
     * @param {string} path @param {string} name @param {number} timeoutMs
     */
    const go = (path, name, timeoutMs) => new Promise((resolve, reject) => {
      const atrium = window.atrium;
      if (!atrium) return reject(new Error('window.atrium is missing'));
      /** @type {() => void} */
      let off = () => undefined;
      const timer = setTimeout(() => {
        off();
        reject(new Error(`'${name}' not MOUNTED ${timeoutMs} ms after navigating to ${path} (status ${atrium.state(name)?.status})`));
      }, timeoutMs);
      const start = performance.now();
      off = atrium.onStateChange((state) => {
        if (state.name !== name || state.status !== 'MOUNTED') return;
        const ms = performance.now() - start;
        off();
        clearTimeout(timer);
        resolve(ms);
      });
      link.href = path;
      link.click();
    });
    Object.assign(window, { __benchGo: go });
  });
}

/**
 * Navigates `count` times, alternating between the routes, each time until its MFE is MOUNTED.
 * @param {import('playwright-core').Page} page
 * @param {{ path: string, name: string }[]} routes
 * @param {number} count
 * @returns {Promise<number[]>} ms per switch
 */
export function alternate(page, routes, count) {
  return page.evaluate(async ({ routes, count }) => {
    const go = /** @type {any} */ (window).__benchGo;
    const times = [];
    for (let i = 0; i < count; i++) {
      const route = routes[i % routes.length];
      times.push(await go(route.path, route.name, 10_000));
    }
    return times;
  }, { routes, count });
}

/**
 * @param {import('playwright-core').Page} page
 * @param {string} name
 */
export function waitMounted(page, name, timeoutMs = 30_000) {
  return page.waitForFunction((n) => window.atrium?.state(n)?.status === 'MOUNTED', name, { timeout: timeoutMs, polling: 20 });
}
