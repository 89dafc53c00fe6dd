import { safeNext } from '../../lib/safe-next'

declare module '#app' {
  interface PageMeta {
    /** Only for a signed-in user: anyone else is sent to /login?next=… before anything private is fetched. */
    requiresAuth?: boolean
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
  if (to.meta.requiresAuth && !signedIn) return navigateTo({ path: '/login', query: { next: to.fullPath } })
  if (to.path === '/login' && signedIn) return navigateTo(safeNext(to.query.next))
})
