import { describe, expect, it, vi } from 'vitest'
import {
  createTokenManager,
  type KeyValueStore,
  type LockRunner,
  REFRESH_REFUSED,
  REFRESH_TOKEN_KEY,
  type RefreshResult,
  tokenLifetimeMs,
} from './tokens'
import { createTabChannel, type MessagePortLike, type TabChannel } from './tabs'

const LIFETIME_S = 300

/** An unsigned JWT with the claims the manager reads (the server verifies signatures). */
function jwt(name: string, lifetime = LIFETIME_S): string {
  const encode = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')
  return `${encode({ alg: 'none' })}.${encode({ sub: '1', iat: 1_000, exp: 1_000 + lifetime, jti: name })}.sig`
}

/**
 * allauth's rotation, as the server does it: each refresh token works once;
 * a reused one is refused (and, like allauth, nothing else happens).
 */
function fakeAuthServer(first = 'r0') {
  let valid = first
  let issued = 0
  const used: string[] = []
  const refresh = vi.fn(async (token: string): Promise<RefreshResult> => {
    used.push(token)
    await Promise.resolve() // a real network round trip yields
    if (token !== valid) return REFRESH_REFUSED
    issued += 1
    valid = `r${issued}`
    return { access: jwt(`a${issued}`), refresh: valid }
  })
  return { refresh, used, current: () => valid }
}

function memoryStore(): KeyValueStore & { values: Map<string, string> } {
  const values = new Map<string, string>()
  return {
    values,
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
  }
}

/** One lock shared by several "tabs", like navigator.locks across a browser profile. */
function sharedLock(): LockRunner {
  let tail: Promise<unknown> = Promise.resolve()
  return <T>(_name: string, task: () => Promise<T>) => {
    const run = tail.then(task, task)
    tail = run.catch(() => undefined)
    return run
  }
}

/** BroadcastChannel between tabs: delivers to every other member, asynchronously. */
function channelHub() {
  const members: ((event: MessageEvent) => void)[][] = []
  return () => {
    const listeners: ((event: MessageEvent) => void)[] = []
    members.push(listeners)
    const port: MessagePortLike = {
      postMessage(data) {
        for (const other of members) {
          if (other === listeners) continue
          queueMicrotask(() => other.forEach((listener) => listener(new MessageEvent('message', { data }))))
        }
      },
      addEventListener: (_type, listener) => void listeners.push(listener),
    }
    return createTabChannel(port)
  }
}

function tab(options: { storage: KeyValueStore; refresh: (token: string) => Promise<RefreshResult>; now?: () => number; lock?: LockRunner; channel?: TabChannel | null }) {
  return createTokenManager({ lock: sharedLock(), channel: null, ...options })
}

describe('tokenLifetimeMs', () => {
  it('reads the lifetime from iat/exp and rejects what is not a JWT', () => {
    expect(tokenLifetimeMs(jwt('a', 300))).toBe(300_000)
    expect(tokenLifetimeMs('not-a-token')).toBeNull()
    expect(tokenLifetimeMs('a.###.c')).toBeNull()
  })
})

describe('createTokenManager', () => {
  it('hands the access token of a login to the other tabs, which may not see the stored refresh token yet', async () => {
    const join = channelHub()
    const server = fakeAuthServer()
    const loginTab = tab({ storage: memoryStore(), refresh: server.refresh, channel: join() })
    // Another renderer's view of localStorage can lag behind the write: this tab sees none yet.
    const otherTab = tab({ storage: memoryStore(), refresh: server.refresh, channel: join() })

    loginTab.setTokens({ access: jwt('login'), refresh: 'r0' })
    await new Promise((done) => setTimeout(done, 0))

    await expect(otherTab.accessToken()).resolves.toBe(jwt('login'))
    expect(server.refresh).not.toHaveBeenCalled()
  })

  it('has no access token and asks nothing when no refresh token is stored', async () => {
    const server = fakeAuthServer()
    const tokens = tab({ storage: memoryStore(), refresh: server.refresh })

    await expect(tokens.accessToken()).resolves.toBeNull()
    expect(tokens.hasRefreshToken()).toBe(false)
    expect(server.refresh).not.toHaveBeenCalled()
  })

  it('uses the access token of a login until it is due, then refreshes and stores the rotated refresh token', async () => {
    let clock = 0
    const storage = memoryStore()
    const server = fakeAuthServer()
    const tokens = tab({ storage, refresh: server.refresh, now: () => clock })
    tokens.setTokens({ access: jwt('login'), refresh: 'r0' })

    clock = 200_000 // 100 s left of 300: still fresh
    await expect(tokens.accessToken()).resolves.toBe(jwt('login'))
    expect(server.refresh).not.toHaveBeenCalled()

    clock = 241_000 // less than a quarter (max 60 s) left: refreshed before it expires
    await expect(tokens.accessToken()).resolves.toBe(jwt('a1'))
    expect(server.used).toEqual(['r0'])
    expect(storage.values.get(REFRESH_TOKEN_KEY)).toBe('r1')
  })

  it('a reload (nothing in memory) gets an access token from the stored refresh token', async () => {
    const storage = memoryStore()
    storage.setItem(REFRESH_TOKEN_KEY, 'r0')
    const server = fakeAuthServer()

    await expect(tab({ storage, refresh: server.refresh }).accessToken()).resolves.toBe(jwt('a1'))
  })

  it('shares one refresh between the concurrent requests of a tab', async () => {
    const storage = memoryStore()
    storage.setItem(REFRESH_TOKEN_KEY, 'r0')
    const server = fakeAuthServer()
    const tokens = tab({ storage, refresh: server.refresh })

    const results = await Promise.all([tokens.accessToken(), tokens.accessToken(), tokens.accessToken()])

    expect(results).toEqual([jwt('a1'), jwt('a1'), jwt('a1')])
    expect(server.refresh).toHaveBeenCalledTimes(1)
  })

  it('two tabs refreshing at once never spend the same refresh token twice (lock + broadcast)', async () => {
    const storage = memoryStore()
    storage.setItem(REFRESH_TOKEN_KEY, 'r0')
    const server = fakeAuthServer()
    const lock = sharedLock()
    const join = channelHub()
    const tabA = tab({ storage, refresh: server.refresh, lock, channel: join() })
    const tabB = tab({ storage, refresh: server.refresh, lock, channel: join() })

    const [a, b] = await Promise.all([tabA.accessToken(), tabB.accessToken()])

    expect(a).not.toBeNull()
    expect(b).not.toBeNull()
    expect(new Set(server.used).size).toBe(server.used.length) // no reuse
    expect(storage.values.get(REFRESH_TOKEN_KEY)).toBe(server.current())
  })

  it('without the shared lock, the same two tabs would trip the reuse check (the test can fail)', async () => {
    const storage = memoryStore()
    storage.setItem(REFRESH_TOKEN_KEY, 'r0')
    const server = fakeAuthServer()
    const noLock: LockRunner = (_name, task) => task()
    const tabA = tab({ storage, refresh: server.refresh, lock: noLock })
    const tabB = tab({ storage, refresh: server.refresh, lock: noLock })

    await Promise.all([tabA.accessToken(), tabB.accessToken()])

    // Both spent r0: the reuse the lock prevents (the server would end the
    // session once the grace period for lagging tabs has passed).
    expect(server.used.slice(0, 2)).toEqual(['r0', 'r0'])
  })

  it('a tab whose view of storage lags behind a rotation waits for the newer token instead of giving up', async () => {
    const server = fakeAuthServer()
    const lock = sharedLock()
    const storageA = memoryStore()
    const storageB = memoryStore() // another renderer's copy of localStorage, updated late
    storageA.setItem(REFRESH_TOKEN_KEY, 'r0')
    storageB.setItem(REFRESH_TOKEN_KEY, 'r0')
    const tabA = tab({ storage: storageA, refresh: server.refresh, lock })
    const tabB = tab({ storage: storageB, refresh: server.refresh, lock })

    await expect(tabA.accessToken()).resolves.toBe(jwt('a1'))
    setTimeout(() => storageB.setItem(REFRESH_TOKEN_KEY, storageA.getItem(REFRESH_TOKEN_KEY)!), 120)

    await expect(tabB.accessToken()).resolves.toBe(jwt('a2'))
    expect(server.used).toEqual(['r0', 'r0', 'r1'])
    expect(storageB.values.get(REFRESH_TOKEN_KEY)).toBe('r2')
  })

  it('a tab that was told the new access token by another does not refresh again', async () => {
    let clock = 0
    const storage = memoryStore()
    const server = fakeAuthServer()
    const lock = sharedLock()
    const join = channelHub()
    const tabA = tab({ storage, refresh: server.refresh, lock, channel: join(), now: () => clock })
    const tabB = tab({ storage, refresh: server.refresh, lock, channel: join(), now: () => clock })
    tabA.setTokens({ access: jwt('login'), refresh: 'r0' })

    clock = 250_000
    await expect(tabA.accessToken()).resolves.toBe(jwt('a1'))
    await Promise.resolve() // the broadcast arrives
    await expect(tabB.accessToken()).resolves.toBe(jwt('a1'))
    expect(server.refresh).toHaveBeenCalledTimes(1)
  })

  it('forgets the stored refresh token when the server refuses it', async () => {
    const storage = memoryStore()
    storage.setItem(REFRESH_TOKEN_KEY, 'revoked')
    const tokens = tab({ storage, refresh: fakeAuthServer().refresh })

    await expect(tokens.accessToken()).resolves.toBeNull()
    expect(tokens.hasRefreshToken()).toBe(false)
  })

  it('keeps both tokens when the refresh could not reach the server', async () => {
    const storage = memoryStore()
    storage.setItem(REFRESH_TOKEN_KEY, 'r0')
    const tokens = tab({ storage, refresh: () => Promise.reject(new TypeError('Failed to fetch')) })

    await expect(tokens.accessToken()).rejects.toThrow('Failed to fetch')
    expect(storage.values.get(REFRESH_TOKEN_KEY)).toBe('r0')
  })

  it('after a 401 refreshes even a token that looks fresh, once for all callers', async () => {
    const storage = memoryStore()
    const server = fakeAuthServer()
    const tokens = tab({ storage, refresh: server.refresh, now: () => 0 })
    tokens.setTokens({ access: jwt('login'), refresh: 'r0' })

    const renewed = await Promise.all([tokens.renewAfterRejection(jwt('login')), tokens.renewAfterRejection(jwt('login'))])

    expect(renewed).toEqual([jwt('a1'), jwt('a1')])
    expect(server.refresh).toHaveBeenCalledTimes(1)
    // A caller rejected with the old token after the renewal gets the new one without another refresh.
    await expect(tokens.renewAfterRejection(jwt('login'))).resolves.toBe(jwt('a1'))
    expect(server.refresh).toHaveBeenCalledTimes(1)
  })

  it('logout clears the stored refresh token and the pending-login session token', async () => {
    const storage = memoryStore()
    const tokens = tab({ storage, refresh: fakeAuthServer().refresh })
    tokens.sessionToken = 'pending'
    tokens.setTokens({ access: jwt('login'), refresh: 'r0' })
    expect(tokens.sessionToken).toBeNull()

    tokens.clear()

    expect(storage.values.has(REFRESH_TOKEN_KEY)).toBe(false)
    await expect(tokens.accessToken()).resolves.toBeNull()
  })
})
