import { ApiError, createApiClient, createAuthApi } from '@tandem/client'
import { sendRedirect } from 'h3'
import { apiOriginOf, assertSameOrigin, markPrivate, visitorFetch } from '../../utils/django'

/**
 * Logging out without JavaScript: the header's "Log out" form posts here.
 * Django ends (revokes) the session; its Set-Cookie deleting the session
 * cookie reaches the browser, which lands on the home page signed out.
 */
export default defineEventHandler(async (event) => {
  assertSameOrigin(event)
  markPrivate(event)
  const client = createApiClient({ baseUrl: apiOriginOf(useRuntimeConfig(event)), fetch: visitorFetch(event), tabs: null })
  try {
    await createAuthApi(client).logout()
  } catch (error) {
    if (error instanceof ApiError && (error.status === 0 || error.status >= 500)) {
      // The session may still be alive: say so rather than pretend.
      return sendRedirect(event, '/?logout=failed', 303)
    }
    throw error
  }
  return sendRedirect(event, '/login', 303)
})
