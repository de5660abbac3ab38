/** What a view's loader gets besides the clients and its arguments. */
export interface ViewContext {
  /** Pass it to every call: the view is abandoned when the MFE that asked for it unmounts. */
  readonly signal: AbortSignal | undefined;
}

/**
 * A view model built from one or more API calls, declared once in shared code and used by every
 * MFE, so they all pick the same fields and combine calls the same way. The calls inside are
 * ordinary client calls, so concurrent loads of the same view share their requests and cache.
 *
 * @example
 * ```ts
 * const summary = await accountSummary.load(apis, { id }, { signal });
 * ```
 */
export interface ApiView<Apis, Args, Result> {
  readonly name: string;
  load(apis: Apis, args: Args, options?: { readonly signal?: AbortSignal }): Promise<Result>;
}

/**
 * Declares a view.
 *
 * @example
 * ```ts
 * export const accountSummary = defineView('accountSummary', async (apis: CustomerApis, { id }: { id: string }, { signal }) => {
 *   const api = apis['customer-api'];
 *   const [account, txs] = await Promise.all([
 *     api.get('/accounts/{id}', { params: { path: { id } }, signal }),
 *     api.get('/accounts/{id}/transactions', { params: { path: { id }, query: { since: '2025-01-01' } }, signal }),
 *   ]);
 *   return { name: account.name, balance: account.balance, transactions: txs.length };
 * });
 * ```
 */
export function defineView<Apis, Args, Result>(
  name: string,
  build: (apis: Apis, args: Args, context: ViewContext) => Promise<Result>,
): ApiView<Apis, Args, Result> {
  if (typeof name !== 'string' || name === '') throw new TypeError('defineView needs a non-empty name');
  if (typeof build !== 'function') throw new TypeError(`view '${name}' needs a loader function`);
  return {
    name,
    load: (apis, args, options) => build(apis, args, { signal: options?.signal }),
  };
}
