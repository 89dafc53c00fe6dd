/** One entry of the API's uniform error shape (shared by DRF and allauth). */
export interface ApiErrorItem {
  code: string
  message: string
  /** The request field the error is about; absent for non-field errors. */
  param?: string
}

/** Codes the client itself produces when the server gave no usable error. */
export const NETWORK_ERROR = 'network_error'
export const UNEXPECTED_RESPONSE = 'unexpected_response'
/** The API answered but its CORS allow-list does not include this page's origin. */
export const CORS_REFUSED = 'cors_refused'

const FALLBACK_BY_STATUS: Record<number, ApiErrorItem> = {
  400: { code: 'invalid', message: 'The request was not valid.' },
  401: { code: 'not_authenticated', message: 'Please log in to continue.' },
  403: { code: 'permission_denied', message: 'You are not allowed to do that.' },
  404: { code: 'not_found', message: 'Not found.' },
  409: { code: 'conflict', message: 'The request conflicts with the current state.' },
  410: { code: 'gone', message: 'This is no longer available.' },
  413: { code: 'too_large', message: 'The request is too large.' },
  429: { code: 'throttled', message: 'Too many requests. Please wait a moment and try again.' },
}

function fallbackItem(status: number): ApiErrorItem {
  return (
    FALLBACK_BY_STATUS[status] ?? {
      code: UNEXPECTED_RESPONSE,
      message:
        status >= 500
          ? 'The server had a problem. Please try again.'
          : 'Something went wrong. Please try again.',
    }
  )
}

function isErrorItem(value: unknown): value is ApiErrorItem {
  if (typeof value !== 'object' || value === null) return false
  const item = value as Record<string, unknown>
  return (
    typeof item.code === 'string' &&
    typeof item.message === 'string' &&
    (item.param === undefined || typeof item.param === 'string')
  )
}

/**
 * Every non-2xx answer, network failure or unusable response becomes one of
 * these, so callers handle exactly one error type.
 */
export class ApiError extends Error {
  readonly status: number
  readonly errors: ApiErrorItem[]
  /** The parsed JSON body as sent, for extra fields such as `current` on a 409. */
  readonly body: unknown
  /** On a 429: seconds until a retry may succeed (the `Retry-After` header), when given. */
  retryAfter?: number

  constructor(status: number, errors: ApiErrorItem[], body: unknown = null) {
    const list = errors.length > 0 ? errors : [fallbackItem(status)]
    super(list[0]?.message ?? 'Request failed')
    this.name = 'ApiError'
    this.status = status
    this.errors = list
    this.body = body
  }

  /** Builds an ApiError from a parsed JSON error body of the uniform shape. */
  static fromBody(status: number, body: unknown): ApiError {
    const raw =
      typeof body === 'object' && body !== null ? (body as { errors?: unknown }).errors : undefined
    const errors = Array.isArray(raw) ? raw.filter(isErrorItem) : []
    return new ApiError(status, errors, body)
  }

  static network(cause?: unknown): ApiError {
    const error = new ApiError(0, [
      { code: NETWORK_ERROR, message: 'Could not reach the server. Check your connection and try again.' },
    ])
    if (cause !== undefined) (error as { cause?: unknown }).cause = cause
    return error
  }

  static unexpected(status: number): ApiError {
    return new ApiError(status, [
      {
        code: UNEXPECTED_RESPONSE,
        message:
          status >= 500
            ? 'The server had a problem. Please try again.'
            : 'The server sent an unexpected response.',
      },
    ])
  }

  /**
   * A 429 whose messages say when to try again ("Try again in 5 minutes."),
   * from the `Retry-After` header (seconds or an HTTP date).
   */
  static rateLimited(error: ApiError, retryAfter: string | null, now: number = Date.now()): ApiError {
    const seconds = parseRetryAfter(retryAfter, now)
    const base = 'Too many attempts.'
    const message = seconds === null ? `${base} Please wait a moment and try again.` : `${base} Try again in ${humanDuration(seconds)}.`
    const limited = new ApiError(
      error.status,
      error.errors.map((item) => ({ ...item, message })),
      error.body,
    )
    if (seconds !== null) limited.retryAfter = seconds
    return limited
  }

  /** The code of the first error, e.g. `version_conflict`. */
  get code(): string {
    return this.errors[0]?.code ?? UNEXPECTED_RESPONSE
  }

  hasCode(code: string): boolean {
    return this.errors.some((error) => error.code === code)
  }

  /** Messages keyed by field name; errors without `param` are left out. */
  fieldErrors(): Record<string, string[]> {
    const byField: Record<string, string[]> = {}
    for (const error of this.errors) {
      if (error.param === undefined) continue
      ;(byField[error.param] ??= []).push(error.message)
    }
    return byField
  }

  /** Messages that are not tied to a field (shown above a form). */
  nonFieldMessages(): string[] {
    return this.errors.filter((error) => error.param === undefined).map((error) => error.message)
  }

  firstMessage(): string {
    return this.errors[0]?.message ?? this.message
  }
}

export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null
  if (/^\d+$/.test(value.trim())) return Number(value.trim())
  const date = Date.parse(value)
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000))
}

export function humanDuration(seconds: number): string {
  if (seconds < 60) return seconds <= 1 ? '1 second' : `${seconds} seconds`
  const minutes = Math.ceil(seconds / 60)
  if (minutes < 60) return minutes === 1 ? '1 minute' : `${minutes} minutes`
  const hours = Math.ceil(minutes / 60)
  return hours === 1 ? '1 hour' : `${hours} hours`
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError
}

/** A user-presentable message for anything a request may throw. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.firstMessage()
  return 'Something went wrong. Please try again.'
}
