/**
 * An in-memory oidc-provider adapter, one store per IdP instance. Unlike the built-in dev adapter
 * it can list stored records, which the "revoke everything of a user" test hook needs.
 */

const GRANTABLE = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest', 'PreAuthorizedCode']);

/**
 * @typedef {Record<string, any>} Payload
 * @typedef {{ payload: Payload, expiresAt: number }} Entry
 */

export function createMemoryStore() {
  /** @type {Map<string, Map<string, Entry>>} */
  const models = new Map();

  /** @param {string} model */
  const tableOf = (model) => {
    let table = models.get(model);
    if (!table) {
      table = new Map();
      models.set(model, table);
    }
    return table;
  };

  /** @param {string} model @param {string} id */
  const read = (model, id) => {
    const table = tableOf(model);
    const entry = table.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      table.delete(id);
      return undefined;
    }
    return entry.payload;
  };

  /**
   * Ids and payloads of one model's live records.
   * @param {string} model
   * @returns {Array<[string, Payload]>}
   */
  const list = (model) => [...tableOf(model).keys()].flatMap((id) => {
    const payload = read(model, id);
    return payload ? [[id, payload]] : [];
  });

  /** oidc-provider calls this with a model name and expects the adapter interface back. */
  const adapterFor = (/** @type {string} */ model) => ({
    /** @param {string} id @param {Payload} payload @param {number | undefined} expiresIn seconds */
    async upsert(id, payload, expiresIn) {
      const expiresAt = typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : Infinity;
      tableOf(model).set(id, { payload: structuredClone(payload), expiresAt });
    },
    /** @param {string} id */
    async find(id) {
      const payload = read(model, id);
      return payload && structuredClone(payload);
    },
    /** @param {string} uid */
    async findByUid(uid) {
      return list(model).find(([, p]) => p.uid === uid)?.[1];
    },
    /** @param {string} userCode */
    async findByUserCode(userCode) {
      return list(model).find(([, p]) => p.userCode === userCode)?.[1];
    },
    /** @param {string} id */
    async consume(id) {
      const entry = tableOf(model).get(id);
      if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
    },
    /** @param {string} id */
    async destroy(id) {
      tableOf(model).delete(id);
    },
    /** @param {string} grantId */
    async revokeByGrantId(grantId) {
      if (!GRANTABLE.has(model)) return;
      for (const [id, payload] of list(model)) if (payload.grantId === grantId) tableOf(model).delete(id);
    },
  });

  return { adapterFor, list, tableOf };
}
