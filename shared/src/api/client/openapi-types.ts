/**
 * Type-level reading of an openapi-typescript `paths` type: which paths accept which method, what
 * parameters and body an operation takes, and what its success response holds.
 */

/** Lower-case method keys as openapi-typescript writes them. */
export type OperationMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch';

/** The paths of `Paths` that declare `method` (`put?: never` does not count). */
export type PathsWithMethod<Paths, M extends OperationMethod> = {
  [P in keyof Paths]-?: Paths[P] extends Record<M, unknown> ? P : never;
}[keyof Paths] &
  string;

/** The operation object at `Paths[P][M]`. */
export type OperationOf<Paths, P extends keyof Paths, M extends OperationMethod> = Paths[P] extends Record<M, infer Op> ? Op : never;

type Declared<T> = [Exclude<T, undefined>] extends [never] ? false : true;

/** The parameter groups an operation declares (`path`, `query`, `header`), keeping optionality. */
export type ParamsOf<Op> = Op extends { parameters: infer Params }
  ? { [K in keyof Params as K extends 'path' | 'query' | 'header' ? (Declared<Params[K]> extends true ? K : never) : never]: Params[K] }
  : Record<never, never>;

/** Keys of `T` that must be present. */
export type RequiredKeys<T> = { [K in keyof T]-?: Record<never, never> extends Pick<T, K> ? never : K }[keyof T];

/** `{ params }` required when a parameter is required, optional when all are, absent when none exist. */
export type ParamsOption<Op> = [keyof ParamsOf<Op>] extends [never]
  ? { readonly params?: never }
  : [RequiredKeys<ParamsOf<Op>>] extends [never]
    ? { readonly params?: ParamsOf<Op> }
    : { readonly params: ParamsOf<Op> };

type JsonOf<Content> = [Extract<keyof Content, `${string}json${string}`>] extends [never]
  ? Content[keyof Content]
  : Content[Extract<keyof Content, `${string}json${string}`>];

/** The JSON request body of an operation, or `never` when it takes none. */
export type RequestBodyOf<Op> = Op extends { requestBody?: infer Body } ? (Body extends { content: infer Content } ? JsonOf<Content> : never) : never;

/** `{ json }` required, optional or absent as the operation's request body is. */
export type BodyOption<Op> = [RequestBodyOf<Op>] extends [never]
  ? { readonly json?: never }
  : Op extends { requestBody: unknown }
    ? { readonly json: RequestBodyOf<Op> }
    : { readonly json?: RequestBodyOf<Op> };

type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 205 | 206 | 207 | 208 | 226 | '2XX';

type ContentOf<Response> = Response extends { content: infer Content } ? JsonOf<Content> : undefined;

type SuccessUnion<Op> = Op extends { responses: infer Responses }
  ? { [S in keyof Responses]: S extends SuccessStatus ? ContentOf<Responses[S]> : never }[keyof Responses]
  : never;

/** What a successful call resolves with: the 2xx JSON bodies (`undefined` for 204), else `unknown`. */
export type SuccessData<Op> = [SuccessUnion<Op>] extends [never] ? unknown : SuccessUnion<Op>;

/** `[options]` when something in `Options` is required, `[options?]` otherwise. */
export type InitArgs<Options> = [RequiredKeys<Options>] extends [never] ? [options?: Options] : [options: Options];
