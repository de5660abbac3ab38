import { createServer } from 'node:http';

/**
 * Thrown when a server cannot bind because its port is taken. The message names the server, the
 * host and the port, and says what to do.
 */
export class PortInUseError extends Error {
  name = 'PortInUseError';
  code = 'EADDRINUSE';

  /**
   * @param {string} serverName
   * @param {string} host
   * @param {number} port
   * @param {Error} cause
   */
  constructor(serverName, host, port, cause) {
    super(
      `${serverName}: port ${port} on ${host} is already in use (EADDRINUSE). ` +
        'Stop the process that holds it, or start this server on another port (--port or PORT).',
      { cause },
    );
    this.port = port;
    this.host = host;
  }
}

/** @param {unknown} value @returns {value is PortInUseError} */
export function isPortInUseError(value) {
  return value instanceof Error && value.name === 'PortInUseError';
}

/**
 * @typedef {object} ListeningServer
 * @property {string} url     Base URL without trailing slash, e.g. `http://localhost:5301`.
 * @property {number} port    The bound port (useful when 0 was asked for).
 * @property {import('node:http').Server} server
 * @property {() => Promise<void>} close Resolves once the server and every connection are closed.
 */

/**
 * Creates a node:http server and binds it. Browsers reach it as `http://localhost:PORT`, so that is
 * the URL returned even though it binds 127.0.0.1 by default.
 *
 * @param {string} serverName Used in error messages.
 * @param {import('node:http').RequestListener} handler
 * @param {{ port?: number | undefined, host?: string | undefined }} options
 * @returns {Promise<ListeningServer>}
 */
export async function listen(serverName, handler, { port = 0, host = '127.0.0.1' } = {}) {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`${serverName}: option "port" must be an integer 0..65535, got ${String(port)}`);
  }
  // Every answer of every server says what it is: no browser may sniff a JSON body into script.
  const server = createServer((req, res) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    return handler(req, res);
  });
  // Keep-alive sockets from test clients must not hold close() open.
  server.keepAliveTimeout = 2_000;
  await new Promise((resolve, reject) => {
    /** @param {NodeJS.ErrnoException} error */
    const onError = (error) => {
      server.off('listening', onListening);
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(serverName, host, port, error) : error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve(undefined);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  const urlHost = host === '127.0.0.1' || host === '::1' || host === '0.0.0.0' ? 'localhost' : host;
  return {
    url: `http://${urlHost}:${boundPort}`,
    port: boundPort,
    server,
    close: () => closeServer(server),
  };
}

/** @param {import('node:http').Server} server @returns {Promise<void>} */
function closeServer(server) {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

/**
 * Finds a free port by binding port 0 and releasing it. Only for wiring servers that must know
 * each other's URLs before they start (see startAll); a tiny race is acceptable there.
 *
 * @param {string} [host]
 * @returns {Promise<number>}
 */
export async function reservePort(host = '127.0.0.1') {
  const probe = await listen('port-probe', () => {}, { port: 0, host });
  await probe.close();
  return probe.port;
}
