import { safeNext } from '../../lib/safe-next'
import { stepPath } from '../../lib/steps'

declare module '#app' {
  interface PageMeta {
    /** Only for a signed-in user: anyone else is sent to /login?next=… before anything private is fetched. */
    requiresAuth?: boolean
    /** Only for a visitor who is not signed in (login, signup): a signed-in one goes on to `next`. */
    guestOnly?: boolean
  }
}

export default defineNuxtRouteMiddleware(async (to) => {
  const auth = useAuth()
  // Asked once per server request (a state is per request); the browser takes the answer from the payload.
  if (auth.value.status === 'unknown') await loadAuth()
  if (auth.value.status === 'unavailable') {
    if (import.meta.server) {
      const event = useRequestEvent()
      if (event) setResponseStatus(event, 503)
    }
    return
  }
  const signedIn = auth.value.status === 'authenticated'
  if (to.meta.requiresAuth && !signedIn) {
    // A login step still due (an unverified signup) has its own page; otherwise, log in.
    return navigateTo(stepPath(sessionStateOf(auth.value), to.fullPath) ?? { path: '/login', query: { next: to.fullPath } })
  }
  if ((to.path === '/login' || to.meta.guestOnly) && signedIn) return navigateTo(safeNext(to.query.next))
})
