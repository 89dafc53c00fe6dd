import { ApiError } from './errors'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
export type QueryValue = string | number | boolean | null | undefined

export interface RequestOptions {
  method?: HttpMethod
  /** Query parameters; `null`/`undefined`/empty-string values are left out. */
  query?: Record<string, QueryValue>
  /** Sent as JSON when present. */
  body?: unknown
  signal?: AbortSignal
  headers?: Record<string, string>
}

export interface ApiClientOptions {
  /** Origin of the API, e.g. `http://localhost:8000`; empty string means same origin. */
  baseUrl?: string
  /** Injected for tests and non-browser runtimes; defaults to the global `fetch`. */
  fetch?: typeof fetch
  /** Endpoint answering `{"csrf_token": "..."}`. */
  csrfPath?: string
}

export interface ApiClient {
  readonly baseUrl: string
  request<T>(path: string, options?: RequestOptions): Promise<T>
  get<T>(path: string, options?: Omit<RequestOptions, 'method' | 'body'>): Promise<T>
  post<T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>): Promise<T>
  patch<T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>): Promise<T>
  put<T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>): Promise<T>
  delete<T>(path: string, options?: Omit<RequestOptions, 'method'>): Promise<T>
  /** Returns the cached CSRF token, fetching it first if needed (single flight). */
  csrfToken(): Promise<string>
  /**
   * Forgets the cached CSRF token. Call after login, signup, logout and
   * password change: Django rotates the token whenever the session changes.
   */
  resetCsrfToken(): void
  /**
   * Called when a request is refused because nobody is signed in any more
   * (401 with an error list: the session ended elsewhere, expired or was
   * revoked). allauth's own 401s, which describe login steps in
   * `data.flows`, are states and do not trigger it.
   */
  setUnauthenticatedHandler(handler: ((error: ApiError) => void) | null): void
  /**
   * Called when the API cannot serve at all: a 503 (database or cache down,
   * see `Retry-After`) or no answer from the server (network error).
   */
  setUnavailableHandler(handler: ((error: ApiError) => void) | null): void
}

const SAFE_METHODS: ReadonlySet<HttpMethod> = new Set(['GET'])
export const CSRF_FAILED = 'csrf_failed'

type Parsed = { ok: true; data: unknown } | { ok: false }

async function parseBody(response: Response): Promise<Parsed> {
  let text: string
  try {
    text = await response.text()
  } catch {
    return { ok: false }
  }
  if (text === '') return { ok: true, data: undefined }
  try {
    return { ok: true, data: JSON.parse(text) as unknown }
  } catch {
    return { ok: false }
  }
}

function buildQuery(query: Record<string, QueryValue> | undefined): string {
  if (!query) return ''
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined || value === '') continue
    params.append(key, String(value))
  }
  const search = params.toString()
  return search ? `?${search}` : ''
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError'
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '')
  const csrfPath = options.csrfPath ?? '/api/csrf/'
  // Resolve the global lazily so a test (or polyfill) can replace it later.
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))

  let onUnauthenticated: ((error: ApiError) => void) | null = null
  let onUnavailable: ((error: ApiError) => void) | null = null
  let cachedToken: string | null = null
  let inFlightToken: Promise<string> | null = null
  // Bumped on every reset so a token fetched before the reset is never cached after it.
  let tokenGeneration = 0

  async function send(url: string, init: RequestInit): Promise<Response> {
    try {
      return await doFetch(url, init)
    } catch (error) {
      // Aborts are the caller's decision, not a failure to report.
      if (isAbort(error)) throw error
      const networkError = ApiError.network(error)
      onUnavailable?.(networkError)
      throw networkError
    }
  }

  async function fetchCsrfToken(): Promise<string> {
    const response = await send(`${baseUrl}${csrfPath}`, {
      method: 'GET',
      credentials: 'include',
      headers: { Accept: 'application/json' },
    })
    const parsed = await parseBody(response)
    if (!parsed.ok) throw ApiError.unexpected(response.status)
    if (!response.ok) throw ApiError.fromBody(response.status, parsed.data)
    const token = (parsed.data as { csrf_token?: unknown } | undefined)?.csrf_token
    if (typeof token !== 'string' || token === '') throw ApiError.unexpected(response.status)
    return token
  }

  function csrfToken(): Promise<string> {
    if (cachedToken !== null) return Promise.resolve(cachedToken)
    if (inFlightToken === null) {
      const generation = tokenGeneration
      const pending = fetchCsrfToken().then((token) => {
        if (generation === tokenGeneration) cachedToken = token
        return token
      })
      const clear = () => {
        if (inFlightToken === pending) inFlightToken = null
      }
      pending.then(clear, clear)
      inFlightToken = pending
    }
    return inFlightToken
  }

  function resetCsrfToken(): void {
    tokenGeneration += 1
    cachedToken = null
    inFlightToken = null
  }

  async function attempt(path: string, options: RequestOptions, method: HttpMethod): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers }
    if (options.body !== undefined) headers['Content-Type'] = 'application/json'
    if (!SAFE_METHODS.has(method)) headers['X-CSRFToken'] = await csrfToken()
    return send(`${baseUrl}${path}${buildQuery(options.query)}`, {
      method,
      headers,
      credentials: 'include',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    })
  }

  async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const method = options.method ?? 'GET'
    let response = await attempt(path, options, method)
    let parsed = await parseBody(response)

    if (
      response.status === 403 &&
      !SAFE_METHODS.has(method) &&
      parsed.ok &&
      ApiError.fromBody(403, parsed.data).hasCode(CSRF_FAILED)
    ) {
      // The token went stale (rotated at login, expired cookie): refresh once.
      resetCsrfToken()
      response = await attempt(path, options, method)
      parsed = await parseBody(response)
    }

    if (!parsed.ok) throw ApiError.unexpected(response.status)
    if (!response.ok) {
      let error = ApiError.fromBody(response.status, parsed.data)
      if (response.status === 429) error = ApiError.rateLimited(error, response.headers.get('Retry-After'))
      if (response.status === 401 && onUnauthenticated && !hasFlows(parsed.data)) onUnauthenticated(error)
      if (response.status === 503) onUnavailable?.(error)
      throw error
    }
    return parsed.data as T
  }

  return {
    baseUrl,
    request,
    get: (path, opts) => request(path, { ...opts, method: 'GET' }),
    post: (path, body, opts) => request(path, { ...opts, method: 'POST', body }),
    patch: (path, body, opts) => request(path, { ...opts, method: 'PATCH', body }),
    put: (path, body, opts) => request(path, { ...opts, method: 'PUT', body }),
    delete: (path, opts) => request(path, { ...opts, method: 'DELETE' }),
    csrfToken,
    resetCsrfToken,
    setUnauthenticatedHandler: (handler) => {
      onUnauthenticated = handler
    },
    setUnavailableHandler: (handler) => {
      onUnavailable = handler
    },
  }
}

function hasFlows(body: unknown): boolean {
  const data = typeof body === 'object' && body !== null ? (body as { data?: unknown }).data : undefined
  return typeof data === 'object' && data !== null && 'flows' in data
}
