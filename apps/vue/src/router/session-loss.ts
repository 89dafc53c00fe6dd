import type { Router } from 'vue-router'
import { apiClient } from '@/services/api'
import { onAuthEvent } from '@/services/tabSync'
import { useAuthStore } from '@/stores/auth'
import { clearClientState } from '@/stores/session'
import { resolveNext } from '.'

/** `?reason=` values the login page explains. */
export const SESSION_ENDED = 'session-ended'
export const LOGGED_OUT_ELSEWHERE = 'logged-out-elsewhere'

/**
 * When any request finds the session gone (ended from another device, expired,
 * password reset elsewhere, refresh token refused), forget this user and go to
 * login, remembering the page.
 */
export function installSessionLossHandler(router: Router): void {
  apiClient.setUnauthenticatedHandler(() => {
    const auth = useAuthStore()
    if (!auth.isAuthenticated) return
    const next = router.currentRoute.value.fullPath
    clearClientState()
    void router.replace({ name: 'login', query: { next, reason: SESSION_ENDED } })
  })
}

/** Follows logins and logouts made in the app's other tabs. */
export function installTabSync(router: Router): void {
  onAuthEvent(async (event) => {
    const auth = useAuthStore()
    if (event.type === 'logged-out') {
      if (!auth.isAuthenticated && !auth.pendingFlow) return
      clearClientState()
      await router.replace({ name: 'login', query: { reason: LOGGED_OUT_ELSEWHERE } })
      return
    }
    if (auth.isAuthenticated) return
    await auth.refresh().catch(() => undefined)
    const route = router.currentRoute.value
    if (auth.isAuthenticated && route.meta.guestOnly) await router.replace(resolveNext(router, route.query.next))
  })
}
