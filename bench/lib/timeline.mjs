/**
 * Round trips and bytes on the way to first content, from the page's own Resource Timing (one
 * clock with the `atrium:first-content` mark; cross-origin details need `Timing-Allow-Origin`,
 * which the static server sends).
 *
 * Depth of a request = 1 + depth of the latest-finishing request that had finished before it
 * started; the HTML document is depth 0, and a request that started before anything had
 * finished (found by the preload scanner while the HTML streamed in) hangs off the HTML. The
 * figure reported is the maximum depth over the requests that started before first content:
 * the number of sequential round trips after the HTML.
 */

/**
 * @typedef {object} TimedRequest
 * @property {string} url
 * @property {number} startTime ms since navigation start
 * @property {number} responseEnd ms since navigation start
 * @property {number} transferSize bytes on the wire, headers included (0 when unknown)
 * @property {number} encodedBodySize body bytes as sent (compressed)
 * @property {string} initiatorType
 */

/**
 * @typedef {object} ChainLink
 * @property {number} depth
 * @property {string} url
 * @property {number} start ms
 * @property {number} end ms
 */

/**
 * @param {{
 *   document: TimedRequest,
 *   resources: TimedRequest[],
 *   firstContent: number,
 *   isScript: (request: TimedRequest) => boolean,
 *   originLabel: (origin: string) => string,
 * }} input
 */
export function analyzeTimeline({ document, resources, firstContent, isScript, originLabel }) {
  const before = resources.filter((r) => r.startTime < firstContent).sort((a, b) => a.startTime - b.startTime);
  /** @type {Map<TimedRequest, { depth: number, parent: TimedRequest | undefined }>} */
  const graph = new Map([[document, { depth: 0, parent: undefined }]]);
  /** @type {TimedRequest[]} */
  const done = [document];
  for (const request of before) {
    // Anything found while the document was still streaming in hangs off the document.
    const parent = latestFinished(done, request.startTime) ?? document;
    graph.set(request, { depth: 1 + (graph.get(parent)?.depth ?? 0), parent });
    done.push(request);
  }

  let deepest = document;
  for (const [request, node] of graph) {
    const best = graph.get(deepest)?.depth ?? 0;
    if (node.depth > best || (node.depth === best && request.responseEnd > deepest.responseEnd)) deepest = request;
  }
  /** @type {ChainLink[]} */
  const chain = [];
  for (let at = /** @type {TimedRequest | undefined} */ (deepest); at; at = graph.get(at)?.parent) {
    chain.unshift({ depth: graph.get(at)?.depth ?? 0, url: at.url, start: at.startTime, end: at.responseEnd });
  }

  /** @type {Record<string, { bytes: number, transfer: number, files: number }>} */
  const jsByOrigin = {};
  for (const request of before.filter(isScript)) {
    const label = originLabel(new URL(request.url).origin);
    const slot = (jsByOrigin[label] ??= { bytes: 0, transfer: 0, files: 0 });
    slot.bytes += request.encodedBodySize;
    slot.transfer += request.transferSize;
    slot.files += 1;
  }
  return {
    roundTrips: graph.get(deepest)?.depth ?? 0,
    chain,
    list: before.map((r) => ({ depth: graph.get(r)?.depth ?? 0, url: r.url, start: r.startTime, end: r.responseEnd, bytes: r.encodedBodySize })),
    // The document counts as a request, as in the peers' figures.
    requests: before.length + 1,
    jsBytes: Object.values(jsByOrigin).reduce((sum, o) => sum + o.bytes, 0),
    jsByOrigin,
  };
}

/**
 * @param {TimedRequest[]} done
 * @param {number} at
 * @returns {TimedRequest | undefined}
 */
function latestFinished(done, at) {
  /** @type {TimedRequest | undefined} */
  let found;
  for (const candidate of done) {
    if (candidate.responseEnd <= at && (!found || candidate.responseEnd > found.responseEnd)) found = candidate;
  }
  return found;
}
