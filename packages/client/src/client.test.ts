import { describe, expect, it, vi } from 'vitest'
import { createAuthApi } from './auth'
import { createApiClient } from './client'
import { ApiError, humanDuration, parseRetryAfter } from './errors'
import { isReauthenticationRequired, stateFromError } from './flows'
import { cursorFromUrl } from './cursorList'
import { conflictCurrent, createTodosApi } from './todos'

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

const csrfFailed = () =>
  json(403, { status: 403, errors: [{ code: 'csrf_failed', message: 'CSRF check failed.' }] })

/** A fake server: hands out numbered CSRF tokens and routes everything else to `handler`. */
function fakeServer(handler: (url: string, init: RequestInit) => Response | Promise<Response>) {
  let issued = 0
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input)
    if (url.endsWith('/api/csrf/')) {
      issued += 1
      return json(200, { csrf_token: `token-${issued}` })
    }
    return handler(url, init)
  })
  const calls = (suffix: string) => fetchMock.mock.calls.filter(([url]) => String(url).endsWith(suffix))
  const header = (init: RequestInit | undefined, name: string) => (init?.headers as Record<string, string>)[name]
  return { fetchMock, calls, header }
}

describe('createApiClient', () => {
  it('sends JSON with credentials and Accept, and no CSRF token on GET', async () => {
    const server = fakeServer(() => json(200, { ok: true }))
    const client = createApiClient({ baseUrl: 'http://api.test/', fetch: server.fetchMock })

    await expect(client.get('/api/health/', { query: { a: 1, empty: '', none: null } })).resolves.toEqual({ ok: true })

    const [url, init] = server.fetchMock.mock.calls[0]!
    expect(url).toBe('http://api.test/api/health/?a=1')
    expect(init?.credentials).toBe('include')
    expect(server.header(init, 'Accept')).toBe('application/json')
    expect(server.header(init, 'X-CSRFToken')).toBeUndefined()
    expect(server.calls('/api/csrf/')).toHaveLength(0)
  })

  it('fetches the CSRF token once, lazily, and sends it on every unsafe request', async () => {
    const server = fakeServer(() => json(201, { id: 1 }))
    const client = createApiClient({ fetch: server.fetchMock })

    await Promise.all([client.post('/api/todos/', { title: 'a' }), client.post('/api/todos/', { title: 'b' })])
    await client.delete('/api/todos/1/')

    expect(server.calls('/api/csrf/')).toHaveLength(1)
    const writes = server.calls('/api/todos/').concat(server.calls('/api/todos/1/'))
    expect(writes).toHaveLength(3)
    for (const [, init] of writes) {
      expect(server.header(init, 'X-CSRFToken')).toBe('token-1')
      expect(init?.credentials).toBe('include')
    }
    expect(server.header(writes[0]![1], 'Content-Type')).toBe('application/json')
    expect(JSON.parse(String(writes[0]![1]?.body))).toEqual({ title: 'a' })
  })

  it('fetches a new token after resetCsrfToken()', async () => {
    const server = fakeServer(() => json(200, {}))
    const client = createApiClient({ fetch: server.fetchMock })

    await client.post('/x')
    client.resetCsrfToken()
    await client.post('/x')

    const writes = server.calls('/x')
    expect(server.header(writes[0]![1], 'X-CSRFToken')).toBe('token-1')
    expect(server.header(writes[1]![1], 'X-CSRFToken')).toBe('token-2')
  })

  it('refreshes the token and retries once on csrf_failed', async () => {
    let attempts = 0
    const server = fakeServer(() => {
      attempts += 1
      return attempts === 1 ? csrfFailed() : json(200, { saved: true })
    })
    const client = createApiClient({ fetch: server.fetchMock })

    await expect(client.patch('/api/todos/1/', { done: true })).resolves.toEqual({ saved: true })

    const writes = server.calls('/api/todos/1/')
    expect(writes).toHaveLength(2)
    expect(server.header(writes[0]![1], 'X-CSRFToken')).toBe('token-1')
    expect(server.header(writes[1]![1], 'X-CSRFToken')).toBe('token-2')
  })

  it('gives up after one retry when CSRF keeps failing', async () => {
    const server = fakeServer(() => csrfFailed())
    const client = createApiClient({ fetch: server.fetchMock })

    const error = await client.post('/api/todos/', { title: 'x' }).catch((e: unknown) => e)

    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).status).toBe(403)
    expect((error as ApiError).code).toBe('csrf_failed')
    expect(server.calls('/api/todos/')).toHaveLength(2)
    expect(server.calls('/api/csrf/')).toHaveLength(2)
  })

  it('does not retry a 403 that is not a CSRF failure', async () => {
    const server = fakeServer(() =>
      json(403, { status: 403, errors: [{ code: 'permission_denied', message: 'Nope.' }] }),
    )
    const client = createApiClient({ fetch: server.fetchMock })

    await expect(client.post('/x')).rejects.toMatchObject({ status: 403, code: 'permission_denied' })
    expect(server.calls('/x')).toHaveLength(1)
  })

  it('parses the uniform error shape into ApiError', async () => {
    const body = {
      status: 400,
      errors: [
        { code: 'max_length', message: 'Ensure this field has no more than 200 characters.', param: 'title' },
        { code: 'invalid', message: 'Enter a valid date.', param: 'due_date' },
        { code: 'invalid', message: 'Something is off.' },
      ],
    }
    const server = fakeServer(() => json(400, body))
    const client = createApiClient({ fetch: server.fetchMock })

    const error = (await client.post('/api/todos/', {}).catch((e: unknown) => e)) as ApiError

    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(400)
    expect(error.errors).toHaveLength(3)
    expect(error.firstMessage()).toBe('Ensure this field has no more than 200 characters.')
    expect(error.fieldErrors()).toEqual({
      title: ['Ensure this field has no more than 200 characters.'],
      due_date: ['Enter a valid date.'],
    })
    expect(error.nonFieldMessages()).toEqual(['Something is off.'])
    expect(error.body).toEqual(body)
  })

  it('turns a non-JSON error body into unexpected_response', async () => {
    const server = fakeServer(() => new Response('<h1>Bad Gateway</h1>', { status: 502 }))
    const client = createApiClient({ fetch: server.fetchMock })

    await expect(client.get('/api/todos/')).rejects.toMatchObject({
      status: 502,
      errors: [{ code: 'unexpected_response' }],
    })
  })

  it('turns a network failure into status 0 network_error', async () => {
    const client = createApiClient({ fetch: vi.fn().mockRejectedValue(new TypeError('Failed to fetch')) })

    const error = (await client.get('/api/todos/').catch((e: unknown) => e)) as ApiError
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(0)
    expect(error.code).toBe('network_error')
  })

  it('lets aborts through untouched', async () => {
    const abort = new DOMException('aborted', 'AbortError')
    const client = createApiClient({ fetch: vi.fn().mockRejectedValue(abort) })

    await expect(client.get('/api/todos/')).rejects.toBe(abort)
  })

  it('says when to retry a rate-limited request', async () => {
    const server = fakeServer(
      () =>
        new Response(JSON.stringify({ status: 429, errors: [{ code: 'too_many_login_attempts', message: 'Too many failed login attempts.' }] }), {
          status: 429,
          headers: { 'Content-Type': 'application/json', 'Retry-After': '300' },
        }),
    )
    const client = createApiClient({ fetch: server.fetchMock })

    const error = (await client.post('/api/auth/browser/v1/auth/login', {}).catch((e: unknown) => e)) as ApiError
    expect(error.status).toBe(429)
    expect(error.code).toBe('too_many_login_attempts')
    expect(error.retryAfter).toBe(300)
    expect(error.firstMessage()).toBe('Too many attempts. Try again in 5 minutes.')
  })

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(parseRetryAfter('42', now)).toBe(42)
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:01:30 GMT', now)).toBe(90)
    expect(parseRetryAfter(null, now)).toBeNull()
    expect(humanDuration(45)).toBe('45 seconds')
    expect(humanDuration(61)).toBe('2 minutes')
  })

  it('returns undefined for 204 No Content', async () => {
    const server = fakeServer(() => new Response(null, { status: 204 }))
    const client = createApiClient({ fetch: server.fetchMock })

    await expect(client.delete('/api/todos/1/')).resolves.toBeUndefined()
  })
})

describe('auth api', () => {
  it('treats 401 from the session endpoint as anonymous', async () => {
    const server = fakeServer(() =>
      json(401, { status: 401, data: { flows: [{ id: 'login' }] }, meta: { is_authenticated: false } }),
    )
    const auth = createAuthApi(createApiClient({ fetch: server.fetchMock }))

    await expect(auth.getSession()).resolves.toBeNull()
  })

  it('reads a pending step from a 401 as a state, not an error', async () => {
    const flows = [{ id: 'login' }, { id: 'verify_email', is_pending: true }]
    const server = fakeServer(() => json(401, { status: 401, data: { flows }, meta: { is_authenticated: false } }))
    const auth = createAuthApi(createApiClient({ fetch: server.fetchMock }))

    await expect(auth.signup({ email: 'a@b.c', password: 'x' })).resolves.toEqual({
      kind: 'pending',
      flow: { id: 'verify_email', is_pending: true },
      flows,
    })
  })

  it('tells a reauthentication request apart from a login state', async () => {
    const body = { status: 401, data: { flows: [{ id: 'reauthenticate' }] }, meta: { is_authenticated: true } }
    const error = ApiError.fromBody(401, body)

    expect(isReauthenticationRequired(error)).toBe(true)
    expect(stateFromError(error)).toBeNull()
    expect(isReauthenticationRequired(ApiError.fromBody(401, { ...body, meta: { is_authenticated: false } }))).toBe(false)
  })

  it('returns the user from an authenticated session', async () => {
    const user = { id: 1, display: 'ann@example.com', email: 'ann@example.com', has_usable_password: true }
    const server = fakeServer(() => json(200, { status: 200, data: { user, methods: [] }, meta: { is_authenticated: true } }))
    const auth = createAuthApi(createApiClient({ fetch: server.fetchMock }))

    await expect(auth.getSession()).resolves.toEqual(user)
    expect(server.fetchMock.mock.calls[0]![0]).toBe('/api/auth/browser/v1/auth/session')
  })

  it('treats the 401 answer to logout as success', async () => {
    const server = fakeServer(() => json(401, { status: 401, data: { flows: [] }, meta: { is_authenticated: false } }))
    const auth = createAuthApi(createApiClient({ fetch: server.fetchMock }))

    await expect(auth.logout()).resolves.toBeUndefined()
    const [, init] = server.calls('/auth/session')[0]!
    expect(init?.method).toBe('DELETE')
    expect(server.header(init, 'X-CSRFToken')).toBe('token-1')
  })

  it('reports wrong credentials as a field error on password', async () => {
    const server = fakeServer(() =>
      json(400, {
        status: 400,
        errors: [{ code: 'email_password_mismatch', param: 'password', message: 'The email address and/or password you specified are not correct.' }],
      }),
    )
    const auth = createAuthApi(createApiClient({ fetch: server.fetchMock }))

    const error = (await auth.login({ email: 'a@b.c', password: 'x' }).catch((e: unknown) => e)) as ApiError
    expect(error.fieldErrors().password).toEqual(['The email address and/or password you specified are not correct.'])
  })
})

describe('todos helpers', () => {
  it('extracts the cursor from an absolute next link', () => {
    expect(cursorFromUrl('http://localhost:8000/api/todos/?cursor=cD0y&status=all')).toBe('cD0y')
    expect(cursorFromUrl(null)).toBeNull()
  })

  it('reads the current todo from a version conflict', () => {
    const current = { id: 3, title: 'new', notes: '', done: false, due_date: null, created: '', updated: '', version: 5 }
    const conflict = ApiError.fromBody(409, {
      status: 409,
      errors: [{ code: 'version_conflict', message: 'This todo was changed elsewhere.' }],
      current,
    })
    expect(conflictCurrent(conflict)).toEqual(current)
    expect(conflictCurrent(new ApiError(409, [{ code: 'conflict', message: 'x' }]))).toBeNull()
  })

  it('sends the version with a partial update', async () => {
    const server = fakeServer(() => json(200, { id: 3 }))
    const todos = createTodosApi(createApiClient({ fetch: server.fetchMock }))

    await todos.update(3, 7, { done: true })
    const [, init] = server.calls('/api/todos/3/')[0]!
    expect(init?.method).toBe('PATCH')
    expect(JSON.parse(String(init?.body))).toEqual({ done: true, version: 7 })
  })
})

describe('unavailable handler', () => {
  it('is told about a 503 and about a server that does not answer, not about other errors', async () => {
    const answers: Array<() => Response> = [
      () => json(503, { status: 503, errors: [{ code: 'database_unavailable', message: 'Down.' }] }),
      () => json(500, { status: 500, errors: [{ code: 'server_error', message: 'Bug.' }] }),
      () => {
        throw new TypeError('Failed to fetch')
      },
    ]
    const server = fakeServer(() => answers.shift()!())
    const client = createApiClient({ fetch: server.fetchMock })
    const seen: string[] = []
    client.setUnavailableHandler((error) => seen.push(error.code))

    await expect(client.get('/api/todos/')).rejects.toMatchObject({ status: 503 })
    await expect(client.get('/api/todos/')).rejects.toMatchObject({ status: 500 })
    await expect(client.get('/api/todos/')).rejects.toMatchObject({ status: 0 })

    expect(seen).toEqual(['database_unavailable', 'network_error'])
  })
})

describe('createApiClient in token mode', () => {
  const encode = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '')
  const jwt = (name: string) => `${encode({ alg: 'none' })}.${encode({ iat: 0, exp: 300, jti: name })}.sig`
  const header = (init: RequestInit | undefined, name: string) => (init?.headers as Record<string, string>)[name]

  function tokenClient(handler: (url: string, init: RequestInit) => Response | Promise<Response>) {
    const values = new Map<string, string>()
    const storage = {
      getItem: (key: string) => values.get(key) ?? null,
      setItem: (key: string, value: string) => void values.set(key, value),
      removeItem: (key: string) => void values.delete(key),
    }
    const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => handler(String(input), init))
    const client = createApiClient({
      baseUrl: 'http://api.test',
      fetch: fetchMock,
      authMode: 'token',
      tokenOptions: { storage, lock: (_name, task) => task() },
      tabs: null,
    })
    return { client, fetchMock, values }
  }

  const loggedIn = () =>
    json(200, { status: 200, data: { user: { id: 1 } }, meta: { is_authenticated: true, access_token: jwt('a0'), refresh_token: 'r0' } })

  it('uses the app client, keeps the login tokens, sends the access token and never a cookie or CSRF token', async () => {
    const { client, fetchMock, values } = tokenClient((url) => (url.endsWith('/auth/login') ? loggedIn() : json(200, { results: [] })))
    const auth = createAuthApi(client)

    await expect(auth.login({ email: 'a@example.com', password: 'pw' })).resolves.toMatchObject({ kind: 'authenticated' })
    await client.post('/api/todos/', { title: 'x' })

    const [loginUrl] = fetchMock.mock.calls[0]!
    expect(loginUrl).toBe('http://api.test/api/auth/app/v1/auth/login')
    const [, write] = fetchMock.mock.calls[1]!
    expect(header(write, 'Authorization')).toBe(`Bearer ${jwt('a0')}`)
    expect(header(write, 'X-CSRFToken')).toBeUndefined()
    for (const [, init] of fetchMock.mock.calls) expect(init?.credentials).toBe('omit')
    expect(fetchMock.mock.calls.some(([url]) => String(url).endsWith('/api/csrf/'))).toBe(false)
    expect(values.get('tandem.refreshToken')).toBe('r0')
  })

  it('sends the session token of a pending login step (second factor)', async () => {
    const { client, fetchMock } = tokenClient((url) =>
      url.endsWith('/auth/login')
        ? json(401, { status: 401, data: { flows: [{ id: 'mfa_authenticate', is_pending: true }] }, meta: { is_authenticated: false, session_token: 'st-1' } })
        : loggedIn(),
    )
    const auth = createAuthApi(client)

    await expect(auth.login({ email: 'a@example.com', password: 'pw' })).resolves.toMatchObject({ kind: 'pending' })
    await client.post('/api/auth/app/v1/auth/2fa/authenticate', { code: '123456' })

    expect(header(fetchMock.mock.calls[1]![1], 'X-Session-Token')).toBe('st-1')
    expect(client.tokens?.sessionToken).toBeNull() // the login completed: tokens replace it
  })

  it('on a 401 refreshes once, retries with the new token and stores the rotated refresh token', async () => {
    let todos = 0
    const { client, fetchMock, values } = tokenClient((url, init) => {
      if (url.endsWith('/auth/login')) return loggedIn()
      if (url.endsWith('/tokens/refresh')) {
        expect(JSON.parse(String(init.body))).toEqual({ refresh_token: 'r0' })
        return json(200, { status: 200, data: { access_token: jwt('a1'), refresh_token: 'r1' } })
      }
      todos += 1
      return header(init, 'Authorization') === `Bearer ${jwt('a1')}`
        ? json(200, { results: ['ok'] })
        : json(401, { status: 401, errors: [{ code: 'not_authenticated', message: 'Invalid token.' }] })
    })
    const onUnauthenticated = vi.fn()
    client.setUnauthenticatedHandler(onUnauthenticated)
    await createAuthApi(client).login({ email: 'a@example.com', password: 'pw' })

    await expect(client.get('/api/todos/')).resolves.toEqual({ results: ['ok'] })

    expect(todos).toBe(2)
    expect(fetchMock.mock.calls.filter(([url]) => String(url).endsWith('/tokens/refresh'))).toHaveLength(1)
    expect(values.get('tandem.refreshToken')).toBe('r1')
    expect(onUnauthenticated).not.toHaveBeenCalled()
  })

  it('when the refresh token is refused, forgets it and reports the lost session', async () => {
    const { client, values } = tokenClient((url) => {
      if (url.endsWith('/auth/login')) return loggedIn()
      if (url.endsWith('/tokens/refresh')) return json(400, { status: 400 })
      return json(401, { status: 401, errors: [{ code: 'not_authenticated', message: 'Invalid token.' }] })
    })
    const onUnauthenticated = vi.fn()
    client.setUnauthenticatedHandler(onUnauthenticated)
    await createAuthApi(client).login({ email: 'a@example.com', password: 'pw' })

    await expect(client.get('/api/todos/')).rejects.toMatchObject({ status: 401 })

    expect(onUnauthenticated).toHaveBeenCalledTimes(1)
    expect(values.has('tandem.refreshToken')).toBe(false)
  })

  it('logout ends the session with the access token, without a refresh, and forgets the tokens', async () => {
    const { client, fetchMock, values } = tokenClient((url, init) => {
      if (url.endsWith('/auth/login')) return loggedIn()
      if (init.method === 'DELETE') return json(401, { status: 401, data: { flows: [] }, meta: { is_authenticated: false } })
      return json(500, {})
    })
    const auth = createAuthApi(client)
    await auth.login({ email: 'a@example.com', password: 'pw' })

    await auth.logout()

    const [url, init] = fetchMock.mock.calls[1]!
    expect(url).toBe('http://api.test/api/auth/app/v1/auth/session')
    expect(header(init, 'Authorization')).toBe(`Bearer ${jwt('a0')}`)
    expect(fetchMock).toHaveBeenCalledTimes(2)
    expect(values.has('tandem.refreshToken')).toBe(false)
  })
})

describe('a cross-origin API that refuses this page (CORS)', () => {
  it('names the setting to change when the API answers but refuses the origin', async () => {
    const fetchMock = vi.fn(async (_input: RequestInfo | URL, init: RequestInit = {}) => {
      // A CORS refusal looks like a network error to script; the opaque no-cors probe succeeds.
      if (init.mode === 'no-cors') return new Response(null, { status: 200 })
      throw new TypeError('Failed to fetch')
    })
    const client = createApiClient({ baseUrl: 'http://api.test', fetch: fetchMock })
    const onUnavailable = vi.fn()
    client.setUnavailableHandler(onUnavailable)

    const error = await client.get('/api/todos/').catch((caught: unknown) => caught)

    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).code).toBe('cors_refused')
    expect((error as ApiError).message).toContain(`Add ${location.origin} to DJANGO_CORS_ALLOWED_ORIGINS`)
    expect(onUnavailable).toHaveBeenCalledWith(error)
  })

  it('is a plain network error when the API does not answer at all', async () => {
    const fetchMock = vi.fn(async () => {
      throw new TypeError('Failed to fetch')
    })
    const client = createApiClient({ baseUrl: 'http://api.test', fetch: fetchMock })

    await expect(client.get('/api/todos/')).rejects.toMatchObject({ code: 'network_error' })
  })
})
