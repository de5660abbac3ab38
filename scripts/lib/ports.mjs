import net from 'node:net';

/**
 * Fails with a message naming the port and what to do when it is taken, instead of a server
 * dying later with a bare EADDRINUSE.
 * @param {number} port
 * @param {string} what
 */
export async function assertPortFree(port, what) {
  if (port === 0) return;
  await new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error) => {
      const taken = /** @type {NodeJS.ErrnoException} */ (error).code === 'EADDRINUSE';
      reject(new Error(taken
        ? `port ${port} (${what}) is already in use — stop whatever is listening there (\`lsof -i :${port}\`) or choose another port (see README, "Ports")`
        : `cannot listen on port ${port} (${what}): ${error.message}`));
    });
    probe.listen(port, '127.0.0.1', () => probe.close(resolve));
  });
}

/**
 * Listens and resolves with the bound port; rejects with a clear message when it is taken.
 * @param {import('node:http').Server} server
 * @param {number} port
 * @param {string} what
 * @returns {Promise<number>}
 */
export function listen(server, port, what) {
  return new Promise((resolve, reject) => {
    const onError = (/** @type {NodeJS.ErrnoException} */ error) => {
      reject(error.code === 'EADDRINUSE'
        ? new Error(`port ${port} (${what}) is already in use — stop whatever is listening there or choose another port (see README, "Ports")`)
        : error);
    };
    server.once('error', onError);
    server.listen(port, 'localhost', () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/**
 * Closes a server and every open connection, so tests and scripts never leave it behind.
 * @param {import('node:http').Server} server
 */
export function closeServer(server) {
  return new Promise((resolve) => {
    server.close(() => resolve(undefined));
    server.closeAllConnections();
  });
}
