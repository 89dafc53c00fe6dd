import { ApiError } from '@tandem/client'

/** What went wrong with a page's server-side read, as the page shows it. */
export type ReadFailure = 'session-lost' | 'not-found' | 'outage' | 'failed'

/** The error a useAsyncData call failed with (Nuxt wraps it; the API's own error is its cause). */
export function readCause(error: { cause?: unknown } | null | undefined): unknown {
  return error ? (error.cause ?? error) : null
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
 * Settles a failed server-side read of a private page: a lost session goes to
 * login; otherwise the response gets the status the page shows (404 for a
 * missing item, the API's own 4xx, 503 for an outage; never a 500 for the API being away).
 */
export async function settleReadFailure(error: { cause?: unknown } | null | undefined): Promise<ReadFailure | null> {
  if (!error) return null
  const cause = readCause(error)
  const kind: ReadFailure =
    cause instanceof ApiError && cause.status === 401
      ? 'session-lost'
      : cause instanceof ApiError && cause.status === 404
        ? 'not-found'
        : isUnavailable(cause)
          ? 'outage'
          : 'failed'
  if (import.meta.server && kind !== 'session-lost') {
    const event = useRequestEvent()
    // 'failed' is a 4xx the API chose (isUnavailable covers the rest): the page answers with it.
    if (event) setResponseStatus(event, kind === 'outage' ? 503 : cause instanceof ApiError ? cause.status : 500)
  }
  if (kind === 'session-lost') await leaveIfSessionLost(cause)
  return kind
}

/** The message for a failed read: the API's own words, or that the service is away. */
export function readFailureMessage(error: { cause?: unknown } | null | undefined): string {
  const cause = readCause(error)
  if (isUnavailable(cause)) return 'The service is unavailable right now.'
  return cause instanceof ApiError ? cause.firstMessage() : ''
}
