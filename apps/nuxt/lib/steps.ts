import { pendingStep, type AuthState } from '@tandem/client'

/**
 * The page of a login step the server says is still due (@tandem/client's
 * FLOW_STEPS), keeping `next`; null when nothing is due or the step has no
 * page. The same table as the Vue SPA's `routeForStep`, as plain paths so the
 * server's form routes can redirect to them too.
 */
export function stepPath(state: AuthState | null | undefined, next?: string): string | null {
  switch (pendingStep(state)) {
    // Signed up (or logged in) but not verified yet: the app stays closed until the emailed link is opened.
    case 'verify-email':
      return '/account/verify-email'
    // Password given, second factor still due.
    case 'second-factor':
      return next ? `/login/verify?${new URLSearchParams({ next })}` : '/login/verify'
    default:
      return null
  }
}
