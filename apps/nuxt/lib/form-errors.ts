import { ApiError, humanDuration } from '@tandem/client'

// The JavaScript-free forms (server/routes/forms/*) answer a refused form with
// a redirect back to its page carrying an error *code* (never a message: a
// link someone sends must not make the page say whatever they like); the page
// turns the code back into the message the API gave, as the SPA shows it.

/** What a refused form redirect carries: `error` (a code), `field` (which input), `retry` (seconds, on a rate limit). */
export type FormErrorQuery = Record<string, string>

/** The messages allauth and Django's validators send for these codes (the API's own wording). */
const MESSAGES: Record<string, string> = {
  email_password_mismatch: 'The email address and/or password you specified are not correct.',
  password_too_short: 'This password is too short. It must contain at least 8 characters.',
  password_too_common: 'This password is too common.',
  password_entirely_numeric: 'This password is entirely numeric.',
  password_too_similar: 'The password is too similar to the email address.',
  unavailable: 'The service is unavailable right now. Try again in a moment.',
}

/** When a code is not one of the above: a message for the field it was about. */
const BY_FIELD: Record<string, string> = {
  email: 'Enter a valid email address.',
  password: 'Choose another password: at least 8 characters, not a common one.',
  key: 'This link is invalid, has expired or was already used.',
}

const CODE = /^[a-z_]{1,64}$/

/** The redirect query that reports `error` (thrown by an API call) back to a form without JavaScript. */
export function formErrorQuery(error: unknown): FormErrorQuery {
  if (!(error instanceof ApiError) || error.status === 0 || error.status >= 500) return { error: 'unavailable' }
  if (error.status === 429) return { error: 'rate_limited', ...(error.retryAfter !== undefined ? { retry: String(error.retryAfter) } : {}) }
  const first = error.errors[0]
  return { error: first?.code ?? 'invalid', ...(first?.param ? { field: first.param } : {}) }
}

export interface FormError {
  /** The input the message belongs next to, when the API named one. */
  field?: string
  message: string
}

/** The message a refused form's redirect (see formErrorQuery) stands for; null when it carries none. */
export function formErrorOf(query: Record<string, unknown>, fields: readonly string[]): FormError | null {
  const code = typeof query.error === 'string' && CODE.test(query.error) ? query.error : ''
  if (!code) return null
  if (code === 'rate_limited') {
    const seconds = Number(query.retry)
    const when = Number.isInteger(seconds) && seconds > 0 ? `Try again in ${humanDuration(seconds)}.` : 'Please wait a moment and try again.'
    return { message: `Too many attempts. ${when}` }
  }
  const field = typeof query.field === 'string' && fields.includes(query.field) ? query.field : undefined
  const message = MESSAGES[code] ?? (field ? BY_FIELD[field] : undefined) ?? 'That did not work. Check the form and try again.'
  return field ? { field, message } : { message }
}
