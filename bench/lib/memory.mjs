import { newColdPage } from './browser.mjs';
import { heapByKind, topGrowth } from './heap-snapshot.mjs';
import { alternate, installNavigator, waitMounted } from './in-page.mjs';

const ROUTES = [{ path: '/insights', name: 'insights' }, { path: '/accounts', name: 'accounts' }];

// single-spa's lifecycle timers are never cleared: each holds its call's closures until it fires,
// and the runner sets them 1 s past ours (host/src/lifecycle/runner.ts; default limits 4 s for
// bootstrap and mount, config DEFAULT_TIMEOUTS). A snapshot taken while the last few seconds of
// switches still have theirs pending counts them as growth, by how fast the machine switched
// (+341 to +843 KB over five runs). Both snapshots wait until they have fired.
const TIMERS_FIRED_MS = 5_500;

/**
 * @typedef {object} MemorySnapshot
 * @property {number} heapUsed bytes of JS heap after a full GC
 * @property {number} elements HTMLElement objects alive with a JS wrapper (attached or not), from Runtime.queryObjects
 * @property {number} attached elements in the document
 * @property {number} userTiming User Timing marks and measures in the page's performance timeline
 * @property {number | undefined} detachedRoots detached DOM trees still retained (DOM.getDetachedDomNodes)
 * @property {number | undefined} detachedNodes nodes in those trees
 */

/**
 * Mounts and unmounts MFEs `cycles` times (alternating /insights and /accounts, each navigation
 * one mount and one unmount) after `warmup` navigations, and compares the heap and DOM before
 * and after, each after a forced full garbage collection.
 * @param {{ browser: import('playwright-core').Browser, hostUrl: string, cycles: number, warmup: number }} options
 */
export async function measureMemory({ browser, hostUrl, cycles, warmup }) {
  const { context, page, cdp, pageErrors } = await newColdPage(browser);
  try {
    await page.goto(`${hostUrl}/accounts`);
    await waitMounted(page, 'accounts');
    await installNavigator(page);
    await alternate(page, ROUTES, warmup);
    await page.waitForTimeout(TIMERS_FIRED_MS);
    const before = await snapshot(cdp, page);
    const kindsBefore = await heapByKind(cdp);
    const started = Date.now();
    const switches = await alternate(page, ROUTES, cycles);
    const elapsedMs = Date.now() - started;
    await page.waitForTimeout(TIMERS_FIRED_MS);
    const after = await snapshot(cdp, page);
    const kindsAfter = await heapByKind(cdp);
    // The one growth a page keeps by design: the User Timing buffer (marks and measures per
    // lifecycle step) is unbounded until someone clears it. Clearing it shows what is left.
    await page.evaluate(() => { performance.clearMarks(); performance.clearMeasures(); });
    const cleared = await snapshot(cdp, page);
    const contained = await page.evaluate(() => window.atrium?.errors().map((e) => e.error.message) ?? []);
    return {
      cycles, warmup, elapsedMs, before, after, cleared,
      heapGrowthKB: (after.heapUsed - before.heapUsed) / 1024,
      heapGrowthWithoutUserTimingKB: (cleared.heapUsed - before.heapUsed) / 1024,
      elementGrowth: after.elements - before.elements,
      detachedGrowth: after.detachedNodes === undefined || before.detachedNodes === undefined ? undefined : after.detachedNodes - before.detachedNodes,
      // What grew, from heap snapshots (self sizes; diagnostics for whoever fixes a leak).
      topGrowth: topGrowth(kindsBefore, kindsAfter),
      meanSwitchMs: switches.reduce((a, b) => a + b, 0) / switches.length,
      errors: [...pageErrors, ...contained],
    };
  } finally {
    await context.close();
  }
}

/**
 * @param {import('playwright-core').CDPSession} cdp
 * @param {import('playwright-core').Page} page
 * @returns {Promise<MemorySnapshot>}
 */
async function snapshot(cdp, page) {
  // Twice: the first pass can leave garbage that only finalizers of the first made collectable.
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const elements = await countObjects(cdp, 'HTMLElement.prototype');
  const { attached, userTiming } = await page.evaluate(() => ({
    attached: document.getElementsByTagName('*').length,
    userTiming: performance.getEntriesByType('mark').length + performance.getEntriesByType('measure').length,
  }));
  const detached = await detachedNodes(cdp);
  return { heapUsed: usedSize, elements, attached, userTiming, detachedRoots: detached?.roots, detachedNodes: detached?.nodes };
}

/**
 * @param {import('playwright-core').CDPSession} cdp
 * @param {string} prototypeExpression
 */
async function countObjects(cdp, prototypeExpression) {
  const objectGroup = 'atrium-bench';
  try {
    const { result: prototype } = await cdp.send('Runtime.evaluate', { expression: prototypeExpression, objectGroup });
    if (!prototype.objectId) throw new Error(`${prototypeExpression} is not an object`);
    const { objects } = await cdp.send('Runtime.queryObjects', { prototypeObjectId: prototype.objectId, objectGroup });
    if (!objects.objectId) throw new Error('Runtime.queryObjects returned no array');
    const { result } = await cdp.send('Runtime.callFunctionOn', { objectId: objects.objectId, functionDeclaration: 'function () { return this.length; }', returnByValue: true });
    return Number(result.value);
  } finally {
    await cdp.send('Runtime.releaseObjectGroup', { objectGroup });
  }
}

/**
 * DOM.getDetachedDomNodes exists from Chrome 128; older browsers report undefined.
 * @param {import('playwright-core').CDPSession} cdp
 */
async function detachedNodes(cdp) {
  try {
    const { detachedNodes: trees } = /** @type {{ detachedNodes: { retainedNodeIds: number[] }[] }} */ (
      await cdp.send(/** @type {any} */ ('DOM.getDetachedDomNodes'))
    );
    return { roots: trees.length, nodes: trees.reduce((sum, t) => sum + t.retainedNodeIds.length, 0) };
  } catch {
    return undefined;
  }
}
