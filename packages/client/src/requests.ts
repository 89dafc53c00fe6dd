// Requests typed by the generated OpenAPI `paths` of both specs: the path must
// exist with that method, path parameters, query, body and answer are the
// schema's. A renamed endpoint or field fails the type check, not the user.
// The transport stays ApiClient's (CSRF, tokens, one retry, ApiError); this
// layer is types plus filling `{param}` templates.
import type { ApiClient, RequestOptions } from './client'
import type { paths as AllauthPaths } from './generated/allauth'
import type { paths as TandemPaths } from './generated/tandem'

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'

/** The paths of `P` that declare `M` (openapi-typescript marks the others `M?: never`). */
export type PathsWith<P, M extends Method> = {
  [K in keyof P]-?: P[K] extends { [X in M]: object } ? K : never
}[keyof P] &
  string

type Operation<P, Path extends keyof P, M extends Method> = P[Path] extends { [X in M]: infer O } ? O : never

type ParametersOf<O> = O extends { parameters: infer Params } ? Params : object
/** allauth's `{client}` is filled in from the client's auth mode, never by the caller. */
type PathParamsOf<O> = ParametersOf<O> extends { path: infer Path } ? Omit<Path, 'client'> : Record<never, never>
type QueryOf<O> = ParametersOf<O> extends { query?: infer Query } ? Query : never
type BodyOf<O> = O extends { requestBody?: { content: { 'application/json': infer Body } } } ? Body : never
type RequiresBody<O> = O extends { requestBody: object } ? true : false

type JsonContent<R> = R extends { content: { 'application/json': infer Body } } ? Body : void
type SuccessStatus = 200 | 201 | 202 | 204
/** What the operation answers on success (`void` for 204 No Content). */
export type ResponseOf<O> = O extends { responses: infer R } ? JsonContent<R[Extract<keyof R, SuccessStatus>]> : never

type TransportOptions = Omit<RequestOptions, 'method' | 'query' | 'body'>

/** The options an operation takes: `path` when it has path parameters, its `query`, its `body`. */
export type OptionsOf<O> = TransportOptions &
  (keyof PathParamsOf<O> extends never ? { path?: never } : { path: PathParamsOf<O> }) &
  ([QueryOf<O>] extends [never | undefined] ? { query?: never } : { query?: QueryOf<O> }) &
  ([BodyOf<O>] extends [never]
    ? { body?: never }
    : RequiresBody<O> extends true
      ? { body: BodyOf<O> }
      : { body?: BodyOf<O> })

/** Options are optional when the operation requires none of them. */
type Args<O> = keyof PathParamsOf<O> extends never
  ? RequiresBody<O> extends true
    ? [options: OptionsOf<O>]
    : [options?: OptionsOf<O>]
  : [options: OptionsOf<O>]

export interface TypedApi<P> {
  get<Path extends PathsWith<P, 'get'>>(
    path: Path,
    ...args: Args<Operation<P, Path, 'get'>>
  ): Promise<ResponseOf<Operation<P, Path, 'get'>>>
  post<Path extends PathsWith<P, 'post'>>(
    path: Path,
    ...args: Args<Operation<P, Path, 'post'>>
  ): Promise<ResponseOf<Operation<P, Path, 'post'>>>
  put<Path extends PathsWith<P, 'put'>>(
    path: Path,
    ...args: Args<Operation<P, Path, 'put'>>
  ): Promise<ResponseOf<Operation<P, Path, 'put'>>>
  patch<Path extends PathsWith<P, 'patch'>>(
    path: Path,
    ...args: Args<Operation<P, Path, 'patch'>>
  ): Promise<ResponseOf<Operation<P, Path, 'patch'>>>
  delete<Path extends PathsWith<P, 'delete'>>(
    path: Path,
    ...args: Args<Operation<P, Path, 'delete'>>
  ): Promise<ResponseOf<Operation<P, Path, 'delete'>>>
}

/** Tandem's own API (`openapi/tandem.yaml`). */
export type TandemApi = TypedApi<TandemPaths>
/** allauth headless as Tandem serves it (`openapi/allauth.yaml`), `{client}` filled from the auth mode. */
export type AllauthApi = TypedApi<AllauthPaths>

interface LooseOptions extends TransportOptions {
  path?: Record<string, string | number>
  query?: object
  body?: unknown
}

/** Fills `{name}` segments; values are encoded so an id can never add a path segment. */
export function fillPath(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = params[name]
    if (value === undefined) throw new Error(`Missing path parameter "${name}" for ${template}`)
    return encodeURIComponent(String(value))
  })
}

export function createTypedApi<P>(client: ApiClient): TypedApi<P> {
  const call =
    (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE') =>
    (template: string, options: LooseOptions = {}): Promise<never> => {
      const { path, query, body, ...transport } = options
      const allauthClient = client.authMode === 'token' ? 'app' : 'browser'
      const url = fillPath(template, { client: allauthClient, ...path })
      return client.request(url, {
        ...transport,
        method,
        query: query as RequestOptions['query'],
        ...(body === undefined ? {} : { body }),
      })
    }
  // The generic signatures are checked at the call sites; the body above is untyped by design.
  return {
    get: call('GET'),
    post: call('POST'),
    put: call('PUT'),
    patch: call('PATCH'),
    delete: call('DELETE'),
  } as unknown as TypedApi<P>
}

/** Typed requests to Tandem's API. */
export const createTandemApi = (client: ApiClient): TandemApi => createTypedApi<TandemPaths>(client)
/** Typed requests to allauth headless. */
export const createAllauthApi = (client: ApiClient): AllauthApi => createTypedApi<AllauthPaths>(client)
