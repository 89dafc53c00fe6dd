import { ApiError } from '@tandem/client'

/** What went wrong with a page's server-side read, as the page shows it. */
export type ReadFailure = 'session-lost' | 'not-found' | 'outage' | 'failed'

/**
 * A useAsyncData error. On the server its cause is the API's ApiError; in the
 * browser, restored from the payload, only the status code and message are
 * left. Both must read the same, or hydration would show another state.
 */
export interface ReadError {
  cause?: unknown
  statusCode?: number
  message?: string
}

function statusOf(error: ReadError): number {
  return error.cause instanceof ApiError ? error.cause.status : (error.statusCode ?? 0)
}

function failureOf(error: ReadError): ReadFailure {
  const status = statusOf(error)
  if (status === 401) return 'session-lost'
  if (status === 404) return 'not-found'
  // No answer (0), or the API or this server failing: the outage state, never a 500 page.
  if (status === 0 || status >= 500) return 'outage'
  return 'failed'
}

/**
 * A request answered 401: the session ended (logged out elsewhere, revoked,
 * expired). Forget it and go to the login page, back here afterwards, with
 * nothing private left on screen. Resolves true when that is what happened.
 * The Nuxt context is read before any await, so this works in setup too.
 */
export async function leaveIfSessionLost(caught: unknown): Promise<boolean> {
  if (!(caught instanceof ApiError && caught.status === 401)) return false
  const next = useRoute().fullPath
  setSignedOut()
  await navigateTo({ path: '/login', query: { next } })
  return true
}

/**
 * Settles a failed read of a private page: a lost session goes to login;
 * otherwise, on the server, the response gets the status the page shows
 * (404 for a missing item, the API's own 4xx, 503 for an outage).
 */
export async function settleReadFailure(error: ReadError | null | undefined): Promise<ReadFailure | null> {
  if (!error) return null
  const kind = failureOf(error)
  if (kind === 'session-lost') {
    const next = useRoute().fullPath
    setSignedOut()
    await navigateTo({ path: '/login', query: { next } })
    return kind
  }
  if (import.meta.server) {
    const event = useRequestEvent()
    if (event) setResponseStatus(event, kind === 'outage' ? 503 : statusOf(error))
  }
  return kind
}

/** The message for a failed read: the API's own words, or that the service is away. */
export function readFailureMessage(error: ReadError | null | undefined): string {
  if (!error) return ''
  if (failureOf(error) === 'outage') return 'The service is unavailable right now.'
  return error.cause instanceof ApiError ? error.cause.firstMessage() : (error.message ?? '')
}
