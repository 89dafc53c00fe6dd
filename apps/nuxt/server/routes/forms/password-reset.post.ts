import { ApiError, createApiClient, createAuthApi } from '@tandem/client'
import { readFormData, sendRedirect } from 'h3'
import { formErrorQuery } from '../../../lib/form-errors'
import { apiOriginOf, assertSameOrigin, markPrivate, visitorFetch } from '../../utils/django'

/**
 * Asking for a password reset link without JavaScript: the "Reset your
 * password" form posts here; the page comes back saying a link is on its way
 * (whether or not an account uses the address), or with the error's code.
 */
export default defineEventHandler(async (event) => {
  assertSameOrigin(event)
  markPrivate(event)
  const form = await readFormData(event)
  const client = createApiClient({ baseUrl: apiOriginOf(useRuntimeConfig(event)), fetch: visitorFetch(event), tabs: null })
  try {
    await createAuthApi(client).requestPasswordReset(String(form.get('email') ?? '').trim())
    return sendRedirect(event, '/account/password/reset?sent=1', 303)
  } catch (error) {
    if (!(error instanceof ApiError)) throw error
    return sendRedirect(event, `/account/password/reset?${new URLSearchParams(formErrorQuery(error))}`, 303)
  }
})
