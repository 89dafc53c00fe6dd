import { ApiError, CORS_REFUSED } from './errors'
import { CSRF_PATH, HEALTH_PATH, TOKEN_REFRESH_PATH, type AuthMode } from './paths'
import { createTabChannel, type TabChannel } from './tabs'
import { createTokenManager, REFRESH_REFUSED, type RefreshResult, type TokenManager, type TokenManagerOptions } from './tokens'

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
  /**
   * Token mode: on a 401, refresh the access token and retry once (default).
   * Off for logout, whose 401 means "you are now signed out".
   */
  renewOnUnauthorized?: boolean
}

export interface ApiClientOptions {
  /** Origin of the API, e.g. `http://localhost:8000`; empty string means same origin. */
  baseUrl?: string
  /** Injected for tests and non-browser runtimes; defaults to the global `fetch`. */
  fetch?: typeof fetch
  /** Endpoint answering `{"csrf_token": "..."}`. */
  csrfPath?: string
  /** `session` (default) or `token`. */
  authMode?: AuthMode
  /** Token mode: storage and lock overrides (tests, other runtimes). */
  tokenOptions?: Omit<TokenManagerOptions, 'refresh' | 'channel'>
  /**
   * The channel to the app's other tabs (default: a BroadcastChannel; null:
   * none, e.g. on a server). Token mode shares refreshed access tokens over
   * it, and the session (session.ts) its sign-ins and sign-outs.
   */
  tabs?: TabChannel | null
}

export interface ApiClient {
  readonly baseUrl: string
  readonly authMode: AuthMode
  /** Token mode's access/refresh tokens; null in session mode. */
  readonly tokens: TokenManager | null
  /** The channel to the app's other tabs (null when there is none). */
  readonly tabs: TabChannel | null
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
  const csrfPath = options.csrfPath ?? CSRF_PATH
  const authMode: AuthMode = options.authMode ?? 'session'
  // Resolve the global lazily so a test (or polyfill) can replace it later.
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
  // Token mode sends no cookies at all: cross-site the browser would drop them anyway.
  const credentials: RequestCredentials = authMode === 'token' ? 'omit' : 'include'

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
      const failure = (await corsRefusal()) ?? ApiError.network(error)
      onUnavailable?.(failure)
      throw failure
    }
  }

  /**
   * A fetch to another origin that fails may be the API refusing this origin
   * (CORS), not an outage: the browser hides which. An opaque no-cors request
   * tells them apart, so the error can name the setting to change.
   */
  async function corsRefusal(): Promise<ApiError | null> {
    const pageOrigin = globalThis.location?.origin
    if (!baseUrl || !pageOrigin || new URL(baseUrl, pageOrigin).origin === pageOrigin) return null
    try {
      await doFetch(`${baseUrl}${HEALTH_PATH}`, { mode: 'no-cors', credentials: 'omit' })
    } catch {
      return null // the API did not answer at all: an outage
    }
    return new ApiError(0, [
      {
        code: CORS_REFUSED,
        message:
          `The API at ${baseUrl} refused requests from this page (${pageOrigin}). ` +
          `Add ${pageOrigin} to DJANGO_CORS_ALLOWED_ORIGINS on the API` +
          (authMode === 'session' ? ' (and to DJANGO_CSRF_TRUSTED_ORIGINS).' : '.'),
      },
    ])
  }

  async function refreshTokens(refreshToken: string): Promise<RefreshResult> {
    const response = await send(`${baseUrl}${TOKEN_REFRESH_PATH}`, {
      method: 'POST',
      credentials,
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify({ refresh_token: refreshToken }),
    })
    const parsed = await parseBody(response)
    // allauth refuses a rotated-out, revoked or expired refresh token with a 400 (401 in some versions).
    if (response.status === 400 || response.status === 401) return REFRESH_REFUSED
    if (!parsed.ok) throw ApiError.unexpected(response.status)
    if (!response.ok) {
      const error = ApiError.fromBody(response.status, parsed.data)
      if (response.status === 503) onUnavailable?.(error)
      throw error
    }
    const data = (parsed.data as { data?: { access_token?: unknown; refresh_token?: unknown } } | undefined)?.data
    if (typeof data?.access_token !== 'string' || typeof data.refresh_token !== 'string') {
      throw ApiError.unexpected(response.status)
    }
    return { access: data.access_token, refresh: data.refresh_token }
  }

  const tabs: TabChannel | null = options.tabs === undefined ? createTabChannel() : options.tabs
  const tokens: TokenManager | null =
    authMode === 'token' ? createTokenManager({ ...options.tokenOptions, channel: tabs, refresh: refreshTokens }) : null

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

  /** What one attempt sent and got back. */
  interface Attempt {
    response: Response
    parsed: Parsed
    /** The access token it carried (token mode), to renew it on a 401. */
    access: string | null
  }

  async function attempt(path: string, options: RequestOptions, method: HttpMethod, access?: string | null): Promise<Attempt> {
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers }
    if (options.body !== undefined) headers['Content-Type'] = 'application/json'
    if (tokens) {
      access = access === undefined ? await tokens.accessToken() : access
      if (access) headers.Authorization = `Bearer ${access}`
      else if (tokens.sessionToken) headers['X-Session-Token'] = tokens.sessionToken
    } else if (!SAFE_METHODS.has(method)) {
      headers['X-CSRFToken'] = await csrfToken()
    }
    const response = await send(`${baseUrl}${path}${buildQuery(options.query)}`, {
      method,
      headers,
      credentials,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    })
    const parsed = await parseBody(response)
    if (tokens && parsed.ok) keepTokens(tokens, parsed.data)
    // 410: the login that session token belonged to is gone (expired, abandoned).
    if (tokens && !access && response.status === 410) tokens.sessionToken = null
    return { response, parsed, access: access ?? null }
  }

  async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const method = options.method ?? 'GET'
    const first = await attempt(path, options, method)
    let { response, parsed } = first
    let sessionLost = false

    if (
      !tokens &&
      response.status === 403 &&
      !SAFE_METHODS.has(method) &&
      parsed.ok &&
      ApiError.fromBody(403, parsed.data).hasCode(CSRF_FAILED)
    ) {
      // The token went stale (rotated at login, expired cookie): refresh once.
      resetCsrfToken()
      ;({ response, parsed } = await attempt(path, options, method))
    }

    const access = first.access
    if (
      tokens &&
      access &&
      response.status === 401 &&
      options.renewOnUnauthorized !== false &&
      !(parsed.ok && isReauthenticationRequest(parsed.data))
    ) {
      // Expired or revoked access token: refresh once (shared by every tab), retry once.
      const renewed = await tokens.renewAfterRejection(access)
      if (renewed) ({ response, parsed } = await attempt(path, options, method, renewed))
      else {
        tokens.forget()
        sessionLost = true
      }
    }

    if (!parsed.ok) throw ApiError.unexpected(response.status)
    if (!response.ok) {
      let error = ApiError.fromBody(response.status, parsed.data)
      if (response.status === 429) error = ApiError.rateLimited(error, response.headers.get('Retry-After'))
      if (response.status === 401 && (sessionLost || !hasFlows(parsed.data))) onUnauthenticated?.(error)
      if (response.status === 503) onUnavailable?.(error)
      throw error
    }
    return parsed.data as T
  }

  return {
    baseUrl,
    authMode,
    tokens,
    tabs,
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

interface AuthMeta {
  meta?: { access_token?: unknown; refresh_token?: unknown; session_token?: unknown; is_authenticated?: unknown }
}

/**
 * allauth's app client hands out tokens in `meta`: an access + refresh pair
 * when a login completes, a session token while a login step is pending.
 */
function keepTokens(tokens: TokenManager, body: unknown): void {
  const meta = (body as AuthMeta | null)?.meta
  if (!meta) return
  if (typeof meta.access_token === 'string' && typeof meta.refresh_token === 'string') {
    tokens.setTokens({ access: meta.access_token, refresh: meta.refresh_token })
  } else if (typeof meta.session_token === 'string') {
    tokens.sessionToken = meta.session_token
  }
}

/** allauth asks a signed-in user to prove who they are again (not a lost session). */
function isReauthenticationRequest(body: unknown): boolean {
  return (body as AuthMeta | null)?.meta?.is_authenticated === true
}

function hasFlows(body: unknown): boolean {
  const data = typeof body === 'object' && body !== null ? (body as { data?: unknown }).data : undefined
  return typeof data === 'object' && data !== null && 'flows' in data
}
