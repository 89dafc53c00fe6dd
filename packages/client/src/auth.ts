import type { ApiClient } from './client'
import { ApiError } from './errors'
import { authStateOf, type AuthState } from './flows'
import type { components } from './generated/allauth'
import { authBase } from './paths'
import type { AuthenticatedResponse, AuthUser } from './types'

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

export function createAuthApi(client: ApiClient) {
  const path = (suffix: string) => `${authBase(client)}${suffix}`

  async function getAuthState(): Promise<AuthState> {
    return authStateOf(() => client.get<AuthenticatedResponse>(path('/auth/session')))
  }

  async function getSession(): Promise<AuthUser | null> {
    const state = await getAuthState()
    return state.kind === 'authenticated' ? state.user : null
  }

  async function authenticate(suffix: string, body: LoginBody | SignupBody): Promise<AuthState> {
    try {
      return await authStateOf(() => client.post<AuthenticatedResponse>(path(suffix), body))
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
      return authStateOf(() => client.post<AuthenticatedResponse>(path('/auth/email/verify'), { key }))
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
      return authStateOf(() => client.post<AuthenticatedResponse>(path('/auth/password/reset'), { key, password }))
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

