import type { TabChannel } from './tabs'

// Token mode (allauth headless's `app` client with JWT), for an SPA on another
// site than the API, where the browser will not send the API's cookies.
//
// - The access token (5 minutes by default) lives in this tab's memory only.
// - The refresh token is rotated by every refresh and kept in localStorage: it
//   must survive a reload and be shared by the app's tabs, and cross-site the
//   only storage that can do that is readable by script. The trade-off (an XSS
//   could read it) is documented in the README, with why session mode is the
//   default wherever the SPA and the API share a site.
// - One refresh at a time across every tab (Web Locks): two tabs that both saw
//   their access token expire never spend the same refresh token twice (the
//   server refuses a reused one). A tab that refreshed tells the others the new
//   access token (BroadcastChannel), so they do not refresh again.

export interface TokenPair {
  access: string
  refresh: string
}

/** The server refused the refresh token: rotated out, logged out or expired. */
export const REFRESH_REFUSED = 'refused' as const
export type RefreshResult = TokenPair | typeof REFRESH_REFUSED

/** The parts of `localStorage` used here. */
export interface KeyValueStore {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

/** Runs `task` while holding the named lock, in this tab and every other. */
export type LockRunner = <T>(name: string, task: () => Promise<T>) => Promise<T>

export interface TokenManagerOptions {
  /**
   * Exchanges a refresh token for a new pair. Resolves `'refused'` when the
   * server refuses the token; throws when the server could not be asked
   * (network, outage), in which case both tokens are kept.
   */
  refresh(refreshToken: string): Promise<RefreshResult>
  /** Defaults to `localStorage` (null: keep the refresh token in memory, one tab only). */
  storage?: KeyValueStore | null
  /** Defaults to the Web Locks API, else a lock within this tab only. */
  lock?: LockRunner
  /** The channel to the other tabs (null: no sharing between tabs). */
  channel?: TabChannel | null
  now?: () => number
}

export interface TokenManager {
  /**
   * An access token to send now, refreshed first when it has expired or is
   * about to; null when nobody is signed in.
   */
  accessToken(): Promise<string | null>
  /**
   * The server answered 401 to `rejected`: refresh (once for every caller and
   * every tab) and return the new token, or null when the session is over.
   */
  renewAfterRejection(rejected: string): Promise<string | null>
  /** Stores the pair a login (or a step that completes one) returned. */
  setTokens(pair: TokenPair): void
  /** Logout: forgets both tokens (the server revokes them). */
  clear(): void
  /** Forgets what this tab holds in memory (another tab logged out). */
  forget(): void
  /** True while a refresh token is stored: someone may be signed in. */
  hasRefreshToken(): boolean
  /**
   * allauth's session token for a login still in progress (a pending email
   * verification or second factor step), sent as `X-Session-Token`. Memory only.
   */
  sessionToken: string | null
}

export const REFRESH_TOKEN_KEY = 'tandem.refreshToken'
const LOCK_NAME = 'tandem-token-refresh'
/** Refresh when this share of the token's lifetime is left (at most a minute). */
const REFRESH_MARGIN_SHARE = 0.25
const MAX_REFRESH_MARGIN_MS = 60_000

interface HeldToken {
  token: string
  /** Local clock time after which the token is refreshed before use. */
  refreshAt: number
}

/** `iat`/`exp` of a JWT, without verifying it (the server does that). */
export function tokenLifetimeMs(token: string): number | null {
  const payload = token.split('.')[1]
  if (!payload) return null
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'))
    const { iat, exp } = JSON.parse(json) as { iat?: unknown; exp?: unknown }
    if (typeof iat !== 'number' || typeof exp !== 'number' || exp <= iat) return null
    return (exp - iat) * 1000
  } catch {
    return null
  }
}

function defaultStorage(): KeyValueStore | null {
  try {
    return globalThis.localStorage ?? null
  } catch {
    return null // storage disabled by the browser
  }
}

function memoryStorage(): KeyValueStore {
  const values = new Map<string, string>()
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
  }
}

function defaultLock(): LockRunner {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks
  // Web Locks exist in secure contexts (https, localhost); elsewhere the
  // in-tab single flight still holds, and the README says so.
  if (locks) return (name, task) => locks.request(name, task) as unknown as ReturnType<typeof task>
  return (_name, task) => task()
}

// How long a refused refresh waits for another tab's newer tokens to arrive.
const LAGGING_TAB_WAIT_MS = 1_000
const LAGGING_TAB_POLL_MS = 50

export function createTokenManager(options: TokenManagerOptions): TokenManager {
  const storage = (options.storage === undefined ? defaultStorage() : options.storage) ?? memoryStorage()
  const lock = options.lock ?? defaultLock()
  const channel = options.channel ?? null
  const now = options.now ?? (() => Date.now())

  let access: HeldToken | null = null
  let inFlight: Promise<string | null> | null = null

  function hold(token: string, refreshAt?: number): HeldToken {
    if (refreshAt === undefined) {
      // Measured on the local clock from now, so a skewed clock does not matter.
      const lifetime = tokenLifetimeMs(token) ?? 0
      refreshAt = now() + lifetime - Math.min(lifetime * REFRESH_MARGIN_SHARE, MAX_REFRESH_MARGIN_MS)
    }
    access = { token, refreshAt }
    return access
  }

  channel?.subscribe((message) => {
    if (message.type === 'access') hold(message.token, message.refreshAt)
  })

  /** The held access token while it is not yet due for a refresh. */
  function freshToken(): string | null {
    return access !== null && now() < access.refreshAt ? access.token : null
  }

  /** Polls for tokens newer than the refused ones, for at most LAGGING_TAB_WAIT_MS. */
  async function awaitNewerTokens(
    stale: string | null,
    refused: string,
  ): Promise<{ access: string | null; refresh: string | null }> {
    for (let waited = 0; waited <= LAGGING_TAB_WAIT_MS; waited += LAGGING_TAB_POLL_MS) {
      const fresh = freshToken()
      if (fresh !== null && fresh !== stale) return { access: fresh, refresh: null }
      const stored = storage.getItem(REFRESH_TOKEN_KEY)
      if (stored !== null && stored !== refused) return { access: null, refresh: stored }
      if (stored === null) break // logged out in another tab
      await new Promise((done) => setTimeout(done, LAGGING_TAB_POLL_MS))
    }
    return { access: null, refresh: null }
  }

  /** One refresh for this tab's callers, and one at a time across tabs. */
  function refreshOnce(stale: string | null): Promise<string | null> {
    inFlight ??= lock(LOCK_NAME, async () => {
      // Another tab may have refreshed while this one waited for the lock.
      const fresh = freshToken()
      if (fresh !== null && fresh !== stale) return fresh
      // Always the stored token: another tab may have rotated it a moment ago.
      const refreshToken = storage.getItem(REFRESH_TOKEN_KEY)
      if (refreshToken === null) {
        access = null
        return null
      }
      let result = await options.refresh(refreshToken)
      if (result === REFRESH_REFUSED) {
        // This tab's view of localStorage may lag behind another tab that
        // rotated the token a moment ago (the server refuses, without ending
        // the session, a token retired seconds ago): wait briefly for the
        // newer access token (channel) or refresh token (storage).
        const newer = await awaitNewerTokens(stale, refreshToken)
        if (newer.access !== null) return newer.access
        result = newer.refresh === null ? REFRESH_REFUSED : await options.refresh(newer.refresh)
      }
      if (result === REFRESH_REFUSED) {
        if (storage.getItem(REFRESH_TOKEN_KEY) === refreshToken) storage.removeItem(REFRESH_TOKEN_KEY)
        access = null
        return null
      }
      storage.setItem(REFRESH_TOKEN_KEY, result.refresh)
      const held = hold(result.access)
      channel?.post({ type: 'access', token: held.token, refreshAt: held.refreshAt })
      return held.token
    }).finally(() => {
      inFlight = null
    })
    return inFlight
  }

  const manager: TokenManager = {
    sessionToken: null,
    accessToken() {
      const fresh = freshToken()
      if (fresh !== null) return Promise.resolve(fresh)
      if (storage.getItem(REFRESH_TOKEN_KEY) === null) {
        access = null
        return Promise.resolve(null)
      }
      return refreshOnce(access?.token ?? null)
    },
    renewAfterRejection(rejected) {
      const fresh = freshToken()
      if (fresh !== null && fresh !== rejected) return Promise.resolve(fresh)
      return refreshOnce(rejected)
    },
    setTokens(pair) {
      storage.setItem(REFRESH_TOKEN_KEY, pair.refresh)
      const held = hold(pair.access)
      manager.sessionToken = null
      // The other tabs get the access token now, before the session tells them
      // of the login (channel messages arrive in order): another tab's view of
      // localStorage may lag behind this write, and without a token it would
      // ask the server anonymously and miss the login.
      channel?.post({ type: 'access', token: held.token, refreshAt: held.refreshAt })
    },
    clear() {
      storage.removeItem(REFRESH_TOKEN_KEY)
      manager.forget()
    },
    forget() {
      access = null
      manager.sessionToken = null
    },
    hasRefreshToken() {
      return storage.getItem(REFRESH_TOKEN_KEY) !== null
    },
  }
  return manager
}
