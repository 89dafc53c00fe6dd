import { createAppApis, type ApiClientOptions, type AuthState } from '@tandem/client'
import { apiOriginOf, markPrivate, visitorFetch } from '../../server/utils/django'

/**
 * The API client, made once per app instance: in the browser once per page
 * load (same origin, `/api/` proxied to Django); on the server once per
 * request, holding that visitor's cookies only. Nothing of one visitor is
 * kept at module level, so no other request can see it.
 */
export default defineNuxtPlugin(() => {
  let clientOptions: ApiClientOptions
  if (import.meta.server) {
    const event = useRequestEvent()
    if (!event) throw new Error('The API client needs the request it renders.')
    // Every server-rendered page depends on the visitor's session (the header shows who is signed in).
    markPrivate(event)
    clientOptions = { baseUrl: apiOriginOf(useRuntimeConfig()), fetch: visitorFetch(event), tabs: null }
  } else {
    clientOptions = { baseUrl: '' }
  }
  // In the browser the session starts from the server's answer (in the payload):
  // no second question, and a logout in another tab or a lost session applies at once.
  // A pending step (an unverified signup) comes along, so the browser knows it too.
  const initialState: AuthState | null = import.meta.client ? sessionStateOf(useAuth().value) : null
  // Every typed API the SPAs use (todos, posts, dashboard, account, 2FA, auth), on this one client.
  return { provide: { tandem: createAppApis(clientOptions, { initialState }) } }
})
