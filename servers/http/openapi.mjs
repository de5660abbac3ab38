import { readFileSync } from 'node:fs';

/**
 * Loads a server's OpenAPI document (the checked-in openapi.json is the source of truth) and
 * returns the JSON text to serve, with `servers` pointing at where this instance listens.
 *
 * @param {URL} fileUrl
 * @param {string} serverUrl
 */
export function openApiText(fileUrl, serverUrl) {
  const document = JSON.parse(readFileSync(fileUrl, 'utf8'));
  return JSON.stringify({ ...document, servers: [{ url: serverUrl }] }, null, 2);
}
