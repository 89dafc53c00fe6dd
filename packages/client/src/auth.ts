import type { ApiClient } from './client'
import { ApiError } from './errors'
import type { components } from './generated/allauth'
import type { AuthenticatedResponse, AuthUser, UnauthenticatedResponse } from './types'

/** allauth headless, "browser" client: HttpOnly session cookie + CSRF header. */
export const BROWSER_AUTH_BASE = '/api/auth/browser/v1'
/** allauth headless, "app" client: JWT access + rotating refresh tokens. */
export const APP_AUTH_BASE = '/api/auth/app/v1'

/** Where allauth's endpoints live for the client's auth mode. */
export function authBase(client: Pick<ApiClient, 'authMode'>): string {
  return client.authMode === 'token' ? APP_AUTH_BASE : BROWSER_AUTH_BASE
}

type LoginBody = components['schemas']['Login']
type SignupBody = components['schemas']['Signup'] & { password: string }

export interface Credentials {
  email: string
  password: string
}

export interface PasswordChange {
  current_password: string
  new_password: string
  /** Tandem's addition: end every other session of the user (default true). */
  end_other_sessions?: boolean
}

/** One of allauth's flows; `is_pending` marks the step the user is in. */
export interface AuthFlow {
  id: string
  is_pending?: boolean
  /** For `mfa_authenticate`: the kinds of second factor the user has. */
  types?: string[]
}

/**
 * Where the user stands. allauth answers 401 with `data.flows` both for
 * "nobody is signed in" and for "a step is missing" (verify the email, give
 * the second factor): those are states of the login, not errors.
 */
export type AuthState =
  | { kind: 'authenticated'; user: AuthUser }
  | { kind: 'pending'; flow: AuthFlow; flows: AuthFlow[] }
  | { kind: 'anonymous'; flows: AuthFlow[] }

interface FlowsBody {
  data?: { flows?: AuthFlow[]; user?: AuthUser }
  meta?: { is_authenticated?: boolean }
}

export function flowsOf(body: unknown): AuthFlow[] {
  const flows = (body as FlowsBody | null)?.data?.flows
  return Array.isArray(flows) ? flows : []
}

/** The auth state a 401 from allauth describes, or null when it is another error. */
export function stateFromError(error: unknown): AuthState | null {
  if (!(error instanceof ApiError) || error.status !== 401) return null
  const body = error.body as FlowsBody | null
  if (body?.meta?.is_authenticated) return null // a reauthentication request, not a login state
  const flows = flowsOf(body)
  const pending = flows.find((flow) => flow.is_pending)
  return pending ? { kind: 'pending', flow: pending, flows } : { kind: 'anonymous', flows }
}

/**
 * True when allauth refuses a sensitive action until the user proves again
 * who they are (401 while signed in, with `reauthenticate`/`mfa_reauthenticate` flows).
 */
export function isReauthenticationRequired(error: unknown): boolean {
  if (!(error instanceof ApiError) || error.status !== 401) return false
  const body = error.body as FlowsBody | null
  return body?.meta?.is_authenticated === true
}

export function reauthenticationFlows(error: unknown): AuthFlow[] {
  return error instanceof ApiError ? flowsOf(error.body) : []
}

export function createAuthApi(client: ApiClient) {
  const path = (suffix: string) => `${authBase(client)}${suffix}`

  /** Runs an allauth auth request and turns its answer (or its 401) into an AuthState. */
  async function authState(run: () => Promise<AuthenticatedResponse>): Promise<AuthState> {
    try {
      const response = await run()
      return { kind: 'authenticated', user: response.data.user }
    } catch (error) {
      const state = stateFromError(error)
      if (state) return state
      throw error
    }
  }

  async function getAuthState(): Promise<AuthState> {
    return authState(() => client.get<AuthenticatedResponse>(path('/auth/session')))
  }

  async function getSession(): Promise<AuthUser | null> {
    const state = await getAuthState()
    return state.kind === 'authenticated' ? state.user : null
  }

  async function authenticate(suffix: string, body: LoginBody | SignupBody): Promise<AuthState> {
    try {
      return await authState(() => client.post<AuthenticatedResponse>(path(suffix), body))
    } catch (error) {
      // 409: a session already exists (e.g. another tab logged in); adopt it.
      if (error instanceof ApiError && error.status === 409) {
        const state = await getAuthState()
        if (state.kind === 'authenticated') return state
      }
      throw error
    }
  }

  return {
    getSession,
    getAuthState,
    login(credentials: Credentials): Promise<AuthState> {
      return authenticate('/auth/login', { email: credentials.email, password: credentials.password })
    },
    signup(credentials: Credentials): Promise<AuthState> {
      return authenticate('/auth/signup', { email: credentials.email, password: credentials.password })
    },
    async logout(): Promise<void> {
      try {
        // Token mode: ending the session revokes the refresh token on the server.
        await client.delete(path('/auth/session'), { renewOnUnauthorized: false })
      } catch (error) {
        // allauth confirms a logout with 401 "you are now anonymous" (410 when already gone).
        if (error instanceof ApiError && (error.status === 401 || error.status === 410)) return
        throw error
      } finally {
        client.tokens?.clear()
      }
    },
    async changePassword(change: PasswordChange): Promise<void> {
      await client.post(path('/account/password/change'), change)
    },

    // --- Email verification -------------------------------------------------
    /** Which address a verification key is for (does not verify). */
    async inspectVerificationKey(key: string): Promise<{ email: string }> {
      const response = await client.get<{ data: { email: string } }>(path('/auth/email/verify'), {
        headers: { 'X-Email-Verification-Key': key },
      })
      return { email: response.data.email }
    },
    /** Verifies; signs in when this browser is the one that signed up. */
    verifyEmail(key: string): Promise<AuthState> {
      return authState(() => client.post<AuthenticatedResponse>(path('/auth/email/verify'), { key }))
    },

    // --- Password reset ---------------------------------------------------
    async requestPasswordReset(email: string): Promise<void> {
      await client.post(path('/auth/password/request'), { email })
    },
    async inspectResetKey(key: string): Promise<{ email: string }> {
      const response = await client.get<{ data: { user: AuthUser } }>(path('/auth/password/reset'), {
        headers: { 'X-Password-Reset-Key': key },
      })
      return { email: response.data.user.email ?? response.data.user.display }
    },
    resetPassword(key: string, password: string): Promise<AuthState> {
      return authState(() => client.post<AuthenticatedResponse>(path('/auth/password/reset'), { key, password }))
    },

    // --- Email addresses (change email) -------------------------------------
    async listEmails(): Promise<EmailAddress[]> {
      const response = await client.get<{ data: EmailAddress[] }>(path('/account/email'))
      return response.data
    },
    async addEmail(email: string): Promise<EmailAddress[]> {
      const response = await client.post<{ data: EmailAddress[] }>(path('/account/email'), { email })
      return response.data
    },
    async resendEmailVerification(email: string): Promise<void> {
      await client.put(path('/account/email'), { email })
    },
    async removeEmail(email: string): Promise<EmailAddress[]> {
      const response = await client.delete<{ data: EmailAddress[] }>(path('/account/email'), { body: { email } })
      return response.data
    },

    // --- Reauthentication ---------------------------------------------------
    async reauthenticate(password: string): Promise<void> {
      await client.post(path('/auth/reauthenticate'), { password })
    },
  }
}

export interface EmailAddress {
  email: string
  primary: boolean
  verified: boolean
}

export type AuthApi = ReturnType<typeof createAuthApi>

// Kept for callers of the earlier API: the unauthenticated payload type.
export type { UnauthenticatedResponse }
