// The round-trip definition the README documents (unit project: npm test).
import { expect, it } from 'vitest';
import { analyzeTimeline } from './timeline.mjs';

const req = (url: string, startTime: number, responseEnd: number, bytes = 100) => ({ url, startTime, responseEnd, transferSize: bytes + 300, encodedBodySize: bytes, initiatorType: 'script' });
const options = { isScript: (r: { url: string }) => r.url.endsWith('.js'), originLabel: (o: string) => (o === 'http://h' ? 'host' : 'mfe') };

it('counts sequential round trips after the document and follows the chain back', () => {
  const document = req('http://h/', 0, 50);
  const resources = [
    req('http://h/a.js', 20, 80), // found while the HTML streamed: depth 1
    req('http://h/b.css', 21, 70), // parallel: depth 1
    req('http://m/remoteEntry.js', 90, 150), // after a.js: depth 2
    req('http://m/app.js', 95, 140), // after a.js too, not after remoteEntry.js: depth 2
    req('http://m/chunk.js', 160, 200), // after remoteEntry.js: depth 3
    req('http://m/late.js', 400, 500), // after first content: ignored
  ];
  const result = analyzeTimeline({ document, resources, firstContent: 300, ...options });
  expect(result.roundTrips).toBe(3);
  expect(result.chain.map((l) => l.url)).toEqual(['http://h/', 'http://h/a.js', 'http://m/remoteEntry.js', 'http://m/chunk.js']);
  expect(result.requests).toBe(6);
  expect(result.jsByOrigin).toEqual({ host: { bytes: 100, transfer: 400, files: 1 }, mfe: { bytes: 300, transfer: 1200, files: 3 } });
});

it('a page with only its document has no round trips after it', () => {
  const result = analyzeTimeline({ document: req('http://h/', 0, 10), resources: [], firstContent: 30, ...options });
  expect(result.roundTrips).toBe(0);
  expect(result.requests).toBe(1);
});
