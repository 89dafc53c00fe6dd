import { ApiError, createApiClient, createAuthApi, pendingStep } from '@tandem/client'
import { readFormData, sendRedirect, setCookie } from 'h3'
import { formErrorQuery } from '../../../lib/form-errors'
import { PENDING_EMAIL_COOKIE, PENDING_EMAIL_COOKIE_OPTIONS } from '../../../lib/pending-email'
import { stepPath } from '../../../lib/steps'
import { apiOriginOf, assertSameOrigin, markPrivate, safeNext, visitorFetch } from '../../utils/django'

/**
 * Logging in without JavaScript: the login page's form posts here; this
 * server logs in with allauth on the visitor's behalf, passes Django's
 * Set-Cookie (the new session and CSRF cookies) to the browser and redirects:
 * to `next`, to the page of a step still due (an unverified address), or back
 * to the form with the error's code. With JavaScript the page logs in through
 * /api/ itself and never posts here.
 */
export default defineEventHandler(async (event) => {
  assertSameOrigin(event)
  markPrivate(event)
  const form = await readFormData(event)
  const next = typeof form.get('next') === 'string' && form.get('next') ? safeNext(form.get('next')) : ''
  const back = (query: Record<string, string>) => `/login?${new URLSearchParams({ ...(next ? { next } : {}), ...query })}`
  const email = String(form.get('email') ?? '').trim()
  const client = createApiClient({ baseUrl: apiOriginOf(useRuntimeConfig(event)), fetch: visitorFetch(event), tabs: null })
  try {
    const state = await createAuthApi(client).login({ email, password: String(form.get('password') ?? '') })
    if (state.kind === 'authenticated') return sendRedirect(event, next || safeNext(''), 303)
    // allauth sent a fresh link (at most one every few minutes): the inbox page names the address.
    if (pendingStep(state) === 'verify-email') setCookie(event, PENDING_EMAIL_COOKIE, email, PENDING_EMAIL_COOKIE_OPTIONS)
    return sendRedirect(event, stepPath(state, next || undefined) ?? back({ error: 'step' }), 303)
  } catch (error) {
    if (!(error instanceof ApiError)) throw error
    return sendRedirect(event, back(formErrorQuery(error)), 303)
  }
})
