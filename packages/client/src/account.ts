import type { ApiClient } from './client'
import { authBase } from './paths'

/** Tandem's own account endpoints (allauth has no headless API for these). */
export interface Profile {
  email: string
  name: string
}

/** One signed-in session of the user (allauth.usersessions). Times are Unix seconds. */
export interface UserSession {
  id: number
  user_agent: string
  ip: string
  created_at: number
  last_seen_at?: number
  is_current: boolean
}

export function createAccountApi(client: ApiClient) {
  return {
    async getProfile(): Promise<Profile> {
      return client.get<Profile>('/api/account/profile/')
    },
    async updateProfile(changes: Pick<Profile, 'name'>): Promise<Profile> {
      return client.patch<Profile>('/api/account/profile/', changes)
    },
    /** Needs a recent re-authentication (401 with `reauthenticate` flows otherwise). */
    async deleteAccount(): Promise<void> {
      await client.delete('/api/account/')
      // Token mode: the account's tokens died with it.
      client.tokens?.clear()
    },
    async listSessions(): Promise<UserSession[]> {
      return (await client.get<{ data: UserSession[] }>(`${authBase(client)}/auth/sessions`)).data
    },
    /** Ends the given sessions; resolves with the sessions left. */
    async endSessions(ids: number[]): Promise<UserSession[]> {
      return (await client.delete<{ data: UserSession[] }>(`${authBase(client)}/auth/sessions`, { body: { sessions: ids } })).data
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
