import { ApiError, createApiClient, createAuthApi } from '@tandem/client'
import { readFormData, sendRedirect } from 'h3'
import { formErrorQuery } from '../../../lib/form-errors'
import { apiOriginOf, assertSameOrigin, markPrivate, visitorFetch } from '../../utils/django'

/**
 * Setting a new password from the emailed link without JavaScript. Django
 * ends every session of the account (this browser's cookie deletion is
 * relayed), and the visitor lands on the login page, which says so; a refused
 * password goes back to the page with the error's code.
 */
export default defineEventHandler(async (event) => {
  assertSameOrigin(event)
  markPrivate(event)
  const form = await readFormData(event)
  const key = String(form.get('key') ?? '')
  const client = createApiClient({ baseUrl: apiOriginOf(useRuntimeConfig(event)), fetch: visitorFetch(event), tabs: null })
  try {
    await createAuthApi(client).resetPassword(key, String(form.get('password') ?? ''))
    return sendRedirect(event, '/login?reset=1', 303)
  } catch (error) {
    if (!(error instanceof ApiError)) throw error
    const page = `/account/password/reset/key/${encodeURIComponent(key)}`
    return sendRedirect(event, `${page}?${new URLSearchParams(formErrorQuery(error))}`, 303)
  }
})
