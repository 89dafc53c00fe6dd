import type { ApiClient } from './client'
import { ApiError } from './errors'
import { authStateOf, type AuthState } from './flows'
import type { components } from './generated/allauth'
import { createAllauthApi } from './requests'
import { createCredential, getCredential, PasskeyCancelled, type WebAuthnCredential } from './webauthn'

type Schemas = components['schemas']

/** One of the user's authenticators (allauth.mfa). Times are Unix seconds. */
export type Authenticator = Schemas['AuthenticatorList'][number]
export type TotpAuthenticator = Schemas['TOTPAuthenticator']
export type PasskeyAuthenticator = Schemas['WebAuthnAuthenticator']
/** Recovery codes as the owner sees them: with the unused codes. */
export type RecoveryCodes = Schemas['SensitiveRecoveryCodesAuthenticator']

/** A fresh TOTP secret, offered while no TOTP authenticator is active. */
export type TotpSetup = components['responses']['TOTPAuthenticatorNotFound']['content']['application/json']['meta']

export function createMfaApi(client: ApiClient) {
  const api = createAllauthApi(client)

  function passkeyError(error: unknown): never {
    if (error instanceof PasskeyCancelled) {
      throw new ApiError(400, [{ code: 'passkey_cancelled', message: error.message }])
    }
    throw error
  }

  return {
    async listAuthenticators(): Promise<Authenticator[]> {
      return (await api.get('/api/auth/{client}/v1/account/authenticators')).data
    },

    // --- TOTP -------------------------------------------------------------
    /** The active TOTP authenticator, or a fresh secret to set one up. */
    async getTotp(): Promise<{ active: TotpAuthenticator } | { setup: TotpSetup }> {
      try {
        return { active: (await api.get('/api/auth/{client}/v1/account/authenticators/totp')).data }
      } catch (error) {
        const meta = (error instanceof ApiError && error.status === 404 ? (error.body as { meta?: TotpSetup }) : null)?.meta
        if (meta?.secret) return { setup: { secret: meta.secret, totp_url: meta.totp_url } }
        throw error
      }
    },
    async activateTotp(code: string): Promise<TotpAuthenticator> {
      return (await api.post('/api/auth/{client}/v1/account/authenticators/totp', { body: { code } })).data
    },
    async deactivateTotp(): Promise<void> {
      await api.delete('/api/auth/{client}/v1/account/authenticators/totp')
    },

    // --- Recovery codes ---------------------------------------------------
    async getRecoveryCodes(): Promise<RecoveryCodes | null> {
      try {
        return (await api.get('/api/auth/{client}/v1/account/authenticators/recovery-codes')).data
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null
        throw error
      }
    },
    async regenerateRecoveryCodes(): Promise<RecoveryCodes> {
      return (await api.post('/api/auth/{client}/v1/account/authenticators/recovery-codes')).data
    },

    // --- Login and re-authentication with a second factor -----------------
    /** The second step of a login: a TOTP or recovery code. */
    authenticate(code: string): Promise<AuthState> {
      return authStateOf(() => api.post('/api/auth/{client}/v1/auth/2fa/authenticate', { body: { code } }))
    },
    async reauthenticate(code: string): Promise<void> {
      await api.post('/api/auth/{client}/v1/auth/2fa/reauthenticate', { body: { code } })
    },

    // --- Passkeys ---------------------------------------------------------
    async addPasskey(name: string, passwordless = true): Promise<{ authenticator: PasskeyAuthenticator; recoveryCodesGenerated: boolean }> {
      const begin = await api.get('/api/auth/{client}/v1/account/authenticators/webauthn', {
        query: passwordless ? { passwordless: true } : {},
      })
      let credential: WebAuthnCredential
      try {
        credential = await createCredential(begin.data.creation_options)
      } catch (error) {
        return passkeyError(error)
      }
      const response = await api.post('/api/auth/{client}/v1/account/authenticators/webauthn', { body: { name, credential: credential } })
      return { authenticator: response.data, recoveryCodesGenerated: Boolean(response.meta?.recovery_codes_generated) }
    },
    async removePasskeys(ids: number[]): Promise<void> {
      await api.delete('/api/auth/{client}/v1/account/authenticators/webauthn', { body: { authenticators: ids } })
    },
    /** Passwordless login with a passkey (discoverable credential). */
    async loginWithPasskey(): Promise<AuthState> {
      const begin = await api.get('/api/auth/{client}/v1/auth/webauthn/login')
      let credential: WebAuthnCredential
      try {
        credential = await getCredential(begin.data.request_options)
      } catch (error) {
        return passkeyError(error)
      }
      return authStateOf(() => api.post('/api/auth/{client}/v1/auth/webauthn/login', { body: { credential: credential } }))
    },
    /** The second step of a login, with a passkey. */
    async authenticateWithPasskey(): Promise<AuthState> {
      const begin = await api.get('/api/auth/{client}/v1/auth/webauthn/authenticate')
      let credential: WebAuthnCredential
      try {
        credential = await getCredential(begin.data.request_options)
      } catch (error) {
        return passkeyError(error)
      }
      return authStateOf(() => api.post('/api/auth/{client}/v1/auth/webauthn/authenticate', { body: { credential: credential } }))
    },
    async reauthenticateWithPasskey(): Promise<void> {
      const begin = await api.get('/api/auth/{client}/v1/auth/webauthn/reauthenticate')
      let credential: WebAuthnCredential
      try {
        credential = await getCredential(begin.data.request_options)
      } catch (error) {
        return passkeyError(error)
      }
      await api.post('/api/auth/{client}/v1/auth/webauthn/reauthenticate', { body: { credential: credential } })
    },
  }
}

export type MfaApi = ReturnType<typeof createMfaApi>
