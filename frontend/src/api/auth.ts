import type { ApiClient } from './client'
import { ApiError } from './errors'
import type { components } from './generated/allauth'
import type { AuthenticatedResponse, AuthUser, UnauthenticatedResponse } from './types'

/** allauth headless, "browser" client: HttpOnly session cookie + CSRF header. */
export const AUTH_BASE = '/api/auth/browser/v1'

type LoginBody = components['schemas']['Login']
type SignupBody = components['schemas']['Signup'] & { password: string }

export interface Credentials {
  email: string
  password: string
}

export interface PasswordChange {
  current_password: string
  new_password: string
}

function pendingFlow(error: ApiError): string | null {
  const flows = (error.body as Partial<UnauthenticatedResponse> | null)?.data?.flows
  return flows?.find((flow) => flow.is_pending)?.id ?? null
}

/**
 * A 401 from login/signup that carries a pending flow is not a wrong
 * password: the account needs another step (e.g. email verification).
 */
function explainPending(error: unknown): never {
  if (error instanceof ApiError && error.status === 401) {
    const flow = pendingFlow(error)
    if (flow === 'verify_email') {
      throw new ApiError(401, [
        { code: 'email_verification_pending', message: 'Check your inbox to verify your email address, then log in.' },
      ], error.body)
    }
    if (flow !== null) {
      throw new ApiError(401, [
        { code: 'flow_pending', message: 'Another step is needed to finish signing in.' },
      ], error.body)
    }
  }
  throw error
}

export function createAuthApi(client: ApiClient) {
  const path = (suffix: string) => `${AUTH_BASE}${suffix}`

  async function getSession(): Promise<AuthUser | null> {
    try {
      const response = await client.get<AuthenticatedResponse>(path('/auth/session'))
      return response.data.user
    } catch (error) {
      // allauth answers 401 for "nobody is logged in": anonymous, not a failure.
      if (error instanceof ApiError && error.status === 401) return null
      throw error
    }
  }

  async function authenticate(suffix: string, body: LoginBody | SignupBody): Promise<AuthUser> {
    try {
      const response = await client.post<AuthenticatedResponse>(path(suffix), body)
      return response.data.user
    } catch (error) {
      // 409: a session already exists (e.g. another tab logged in); adopt it.
      if (error instanceof ApiError && error.status === 409) {
        const user = await getSession()
        if (user) return user
      }
      return explainPending(error)
    }
  }

  return {
    getSession,
    login(credentials: Credentials): Promise<AuthUser> {
      return authenticate('/auth/login', { email: credentials.email, password: credentials.password })
    },
    signup(credentials: Credentials): Promise<AuthUser> {
      return authenticate('/auth/signup', { email: credentials.email, password: credentials.password })
    },
    async logout(): Promise<void> {
      try {
        await client.delete(path('/auth/session'))
      } catch (error) {
        // allauth confirms a logout with 401 "you are now anonymous".
        if (error instanceof ApiError && error.status === 401) return
        throw error
      }
    },
    async changePassword(change: PasswordChange): Promise<void> {
      await client.post(path('/account/password/change'), change)
    },
  }
}

export type AuthApi = ReturnType<typeof createAuthApi>
