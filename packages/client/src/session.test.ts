import { describe, expect, it, vi } from 'vitest'
import type { AuthApi } from './auth'
import { createApiClient } from './client'
import { ApiError } from './errors'
import type { AuthState } from './flows'
import { createSession, type SessionEvent } from './session'
import { createTabChannel } from './tabs'
import { tabHub } from './testing/tab-hub'

const user = { id: 1, display: 'ann@example.com', email: 'ann@example.com', has_usable_password: true }
const signedIn: AuthState = { kind: 'authenticated', user }
const anonymous: AuthState = { kind: 'anonymous', flows: [] }
const verifyEmail: AuthState = {
  kind: 'pending',
  flow: { id: 'verify_email', is_pending: true },
  flows: [{ id: 'verify_email', is_pending: true }],
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

/** A tab: a real client and session over a fake fetch, a fake allauth API, and a port on `hub`. */
function tab(
  hub: ReturnType<typeof tabHub>,
  fetch = vi.fn(async () => json(200, {})),
  initialState: AuthState | null = null,
) {
  const auth = {
    getAuthState: vi.fn(async (): Promise<AuthState> => anonymous),
    login: vi.fn(async (): Promise<AuthState> => signedIn),
    signup: vi.fn(async (): Promise<AuthState> => verifyEmail),
    verifyEmail: vi.fn(async (): Promise<AuthState> => signedIn),
    logout: vi.fn(async () => undefined),
    changePassword: vi.fn(async () => undefined),
  }
  const client = createApiClient({ fetch, tabs: createTabChannel(hub.port()) })
  const resetCsrf = vi.spyOn(client, 'resetCsrfToken')
  const session = createSession(client, auth as unknown as AuthApi, { initialState })
  const events: SessionEvent[] = []
  session.subscribe((event) => events.push(event))
  return { auth, client, session, events, resetCsrf }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('createSession', () => {
  it('restores once per page load, however many callers ask', async () => {
    const a = tab(tabHub())
    a.auth.getAuthState.mockResolvedValue(signedIn)
    expect(a.session.state).toBeNull()

    await Promise.all([a.session.restore(), a.session.restore(), a.session.restore()])

    expect(a.auth.getAuthState).toHaveBeenCalledTimes(1)
    expect(a.session.user).toEqual(user)
    expect(a.events).toEqual([{ type: 'changed' }])
  })

  it('starts signed out when the server cannot answer', async () => {
    const a = tab(tabHub())
    a.auth.getAuthState.mockRejectedValue(ApiError.network(new TypeError('offline')))
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)

    await a.session.restore()

    expect(a.session.state).toEqual(anonymous)
    expect(a.session.user).toBeNull()
  })

  it('a login here drops the CSRF token, signs in and tells the other tabs, which sign in too', async () => {
    const hub = tabHub()
    const a = tab(hub)
    const b = tab(hub)
    await Promise.all([a.session.restore(), b.session.restore()])
    b.auth.getAuthState.mockResolvedValue(signedIn)

    await a.session.login({ email: 'ann@example.com', password: 'pw' })
    await flush()

    expect(a.resetCsrf).toHaveBeenCalled()
    expect(a.events.at(-1)).toEqual({ type: 'signed-in', elsewhere: false })
    expect(b.events.at(-1)).toEqual({ type: 'signed-in', elsewhere: true })
    expect(b.session.user).toEqual(user)
    expect(b.resetCsrf).toHaveBeenCalled()
  })

  it('keeps a pending step, and names it', async () => {
    const a = tab(tabHub())
    await a.session.signup({ email: 'ann@example.com', password: 'pw' })
    expect(a.session.user).toBeNull()
    expect(a.session.pendingFlow?.id).toBe('verify_email')
    expect(a.events.at(-1)).toEqual({ type: 'changed' })
  })

  it('a logout here forgets the user, drops CSRF and tokens, and signs out the other tabs', async () => {
    const hub = tabHub()
    const a = tab(hub)
    const b = tab(hub)
    a.auth.getAuthState.mockResolvedValue(signedIn)
    b.auth.getAuthState.mockResolvedValue(signedIn)
    await Promise.all([a.session.restore(), b.session.restore()])

    await a.session.logout()

    expect(a.auth.logout).toHaveBeenCalledTimes(1)
    expect(a.session.user).toBeNull()
    expect(a.events.at(-1)).toEqual({ type: 'signed-out', elsewhere: false })
    expect(b.session.user).toBeNull()
    expect(b.events.at(-1)).toEqual({ type: 'signed-out', elsewhere: true })
    expect(b.resetCsrf).toHaveBeenCalled()
    expect(b.auth.logout).not.toHaveBeenCalled()
  })

  it('stays signed in, and tells nobody, when the server could not be told about a logout', async () => {
    const hub = tabHub()
    const a = tab(hub)
    const b = tab(hub)
    a.auth.getAuthState.mockResolvedValue(signedIn)
    b.auth.getAuthState.mockResolvedValue(signedIn)
    await Promise.all([a.session.restore(), b.session.restore()])
    a.auth.logout.mockRejectedValue(ApiError.network(new TypeError('offline')))

    await expect(a.session.logout()).rejects.toBeInstanceOf(ApiError)

    expect(a.session.user).toEqual(user)
    expect(b.session.user).toEqual(user)
    expect(b.events.at(-1)).toEqual({ type: 'changed' })
  })

  it('a request that finds the session gone signs this tab out as "lost"', async () => {
    const fetch = vi.fn(async () => json(401, { status: 401, errors: [{ code: 'not_authenticated', message: 'No.' }] }))
    const a = tab(tabHub(), fetch)
    a.auth.getAuthState.mockResolvedValue(signedIn)
    await a.session.restore()

    await expect(a.client.get('/api/todos/')).rejects.toBeInstanceOf(ApiError)

    expect(a.events.at(-1)).toEqual({ type: 'lost' })
    expect(a.session.user).toBeNull()
    expect(a.resetCsrf).toHaveBeenCalled()
  })

  it('starts from the state server-side rendering handed over: restore() asks nothing', async () => {
    const a = tab(tabHub(), undefined, signedIn)

    await a.session.restore()

    expect(a.auth.getAuthState).not.toHaveBeenCalled()
    expect(a.session.user).toEqual(user)
    expect(a.events).toEqual([])
  })

  it('a tab started signed in from server-side rendering hears a logout elsewhere and a lost session', async () => {
    const hub = tabHub()
    const a = tab(hub, undefined, signedIn)
    const b = tab(hub, undefined, signedIn)

    await a.session.logout()
    await flush()

    expect(b.events.at(-1)).toEqual({ type: 'signed-out', elsewhere: true })
    expect(b.session.user).toBeNull()

    const fetch = vi.fn(async () => json(401, { status: 401, errors: [{ code: 'not_authenticated', message: 'No.' }] }))
    const c = tab(tabHub(), fetch, signedIn)
    await expect(c.client.get('/api/todos/')).rejects.toBeInstanceOf(ApiError)
    expect(c.events.at(-1)).toEqual({ type: 'lost' })
  })

  it('a 401 while signed out is not a lost session', async () => {
    const fetch = vi.fn(async () => json(401, { status: 401, errors: [{ code: 'not_authenticated', message: 'No.' }] }))
    const a = tab(tabHub(), fetch)
    await a.session.restore()
    await expect(a.client.get('/api/todos/')).rejects.toBeInstanceOf(ApiError)
    expect(a.events.map((event) => event.type)).not.toContain('lost')
  })

  it('an email verified from another browser changes nothing here', async () => {
    const a = tab(tabHub())
    a.auth.getAuthState.mockResolvedValue(signedIn)
    await a.session.restore()
    a.auth.verifyEmail.mockResolvedValue(anonymous)

    await a.session.verifyEmail('key')

    expect(a.session.user).toEqual(user)
  })

  it('end() signs out here and elsewhere without asking the server', async () => {
    const hub = tabHub()
    const a = tab(hub)
    const b = tab(hub)
    a.auth.getAuthState.mockResolvedValue(signedIn)
    b.auth.getAuthState.mockResolvedValue(signedIn)
    await Promise.all([a.session.restore(), b.session.restore()])

    a.session.end()

    expect(a.auth.logout).not.toHaveBeenCalled()
    expect(a.session.user).toBeNull()
    expect(b.events.at(-1)).toEqual({ type: 'signed-out', elsewhere: true })
  })

  it('stops calling a listener after it unsubscribes', async () => {
    const a = tab(tabHub())
    const listener = vi.fn()
    const stop = a.session.subscribe(listener)
    stop()
    await a.session.login({ email: 'ann@example.com', password: 'pw' })
    expect(listener).not.toHaveBeenCalled()
  })
})
