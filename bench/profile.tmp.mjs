import { launchChrome, newColdPage } from './lib/browser.mjs';
import { startStack, readCatalog } from '../scripts/lib/stack.mjs';
const mfes = readCatalog().mfes.filter((m) => ['navigation', 'accounts', 'insights'].includes(m.name));
const sso = process.argv.includes('--sso');
const stack = await startStack({ ephemeral: true, mfes, cms: false, sso });
const browser = await launchChrome();
const agg = new Map();
import fs from 'node:fs';
import { SourceMapConsumer } from 'source-map-js';
const smc = new SourceMapConsumer(JSON.parse(fs.readFileSync(process.env.MAPFILE, 'utf8')));
function mapPos(cf) { const o = smc.originalPositionFor({ line: cf.lineNumber + 1, column: cf.columnNumber }); const src = (o.source ?? '?').replace(/^.*node_modules\//, 'nm:').replace(/^(\.\.\/)+/, ''); return 'index:' + src.replace(/^nm:(@[^/]+\/[^/]+|[^/]+).*/, 'nm:$1') ; } const fcs = [];
try {
  for (let run = 0; run < 6; run++) {
    const { context, page, cdp } = await newColdPage(browser);
    await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
    await cdp.send('Profiler.start');
    await page.goto(stack.hostUrl + '/accounts', { waitUntil: 'commit' });
    await page.waitForFunction(() => performance.getEntriesByName('atrium:first-content').length > 0, null, { polling: 20 });
    const { profile } = await cdp.send('Profiler.stop');
    const info = await page.evaluate(() => ({ fc: performance.getEntriesByName('atrium:first-content')[0].startTime, nav: performance.getEntriesByType('navigation')[0].toJSON(), m: performance.getEntriesByType('mark').map(e => [e.name, e.startTime|0]), ms: performance.getEntriesByType('measure').map(e => [e.name, e.startTime|0, e.duration|0]) }));
    if (run === 0) continue;
    fcs.push(info.fc);
    if (run === 5) { console.log('nav', JSON.stringify({ rs: info.nav.responseStart|0, re: info.nav.responseEnd|0, dcl: info.nav.domContentLoadedEventStart|0 })); console.log(info.m.join(' | ')); console.log(info.ms.join(' | ')); }
    // self time by url/function
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const dt = profile.timeDeltas; const self = new Map();
    profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0)));
    for (const [id, us] of self) { const n = byId.get(id); const cf = n.callFrame; const key = cf.url.includes('/assets/index-') ? mapPos(cf) : (cf.url ? cf.url.replace(/http:\/\/localhost:\d+/, '').replace(/-[\w-]{8}\.js/, '.js').slice(0, 70) : '(' + cf.functionName + ')'); agg.set(key, (agg.get(key) ?? 0) + us / 1000); }
    await context.close();
  }
} finally { await browser.close(); await stack.close(); }
console.log('first content', fcs.map((x) => x | 0).join(' '));
const total = [...agg.values()].reduce((a, b) => a + b, 0);
console.log('total sampled ms/run', (total / 5).toFixed(1));
for (const [k, v] of [...agg].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log((v / 5).toFixed(1).padStart(7), k);
