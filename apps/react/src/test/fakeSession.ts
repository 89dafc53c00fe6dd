import type { AuthFlow, AuthState, AuthUser, Session, SessionEvent, SessionListener } from '@tandem/client'

/** A Session whose state the test sets, emitting events like the real one. */
export function fakeSession() {
  const listeners = new Set<SessionListener>()
  let state: AuthState | null = null
  let user: AuthUser | null = null
  let pendingFlow: AuthFlow | null = null
  const session = {
    get state() {
      return state
    },
    get user() {
      return user
    },
    get pendingFlow() {
      return pendingFlow
    },
    subscribe(listener: SessionListener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  } as unknown as Session
  return {
    session,
    set(next: { state: AuthState | null; user?: AuthUser | null; pendingFlow?: AuthFlow | null }, event: SessionEvent = { type: 'changed' }) {
      state = next.state
      user = next.user ?? null
      pendingFlow = next.pendingFlow ?? null
      for (const listener of [...listeners]) listener(event)
    },
    emit(event: SessionEvent) {
      for (const listener of [...listeners]) listener(event)
    },
    listenerCount: () => listeners.size,
  }
}

export const ANN = { id: 7, email: 'ann@example.com', display: 'Ann' } as unknown as AuthUser
export const AUTHENTICATED = { kind: 'authenticated' } as unknown as AuthState
export const ANONYMOUS = { kind: 'anonymous' } as unknown as AuthState
