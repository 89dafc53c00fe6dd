// The session lifecycle, in one place: who is signed in, and everything that
// must happen when that changes, whatever the framework on top.
//
//   signed in    a login, signup, email verification or second factor
//                completed: CSRF token dropped (Django rotates it), other
//                tabs told.
//   signed out   this tab logged out, deleted the account or reset the
//                password: CSRF token and tokens dropped, other tabs told.
//   lost         a request found the session gone (expired, ended from
//                another device, refresh token refused): same local cleanup.
//
// Apps subscribe to the events to clear their own per-user state and to
// navigate; they never reset the CSRF token, forget tokens or message other
// tabs themselves.
import { createAuthApi, type AuthApi, type Credentials, type PasswordChange } from './auth'
import type { ApiClient } from './client'
import type { AuthFlow, AuthState } from './flows'
import type { AuthUser } from './types'

export type SessionEvent =
  /** A login completed here, or in another tab (`elsewhere`). */
  | { type: 'signed-in'; elsewhere: boolean }
  /** This tab signed out (logout, account deleted, password reset), or another tab logged out (`elsewhere`). */
  | { type: 'signed-out'; elsewhere: boolean }
  /** A request found the session gone: expired, ended from another device, token refused. */
  | { type: 'lost' }
  /** Anything else about the state changed (a pending step, the user's details). */
  | { type: 'changed' }

export type SessionListener = (event: SessionEvent) => void

export interface Session {
  /** allauth's endpoints, for the steps the session does not wrap (reset keys, emails, re-authentication). */
  readonly auth: AuthApi
  /** The last known state; null until the server has been asked once (see `restore`). */
  readonly state: AuthState | null
  /** The signed-in user, or null. */
  readonly user: AuthUser | null
  /** The login step still to do (`verify_email`, `mfa_authenticate`), or null. */
  readonly pendingFlow: AuthFlow | null
  /**
   * Asks the server who is signed in, once per page load: every caller awaits
   * the same request. If the server cannot answer, the visitor starts signed
   * out (pages that load data show the real error).
   */
  restore(): Promise<void>
  /** Asks again (after a change that may have ended or altered the session). */
  refresh(): Promise<AuthState>
  login(credentials: Credentials): Promise<AuthState>
  signup(credentials: Credentials): Promise<AuthState>
  /** Verifies an emailed key; signs in when this browser is the one that signed up. */
  verifyEmail(key: string): Promise<AuthState>
  /** Takes in the answer of a step that may complete a login (second factor, passkey, password reset). */
  completeStep(state: AuthState): AuthState
  /** Changes the password; the session may be re-issued, so its CSRF token is dropped. */
  changePassword(change: PasswordChange): Promise<void>
  /**
   * Logs out on the server (which revokes the session or the tokens), then
   * signs out here and in the other tabs. Throws, signed in still, when the
   * server could not be told: the session may be alive.
   */
  logout(): Promise<void>
  /**
   * Signs out here and in the other tabs when the server already ended the
   * session (account deleted, password reset, a login abandoned).
   */
  end(): void
  /** Calls `listener` on every event; returns the unsubscribe. */
  subscribe(listener: SessionListener): () => void
}

export interface SessionOptions {
  /**
   * The state the server already asked for this page (server-side rendering
   * hands it to the browser): the session starts in it, `restore()` asks
   * nothing, and tab messages and session loss apply from the first moment.
   */
  initialState?: AuthState | null
}

export function createSession(
  client: ApiClient,
  auth: AuthApi = createAuthApi(client),
  options: SessionOptions = {},
): Session {
  let state: AuthState | null = options.initialState ?? null
  let restoring: Promise<void> | null = state ? Promise.resolve() : null
  const listeners = new Set<SessionListener>()

  function emit(event: SessionEvent): void {
    for (const listener of [...listeners]) listener(event)
  }

  function isSignedIn(): boolean {
    return state?.kind === 'authenticated'
  }

  /**
   * Takes in the server's answer. `here`: a step of this tab completed a login
   * (tell the other tabs); `elsewhere`: another tab's did; `quiet`: the server
   * was only asked (page load, re-check).
   */
  function apply(next: AuthState, source: 'here' | 'elsewhere' | 'quiet'): AuthState {
    const completesLogin = next.kind === 'authenticated' && !isSignedIn() && source !== 'quiet'
    state = next
    restoring = Promise.resolve()
    if (completesLogin) {
      if (source === 'here') client.tabs?.post({ type: 'signed-in' })
      emit({ type: 'signed-in', elsewhere: source === 'elsewhere' })
    } else {
      emit({ type: 'changed' })
    }
    return next
  }

  /** Forgets the user in this tab: nothing of theirs may reach whoever uses it next. */
  function forget(): void {
    client.resetCsrfToken()
    client.tokens?.forget()
    state = { kind: 'anonymous', flows: [] }
    restoring = Promise.resolve()
  }

  function signOutHere(): void {
    client.tokens?.clear()
    forget()
    client.tabs?.post({ type: 'signed-out' })
    emit({ type: 'signed-out', elsewhere: false })
  }

  /** After a step that changed the session, Django has rotated the CSRF token. */
  async function step(run: () => Promise<AuthState>): Promise<AuthState> {
    const next = await run()
    client.resetCsrfToken()
    return apply(next, 'here')
  }

  client.setUnauthenticatedHandler(() => {
    if (!isSignedIn()) return
    forget()
    emit({ type: 'lost' })
  })

  client.tabs?.subscribe((message) => {
    if (message.type === 'signed-out') {
      if (state === null || state.kind === 'anonymous') return
      forget()
      emit({ type: 'signed-out', elsewhere: true })
    } else if (message.type === 'signed-in') {
      if (isSignedIn()) return
      // A new session exists now (the cookie, or the shared refresh token): ask who it is.
      client.resetCsrfToken()
      auth.getAuthState().then(
        (next) => apply(next, 'elsewhere'),
        () => undefined, // the next request will tell
      )
    }
  })

  const session: Session = {
    auth,
    get state() {
      return state
    },
    get user() {
      return state?.kind === 'authenticated' ? state.user : null
    },
    get pendingFlow() {
      return state?.kind === 'pending' ? state.flow : null
    },
    restore() {
      restoring ??= auth.getAuthState().then(
        (next) => {
          apply(next, 'quiet')
        },
        (error: unknown) => {
          console.warn('Could not restore the session', error)
          state = { kind: 'anonymous', flows: [] }
          emit({ type: 'changed' })
        },
      )
      return restoring
    },
    async refresh() {
      return apply(await auth.getAuthState(), 'quiet')
    },
    login: (credentials) => step(() => auth.login(credentials)),
    signup: (credentials) => step(() => auth.signup(credentials)),
    async verifyEmail(key) {
      const next = await auth.verifyEmail(key)
      client.resetCsrfToken()
      // Verified from another browser than the one that signed up: nothing changes here.
      if (next.kind !== 'authenticated' && isSignedIn()) return next
      return apply(next, 'here')
    },
    completeStep(next) {
      client.resetCsrfToken()
      return apply(next, 'here')
    },
    async changePassword(change) {
      await auth.changePassword(change)
      client.resetCsrfToken()
      await session.refresh()
    },
    async logout() {
      try {
        await auth.logout()
      } finally {
        client.resetCsrfToken()
      }
      signOutHere()
    },
    end: signOutHere,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
  return session
}
