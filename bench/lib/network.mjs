/**
 * @typedef {object} NetworkProfile
 * @property {string} name
 * @property {{ latency: number, downloadThroughput: number, uploadThroughput: number } | undefined} conditions
 */

/** @type {NetworkProfile[]} */
export const NETWORKS = [
  { name: 'unthrottled', conditions: undefined },
  // 100 ms round trip, 10 Mbit/s each way: a decent mobile or a far-away CDN edge.
  { name: 'throttled', conditions: { latency: 100, downloadThroughput: 1_250_000, uploadThroughput: 1_250_000 } },
];

/**
 * Applies the profile to the page's own CDP session; must run before navigation.
 * @param {import('playwright-core').CDPSession} cdp
 * @param {NetworkProfile} network
 */
export async function applyNetwork(cdp, network) {
  if (!network.conditions) return;
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...network.conditions });
}
