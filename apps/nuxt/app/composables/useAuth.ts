import { ApiError, type AuthUser } from '@tandem/client'

/** unknown: not asked yet; unavailable: the API could not answer (outage). */
export type AuthStatus = 'unknown' | 'authenticated' | 'anonymous' | 'unavailable'

export interface AuthSnapshot {
  status: AuthStatus
  user: AuthUser | null
}

/** Who is signed in, asked on the server and handed to the browser in the payload. */
export function useAuth() {
  return useState<AuthSnapshot>('auth', () => ({ status: 'unknown', user: null }))
}

/** An answer that means "the API is down", not "you are not allowed". */
export function isUnavailable(error: unknown): boolean {
  return !(error instanceof ApiError) || error.status === 0 || error.status >= 500
}

export async function loadAuth(): Promise<void> {
  const auth = useAuth()
  const { $tandem } = useNuxtApp()
  try {
    const state = await $tandem.session.auth.getAuthState()
    auth.value = state.kind === 'authenticated' ? { status: 'authenticated', user: state.user } : { status: 'anonymous', user: null }
  } catch (error) {
    if (!isUnavailable(error)) throw error
    auth.value = { status: 'unavailable', user: null }
  }
}

export function setSignedOut(): void {
  useAuth().value = { status: 'anonymous', user: null }
  clearNuxtData()
}
