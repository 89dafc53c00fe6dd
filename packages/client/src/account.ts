import type { ApiClient } from './client'
import { createAllauthApi, createTandemApi } from './requests'
import type { ProfileChanges, Profile, UserSession } from './types'

export function createAccountApi(client: ApiClient) {
  const api = createTandemApi(client)
  const allauth = createAllauthApi(client)
  return {
    getProfile(): Promise<Profile> {
      return api.get('/api/account/profile/')
    },
    updateProfile(changes: ProfileChanges): Promise<Profile> {
      return api.patch('/api/account/profile/', { body: changes })
    },
    /** Needs a recent re-authentication (401 with `reauthenticate` flows otherwise). */
    async deleteAccount(): Promise<void> {
      await api.delete('/api/account/')
      // Token mode: the account's tokens died with it.
      client.tokens?.clear()
    },
    async listSessions(): Promise<UserSession[]> {
      return (await allauth.get('/api/auth/{client}/v1/auth/sessions')).data
    },
    /** Ends the given sessions; resolves with the sessions left. */
    async endSessions(ids: number[]): Promise<UserSession[]> {
      return (await allauth.delete('/api/auth/{client}/v1/auth/sessions', { body: { sessions: ids } })).data
    },
  }
}

export type AccountApi = ReturnType<typeof createAccountApi>

/** "Chrome on Linux" from a user agent string: enough to recognise a device. */
export function describeUserAgent(agent: string): string {
  const browser =
    /Edg\//.test(agent) ? 'Edge'
    : /OPR\//.test(agent) ? 'Opera'
    : /Firefox\//.test(agent) ? 'Firefox'
    : /Chrom(e|ium)\//.test(agent) ? 'Chrome'
    : /Safari\//.test(agent) ? 'Safari'
    : /curl|python|okhttp|PostmanRuntime/i.test(agent) ? 'Script'
    : 'Unknown browser'
  const os =
    /Windows/.test(agent) ? 'Windows'
    : /iPhone|iPad/.test(agent) ? 'iOS'
    : /Android/.test(agent) ? 'Android'
    : /Mac OS X|Macintosh/.test(agent) ? 'macOS'
    : /CrOS/.test(agent) ? 'ChromeOS'
    : /Linux/.test(agent) ? 'Linux'
    : ''
  return os ? `${browser} on ${os}` : browser
}
