import { useSyncExternalStore } from 'react'
import { stepOf, type AuthFlow, type AuthStep, type AuthUser, type Session } from '@tandem/client'
import { session } from '@/services/api'

/** What the pages read of the session: one frozen object per change, for useSyncExternalStore. */
export interface AuthSnapshot {
  user: AuthUser | null
  /** A login step still to do (`verify_email`, `mfa_authenticate`), when the server says so. */
  pending: AuthFlow | null
  /** The login step the app must show (`verify-email`, `second-factor`), from @tandem/client's flow table. */
  pendingStep: AuthStep | null
  /** True once the session has been asked about at least once. */
  restored: boolean
  isAuthenticated: boolean
  email: string
  /** What the header shows: the profile's display name, else the email. */
  displayName: string
}

function read(source: Session): AuthSnapshot {
  const user = source.user
  const email = user?.email ?? user?.display ?? ''
  return Object.freeze({
    user,
    pending: source.pendingFlow,
    pendingStep: stepOf(source.pendingFlow),
    restored: source.state !== null,
    isAuthenticated: user !== null,
    email,
    displayName: user?.display || email,
  })
}

/**
 * React's view of a @tandem/client session: the lifecycle (CSRF, tokens,
 * other tabs) stays in the package; this keeps one snapshot per change so
 * useSyncExternalStore sees a stable value between events.
 */
export function createAuthStore(source: Session) {
  let snapshot = read(source)
  let state = source.state
  let user = source.user
  let flow = source.pendingFlow
  const getSnapshot = (): AuthSnapshot => {
    if (source.state !== state || source.user !== user || source.pendingFlow !== flow) {
      state = source.state
      user = source.user
      flow = source.pendingFlow
      snapshot = read(source)
    }
    return snapshot
  }
  const subscribe = (onChange: () => void): (() => void) => source.subscribe(() => onChange())
  return { getSnapshot, subscribe }
}

export const authStore = createAuthStore(session)

/** The address the last signup or login used: shown on the "check your inbox" page. */
export const pendingEmail = { value: '' }

export function useAuth(): AuthSnapshot {
  return useSyncExternalStore(authStore.subscribe, authStore.getSnapshot, authStore.getSnapshot)
}
