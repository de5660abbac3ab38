// Real HTTP servers on 127.0.0.1 ephemeral ports for the API layer's tests. Plain JS with a
// .d.mts next to it: the browser tsconfig that checks shared/src has no Node types.
import { createServer } from 'node:http';

/** @param {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, body: string) => void | Promise<void>} handler */
export async function startServer(handler) {
  const requests = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: { ...req.headers }, body });
      res.on('error', () => undefined);
      Promise.resolve(handler(req, res, body)).catch((error) => {
        res.statusCode = 599;
        res.end(String(error));
      });
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}

export function sendJson(res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

export function sendText(res, status, text, headers = {}) {
  res.writeHead(status, { 'content-type': 'text/plain', ...headers });
  res.end(text);
}

/**
 * Streams `bytes` of filler with backpressure, with a Content-Length unless `declareLength` is
 * false (then chunked); stops quietly when the client hangs up.
 */
export function sendLarge(res, status, bytes, contentType = 'text/html', declareLength = true) {
  res.writeHead(status, { 'content-type': contentType, ...(declareLength ? { 'content-length': String(bytes) } : {}) });
  const chunk = Buffer.alloc(64 * 1024, 'x');
  let sent = 0;
  let closed = false;
  res.on('close', () => {
    closed = true;
  });
  const pump = () => {
    while (!closed && sent < bytes) {
      const size = Math.min(chunk.length, bytes - sent);
      sent += size;
      if (!res.write(size === chunk.length ? chunk : chunk.subarray(0, size))) {
        res.once('drain', pump);
        return;
      }
    }
    if (!closed) res.end();
  };
  pump();
  return { sentBytes: () => sent };
}

/** Never answers (until the server closes). */
export function hang() {
  return undefined;
}

export function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

