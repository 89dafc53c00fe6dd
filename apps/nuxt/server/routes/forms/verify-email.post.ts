import { ApiError, createApiClient, createAuthApi } from '@tandem/client'
import { deleteCookie, readFormData, sendRedirect } from 'h3'
import { formErrorQuery } from '../../../lib/form-errors'
import { PENDING_EMAIL_COOKIE, PENDING_EMAIL_COOKIE_OPTIONS } from '../../../lib/pending-email'
import { stepPath } from '../../../lib/steps'
import { apiOriginOf, assertSameOrigin, markPrivate, visitorFetch } from '../../utils/django'

/**
 * Confirming an emailed address without JavaScript: the verification page's
 * "Confirm email address" form posts the key here. When this browser is the
 * one that signed up, the login completes (Django's new session cookie is
 * relayed) and the visitor lands on the todos; otherwise the page says the
 * address is verified. With JavaScript the page verifies through /api/.
 */
export default defineEventHandler(async (event) => {
  assertSameOrigin(event)
  markPrivate(event)
  const form = await readFormData(event)
  const key = String(form.get('key') ?? '')
  const page = `/account/verify-email/${encodeURIComponent(key)}`
  const client = createApiClient({ baseUrl: apiOriginOf(useRuntimeConfig(event)), fetch: visitorFetch(event), tabs: null })
  try {
    const state = await createAuthApi(client).verifyEmail(key)
    deleteCookie(event, PENDING_EMAIL_COOKIE, PENDING_EMAIL_COOKIE_OPTIONS)
    if (state.kind === 'authenticated') return sendRedirect(event, '/todos', 303)
    return sendRedirect(event, stepPath(state) ?? `${page}?verified=1`, 303)
  } catch (error) {
    if (!(error instanceof ApiError)) throw error
    // An invalid or used key: the page, loaded again, inspects it and says so.
    return sendRedirect(event, `${page}?${new URLSearchParams(formErrorQuery(error))}`, 303)
  }
})
