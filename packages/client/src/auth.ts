import type { ApiClient } from './client'
import { ApiError } from './errors'
import { authStateOf, type AuthState } from './flows'
import type { components } from './generated/allauth'
import { createAllauthApi } from './requests'
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
  const api = createAllauthApi(client)

  async function getAuthState(): Promise<AuthState> {
    return authStateOf(() => api.get('/api/auth/{client}/v1/auth/session'))
  }

  async function getSession(): Promise<AuthUser | null> {
    const state = await getAuthState()
    return state.kind === 'authenticated' ? state.user : null
  }

  async function authenticate(request: () => Promise<AuthenticatedResponse>): Promise<AuthState> {
    try {
      return await authStateOf(request)
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
      const body: LoginBody = { email: credentials.email, password: credentials.password }
      return authenticate(() => api.post('/api/auth/{client}/v1/auth/login', { body }))
    },
    signup(credentials: Credentials): Promise<AuthState> {
      const body: SignupBody = { email: credentials.email, password: credentials.password }
      return authenticate(() => api.post('/api/auth/{client}/v1/auth/signup', { body }))
    },
    async logout(): Promise<void> {
      try {
        // Token mode: ending the session revokes the refresh token on the server.
        await api.delete('/api/auth/{client}/v1/auth/session', { renewOnUnauthorized: false })
      } catch (error) {
        // allauth confirms a logout with 401 "you are now anonymous" (410 when already gone).
        if (error instanceof ApiError && (error.status === 401 || error.status === 410)) return
        throw error
      } finally {
        client.tokens?.clear()
      }
    },
    async changePassword(change: PasswordChange): Promise<void> {
      await api.post('/api/auth/{client}/v1/account/password/change', { body: change })
    },

    // --- Email verification -------------------------------------------------
    /** Which address a verification key is for (does not verify). */
    async inspectVerificationKey(key: string): Promise<{ email: string }> {
      const response = await api.get('/api/auth/{client}/v1/auth/email/verify', {
        headers: { 'X-Email-Verification-Key': key },
      })
      return { email: response.data.email }
    },
    /** Verifies; signs in when this browser is the one that signed up. */
    verifyEmail(key: string): Promise<AuthState> {
      return authStateOf(() => api.post('/api/auth/{client}/v1/auth/email/verify', { body: { key } }))
    },

    // --- Password reset ---------------------------------------------------
    async requestPasswordReset(email: string): Promise<void> {
      await api.post('/api/auth/{client}/v1/auth/password/request', { body: { email } })
    },
    async inspectResetKey(key: string): Promise<{ email: string }> {
      const response = await api.get('/api/auth/{client}/v1/auth/password/reset', {
        headers: { 'X-Password-Reset-Key': key },
      })
      // The spec makes `user` optional; an empty address just leaves the page's greeting out.
      const user = response.data.user
      return { email: user?.email ?? user?.display ?? '' }
    },
    resetPassword(key: string, password: string): Promise<AuthState> {
      return authStateOf(() => api.post('/api/auth/{client}/v1/auth/password/reset', { body: { key, password } }))
    },

    // --- Email addresses (change email) -------------------------------------
    async listEmails(): Promise<EmailAddress[]> {
      const response = await api.get('/api/auth/{client}/v1/account/email')
      return response.data
    },
    async addEmail(email: string): Promise<EmailAddress[]> {
      const response = await api.post('/api/auth/{client}/v1/account/email', { body: { email } })
      return response.data
    },
    async resendEmailVerification(email: string): Promise<void> {
      await api.put('/api/auth/{client}/v1/account/email', { body: { email } })
    },
    async removeEmail(email: string): Promise<EmailAddress[]> {
      const response = await api.delete('/api/auth/{client}/v1/account/email', { body: { email } })
      return response.data
    },

    // --- Reauthentication ---------------------------------------------------
    async reauthenticate(password: string): Promise<void> {
      await api.post('/api/auth/{client}/v1/auth/reauthenticate', { body: { password } })
    },
  }
}

export type EmailAddress = components['schemas']['EmailAddress']

export type AuthApi = ReturnType<typeof createAuthApi>

