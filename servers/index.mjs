import { fileURLToPath } from 'node:url';
import { reservePort, PortInUseError, isPortInUseError } from './http/listen.mjs';
import { start as startIdp, DEFAULT_PORT as IDP_PORT, DEFAULT_CLIENT_ID } from './idp/server.mjs';
import { start as startCustomerApi, DEFAULT_PORT as CUSTOMER_API_PORT } from './customer-api/server.mjs';
import { start as startThirdPartyApi, DEFAULT_PORT as THIRD_PARTY_API_PORT } from './third-party-api/server.mjs';
import { headlessLogin, refreshTokens } from './idp/headless-login.mjs';
import { createDpopKey } from './idp/dpop-key.mjs';

export {
  startIdp, startCustomerApi, startThirdPartyApi, headlessLogin, refreshTokens, createDpopKey, reservePort,
  PortInUseError, isPortInUseError, IDP_PORT, CUSTOMER_API_PORT, THIRD_PARTY_API_PORT, DEFAULT_CLIENT_ID,
};

/**
 * @typedef {object} StartAllOptions
 * @property {{ idp?: number, customerApi?: number, thirdPartyApi?: number }} [ports]
 *   Default 5400 / 5301 / 5302; 0 picks free ports.
 * @property {string[]} [redirectUris] For the IdP's `atrium-host` client.
 * @property {string[]} [postLogoutRedirectUris]
 * @property {import('./idp/server.mjs').EmbedderClient[]} [embedders] The widgets' clients, one per CMS origin.
 * @property {boolean} [requireDpop] Default true: the IdP's clients get DPoP-bound tokens only.
 * @property {string[]} [allowedOrigins] CORS origins for the customer API and extra ones for the IdP;
 *   default any localhost origin (customer API) and the redirect-URI origins (IdP).
 * @property {number} [accessTokenTtl] Seconds; default 60.
 * @property {boolean} [testHooks] Default false.
 * @property {import('./http/logger.mjs').LogOption} [log]
 */

/**
 * @typedef {object} AllServers
 * @property {Awaited<ReturnType<typeof startIdp>>} idp
 * @property {import('./customer-api/server.mjs').ServerHandle & { audience: string }} customerApi
 * @property {import('./customer-api/server.mjs').ServerHandle} thirdPartyApi
 * @property {() => Promise<void>} close Closes all three.
 */

/**
 * Starts the IdP, the customer API (trusting that IdP, its own URL as audience) and the
 * third-party API. If one fails to start, the others are closed and the error is rethrown.
 *
 * @example
 * ```js
 * const servers = await startAll({ ports: { idp: 0, customerApi: 0, thirdPartyApi: 0 }, testHooks: true });
 * console.log(servers.idp.url, servers.customerApi.url, servers.thirdPartyApi.url);
 * await servers.close();
 * ```
 * @param {StartAllOptions} [options]
 * @returns {Promise<AllServers>}
 */
export async function startAll(options = {}) {
  const ports = { idp: IDP_PORT, customerApi: CUSTOMER_API_PORT, thirdPartyApi: THIRD_PARTY_API_PORT, ...options.ports };
  // The IdP must know the customer API's audience (its URL) before either starts.
  const customerPort = ports.customerApi === 0 ? await reservePort() : ports.customerApi;
  const audience = `http://localhost:${customerPort}`;
  const common = { ...(options.testHooks ? { testHooks: true } : {}), ...(options.log ? { log: options.log } : {}) };
  const origins = options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {};
  /** @type {Array<{ close(): Promise<void> }>} */
  const started = [];
  try {
    const idp = await startIdp({
      ...common,
      ...origins,
      port: ports.idp,
      resources: { [audience]: {} },
      ...(options.redirectUris ? { redirectUris: options.redirectUris } : {}),
      ...(options.postLogoutRedirectUris ? { postLogoutRedirectUris: options.postLogoutRedirectUris } : {}),
      ...(options.embedders ? { embedders: options.embedders } : {}),
      ...(options.requireDpop === false ? { requireDpop: false } : {}),
      ...(options.accessTokenTtl ? { accessTokenTtl: options.accessTokenTtl } : {}),
    });
    started.push(idp);
    const customerApi = await startCustomerApi({ ...common, ...origins, port: customerPort, issuer: idp.issuer, jwksUrl: idp.jwksUrl, audience });
    started.push(customerApi);
    const thirdPartyApi = await startThirdPartyApi({ ...common, port: ports.thirdPartyApi });
    started.push(thirdPartyApi);
    return {
      idp,
      customerApi: { ...customerApi, audience },
      thirdPartyApi,
      close: async () => {
        await Promise.all(started.map((s) => s.close()));
      },
    };
  } catch (error) {
    await Promise.allSettled(started.map((s) => s.close()));
    throw error;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  startAll({ testHooks: process.env.TEST_HOOKS === '1', log: process.argv.includes('--quiet') ? false : true }).then(
    (servers) => {
      process.stdout.write(`idp ${servers.idp.url}\ncustomer-api ${servers.customerApi.url}\nthird-party-api ${servers.thirdPartyApi.url}\n`);
      const stop = () => servers.close().then(() => process.exit(0), () => process.exit(1));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (error) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
