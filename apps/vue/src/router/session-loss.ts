import type { Router } from 'vue-router'
import type { Session } from '@tandem/client'
import { resolveNext } from '.'

/** `?reason=` values the login page explains. */
export const SESSION_ENDED = 'session-ended'
export const LOGGED_OUT_ELSEWHERE = 'logged-out-elsewhere'

/**
 * Where the app goes when the session changes outside the page's own doing:
 * - lost (ended from another device, expired, password reset elsewhere,
 *   refresh token refused): to login, remembering the page;
 * - logged out in another tab: to login, saying so;
 * - logged in in another tab: a tab on login or signup moves on.
 * What the user does here (log out, delete the account) navigates from the page.
 */
export function followSessionChanges(router: Router, session: Session): void {
  session.subscribe((event) => {
    const route = router.currentRoute.value
    if (event.type === 'lost') {
      void router.replace({ name: 'login', query: { next: route.fullPath, reason: SESSION_ENDED } })
    } else if (event.type === 'signed-out' && event.elsewhere) {
      void router.replace({ name: 'login', query: { reason: LOGGED_OUT_ELSEWHERE } })
    } else if (event.type === 'signed-in' && event.elsewhere && route.meta.guestOnly) {
      void router.replace(resolveNext(router, route.query.next))
    }
  })
}
