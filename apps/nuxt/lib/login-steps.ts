import { pendingStep, type AuthState } from '@tandem/client'

/**
 * The page for the login step the server says is still due (@tandem/client's
 * FLOW_STEPS), keeping `next`; null when signed in or when the step has no
 * page. The same routes as the Vue SPA's `routeForStep`.
 */
export function pathForStep(state: AuthState, next: string): { path: string; query: Record<string, string> } | null {
  const query: Record<string, string> = next ? { next } : {}
  switch (pendingStep(state)) {
    // Signed up but not verified yet: the app stays closed until the emailed link is opened.
    case 'verify-email':
      return { path: '/account/verify-email', query: {} }
    // Password given (or a passkey offered), second factor still due.
    case 'second-factor':
      return { path: '/login/verify', query }
    default:
      return null
  }
}
