import type { ApiClient } from './client'
import { ApiError } from './errors'
import { authStateOf, type AuthState } from './flows'
import { authBase } from './paths'
import type { AuthenticatedResponse } from './types'
import { createCredential, getCredential, PasskeyCancelled } from './webauthn'

type Json = Record<string, unknown>

/** One of the user's authenticators (allauth.mfa). Times are Unix seconds. */
export interface Authenticator {
  type: 'totp' | 'recovery_codes' | 'webauthn'
  created_at: number
  last_used_at: number | null
  /** recovery_codes */
  total_code_count?: number
  unused_code_count?: number
  unused_codes?: string[]
  /** webauthn */
  id?: number
  name?: string
  is_passwordless?: boolean
}

export interface TotpSetup {
  secret: string
  totp_url: string
}

export function createMfaApi(client: ApiClient) {
  const path = (suffix: string) => `${authBase(client)}${suffix}`

  function passkeyError(error: unknown): never {
    if (error instanceof PasskeyCancelled) {
      throw new ApiError(400, [{ code: 'passkey_cancelled', message: error.message }])
    }
    throw error
  }

  return {
    async listAuthenticators(): Promise<Authenticator[]> {
      return (await client.get<{ data: Authenticator[] }>(path('/account/authenticators'))).data
    },

    // --- TOTP -------------------------------------------------------------
    /** The active TOTP authenticator, or a fresh secret to set one up. */
    async getTotp(): Promise<{ active: Authenticator } | { setup: TotpSetup }> {
      try {
        return { active: (await client.get<{ data: Authenticator }>(path('/account/authenticators/totp'))).data }
      } catch (error) {
        const meta = (error instanceof ApiError && error.status === 404 ? (error.body as { meta?: TotpSetup }) : null)?.meta
        if (meta?.secret) return { setup: { secret: meta.secret, totp_url: meta.totp_url } }
        throw error
      }
    },
    async activateTotp(code: string): Promise<Authenticator> {
      return (await client.post<{ data: Authenticator }>(path('/account/authenticators/totp'), { code })).data
    },
    async deactivateTotp(): Promise<void> {
      await client.delete(path('/account/authenticators/totp'))
    },

    // --- Recovery codes ---------------------------------------------------
    async getRecoveryCodes(): Promise<Authenticator | null> {
      try {
        return (await client.get<{ data: Authenticator }>(path('/account/authenticators/recovery-codes'))).data
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null
        throw error
      }
    },
    async regenerateRecoveryCodes(): Promise<Authenticator> {
      return (await client.post<{ data: Authenticator }>(path('/account/authenticators/recovery-codes'), {})).data
    },

    // --- Login and re-authentication with a second factor -----------------
    /** The second step of a login: a TOTP or recovery code. */
    authenticate(code: string): Promise<AuthState> {
      return authStateOf(() => client.post<AuthenticatedResponse>(path('/auth/2fa/authenticate'), { code }))
    },
    async reauthenticate(code: string): Promise<void> {
      await client.post(path('/auth/2fa/reauthenticate'), { code })
    },

    // --- Passkeys ---------------------------------------------------------
    async addPasskey(name: string, passwordless = true): Promise<{ authenticator: Authenticator; recoveryCodesGenerated: boolean }> {
      const begin = await client.get<{ data: { creation_options: Json } }>(path('/account/authenticators/webauthn'), {
        query: passwordless ? { passwordless: 'true' } : {},
      })
      let credential: Json
      try {
        credential = await createCredential(begin.data.creation_options)
      } catch (error) {
        return passkeyError(error)
      }
      const response = await client.post<{ data: Authenticator; meta?: { recovery_codes_generated?: boolean } }>(
        path('/account/authenticators/webauthn'),
        { name, credential },
      )
      return { authenticator: response.data, recoveryCodesGenerated: Boolean(response.meta?.recovery_codes_generated) }
    },
    async removePasskeys(ids: number[]): Promise<void> {
      await client.delete(path('/account/authenticators/webauthn'), { body: { authenticators: ids } })
    },
    /** Passwordless login with a passkey (discoverable credential). */
    async loginWithPasskey(): Promise<AuthState> {
      const begin = await client.get<{ data: { request_options: Json } }>(path('/auth/webauthn/login'))
      let credential: Json
      try {
        credential = await getCredential(begin.data.request_options)
      } catch (error) {
        return passkeyError(error)
      }
      return authStateOf(() => client.post<AuthenticatedResponse>(path('/auth/webauthn/login'), { credential }))
    },
    /** The second step of a login, with a passkey. */
    async authenticateWithPasskey(): Promise<AuthState> {
      const begin = await client.get<{ data: { request_options: Json } }>(path('/auth/webauthn/authenticate'))
      let credential: Json
      try {
        credential = await getCredential(begin.data.request_options)
      } catch (error) {
        return passkeyError(error)
      }
      return authStateOf(() => client.post<AuthenticatedResponse>(path('/auth/webauthn/authenticate'), { credential }))
    },
    async reauthenticateWithPasskey(): Promise<void> {
      const begin = await client.get<{ data: { request_options: Json } }>(path('/auth/webauthn/reauthenticate'))
      let credential: Json
      try {
        credential = await getCredential(begin.data.request_options)
      } catch (error) {
        return passkeyError(error)
      }
      await client.post(path('/auth/webauthn/reauthenticate'), { credential })
    },
  }
}

export type MfaApi = ReturnType<typeof createMfaApi>
