// Runs after 01.tandem.ts (plugins run in file-name order), whose client it uses.
import type { SessionEvent } from '@tandem/client'
import type { RouteLocationNormalizedLoaded } from 'vue-router'
import type { NuxtApp } from '#app'
import { LOGGED_OUT_ELSEWHERE, SESSION_ENDED } from '../../lib/session-loss'
import { safeNext } from '../../lib/safe-next'

/**
 * The browser follows session changes made elsewhere, as the SPAs do:
 * - a request found the session gone (expired, ended from another device):
 *   to the login page, saying so and remembering the page;
 * - logged out in another tab: to the login page, saying so;
 * - logged in in another tab: this tab is signed in, and a tab waiting on the
 *   login or signup page goes on to where it was going.
 * What the user does here (log out, delete the account) navigates from the page.
 */
export default defineNuxtPlugin((nuxtApp) => {
  const router = useRouter()
  nuxtApp.$tandem.session.subscribe((event) => {
    void nuxtApp.runWithContext(() => follow(event, router.currentRoute.value, nuxtApp))
  })
})

async function follow(event: SessionEvent, current: RouteLocationNormalizedLoaded, nuxtApp: NuxtApp): Promise<void> {
  if (event.type === 'signed-in' && event.elsewhere) {
    const auth = useAuth()
    await loadAuth()
    if (current.meta.guestOnly && auth.value.status === 'authenticated') {
      // After an await: the app's context is set again for navigateTo.
      await nuxtApp.runWithContext(() => navigateTo(safeNext(current.query.next), { replace: true }))
    }
  } else if (event.type === 'lost') {
    setSignedOut()
    await navigateTo({ path: '/login', query: { next: current.fullPath, reason: SESSION_ENDED } }, { replace: true })
  } else if (event.type === 'signed-out' && event.elsewhere) {
    setSignedOut()
    await navigateTo({ path: '/login', query: { reason: LOGGED_OUT_ELSEWHERE } }, { replace: true })
  }
}
