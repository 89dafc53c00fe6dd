import { ApiError, type AuthFlow, type AuthState, type AuthUser } from '@tandem/client'

/** unknown: not asked yet; unavailable: the API could not answer (outage). */
export type AuthStatus = 'unknown' | 'authenticated' | 'anonymous' | 'unavailable'

export interface AuthSnapshot {
  status: AuthStatus
  user: AuthUser | null
  /** A login step still due (verify the email, a second factor), as allauth's flow; absent when none. */
  pending?: AuthFlow | null
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
    auth.value = snapshotOf(await $tandem.session.auth.getAuthState())
  } catch (error) {
    if (!isUnavailable(error)) throw error
    auth.value = { status: 'unavailable', user: null }
  }
}

/** What the server said about the session, as the app keeps it. */
export function snapshotOf(state: AuthState): AuthSnapshot {
  return state.kind === 'authenticated'
    ? { status: 'authenticated', user: state.user }
    : { status: 'anonymous', user: null, pending: state.kind === 'pending' ? state.flow : null }
}

/** The session state the browser's session starts from (see plugins/01.tandem.ts). */
export function sessionStateOf(snapshot: AuthSnapshot): AuthState | null {
  if (snapshot.status === 'authenticated' && snapshot.user) return { kind: 'authenticated', user: snapshot.user }
  if (snapshot.status !== 'anonymous') return null
  return snapshot.pending ? { kind: 'pending', flow: snapshot.pending, flows: [snapshot.pending] } : { kind: 'anonymous', flows: [] }
}

export function setSignedOut(): void {
  useAuth().value = { status: 'anonymous', user: null }
  clearNuxtData()
}
