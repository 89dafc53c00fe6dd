import { ApiError, createApiClient, createAuthApi } from '@tandem/client'
import { readFormData, sendRedirect } from 'h3'
import { apiOriginOf, assertSameOrigin, markPrivate, safeNext, visitorFetch } from '../../utils/django'

/**
 * Logging in without JavaScript: the login page's form posts here; this
 * server logs in with allauth on the visitor's behalf, passes Django's
 * Set-Cookie (the new session and CSRF cookies) to the browser and redirects.
 * With JavaScript the page logs in through /api/ itself and never posts here.
 */
export default defineEventHandler(async (event) => {
  assertSameOrigin(event)
  markPrivate(event)
  const form = await readFormData(event)
  const next = safeNext(form.get('next'))
  const back = (error: string) => `/login?${new URLSearchParams({ ...(next !== '/' ? { next } : {}), error })}`
  const client = createApiClient({ baseUrl: apiOriginOf(useRuntimeConfig(event)), fetch: visitorFetch(event), tabs: null })
  try {
    const state = await createAuthApi(client).login({
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
    })
    return sendRedirect(event, state.kind === 'authenticated' ? next : back('step'), 303)
  } catch (error) {
    if (!(error instanceof ApiError)) throw error
    if (error.status === 0 || error.status >= 500) return sendRedirect(event, back('unavailable'), 303)
    if (error.status === 429) return sendRedirect(event, back('rate_limited'), 303)
    return sendRedirect(event, back('invalid'), 303)
  }
})
