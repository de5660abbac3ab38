// node --test bench/lib: the round-trip definition the README documents.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeTimeline } from './timeline.mjs';

/** @param {string} url @param {number} startTime @param {number} responseEnd @param {number} [bytes] */
const req = (url, startTime, responseEnd, bytes = 100) => ({ url, startTime, responseEnd, transferSize: bytes + 300, encodedBodySize: bytes, initiatorType: 'script' });
const options = { isScript: (/** @type {{ url: string }} */ r) => r.url.endsWith('.js'), originLabel: (/** @type {string} */ o) => (o === 'http://h' ? 'host' : 'mfe') };

test('counts sequential round trips after the document and follows the chain back', () => {
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
  assert.equal(result.roundTrips, 3);
  assert.deepEqual(result.chain.map((l) => l.url), ['http://h/', 'http://h/a.js', 'http://m/remoteEntry.js', 'http://m/chunk.js']);
  assert.equal(result.requests, 6);
  assert.deepEqual(result.jsByOrigin, { host: { bytes: 100, transfer: 400, files: 1 }, mfe: { bytes: 300, transfer: 1200, files: 3 } });
});

test('a page with only its document has no round trips after it', () => {
  const result = analyzeTimeline({ document: req('http://h/', 0, 10), resources: [], firstContent: 30, ...options });
  assert.equal(result.roundTrips, 0);
  assert.equal(result.requests, 1);
});
