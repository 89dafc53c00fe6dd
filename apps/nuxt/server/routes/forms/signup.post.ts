import { ApiError, createApiClient, createAuthApi } from '@tandem/client'
import { readFormData, sendRedirect, setCookie } from 'h3'
import { formErrorQuery } from '../../../lib/form-errors'
import { PENDING_EMAIL_COOKIE, PENDING_EMAIL_COOKIE_OPTIONS } from '../../../lib/pending-email'
import { stepPath } from '../../../lib/steps'
import { apiOriginOf, assertSameOrigin, markPrivate, visitorFetch } from '../../utils/django'

/**
 * Signing up without JavaScript: the signup page's form posts here; this
 * server signs up with allauth on the visitor's behalf, passes Django's
 * Set-Cookie (the pending login's session) to the browser and redirects to
 * "Check your inbox", or back to the form with the error's code. With
 * JavaScript the page signs up through /api/ itself and never posts here.
 */
export default defineEventHandler(async (event) => {
  assertSameOrigin(event)
  markPrivate(event)
  const form = await readFormData(event)
  const email = String(form.get('email') ?? '').trim()
  const client = createApiClient({ baseUrl: apiOriginOf(useRuntimeConfig(event)), fetch: visitorFetch(event), tabs: null })
  try {
    const state = await createAuthApi(client).signup({ email, password: String(form.get('password') ?? '') })
    if (state.kind === 'authenticated') return sendRedirect(event, '/todos', 303)
    setCookie(event, PENDING_EMAIL_COOKIE, email, PENDING_EMAIL_COOKIE_OPTIONS)
    // Verification is mandatory: the same answer whether or not the address was taken.
    return sendRedirect(event, stepPath(state) ?? '/account/verify-email', 303)
  } catch (error) {
    if (!(error instanceof ApiError)) throw error
    return sendRedirect(event, `/account/signup?${new URLSearchParams(formErrorQuery(error))}`, 303)
  }
})
