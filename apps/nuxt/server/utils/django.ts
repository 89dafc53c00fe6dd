import {
  appendResponseHeader,
  createError,
  getRequestHeader,
  getResponseHeader,
  setResponseHeader,
  type H3Event,
} from 'h3'

// Imported by the Nitro server routes and by the app's plugin during SSR:
// explicit imports only, nothing that exists on one side alone.

export { safeNext } from '../../lib/safe-next'

/**
 * The cookies one visitor's request carries to Django, kept up to date with
 * what Django answers during this request (a rotated CSRF token, a renewed or
 * deleted session), so a later API call of the same request sends the new
 * values. Built per request, never shared.
 */
export class CookieJar {
  private readonly cookies = new Map<string, string>()

  constructor(header: string | undefined) {
    for (const part of (header ?? '').split(';')) {
      const index = part.indexOf('=')
      if (index <= 0) continue
      this.cookies.set(part.slice(0, index).trim(), part.slice(index + 1).trim())
    }
  }

  /** Takes in one Set-Cookie line: a new value, or a deletion (Max-Age=0 or an expiry in the past). */
  update(setCookie: string): void {
    const [pair = '', ...attributes] = setCookie.split(';')
    const index = pair.indexOf('=')
    if (index <= 0) return
    const name = pair.slice(0, index).trim()
    const value = pair.slice(index + 1).trim()
    const deleted = attributes.some((attribute) => {
      const [key = '', raw = ''] = attribute.split('=').map((piece) => piece.trim())
      if (key.toLowerCase() === 'max-age') return Number(raw) <= 0
      if (key.toLowerCase() === 'expires') return Date.parse(raw) <= Date.now()
      return false
    })
    if (deleted || value === '' || value === '""') this.cookies.delete(name)
    else this.cookies.set(name, value)
  }

  header(): string | undefined {
    if (this.cookies.size === 0) return undefined
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }
}

/** Django's origin as seen from this server (runtime config `apiOrigin`, NUXT_API_ORIGIN), without a trailing slash. */
export function apiOriginOf(config: { apiOrigin?: unknown }): string {
  return String(config.apiOrigin ?? '').replace(/\/+$/, '')
}

/** Where the forwarded-headers middleware (server/middleware/00.forwarded.ts) leaves its answer. */
export const FORWARDED_CONTEXT = 'tandemForwarded'

/** Who is asking, as the forwarded-headers middleware decided (a trusted proxy's word, else the socket's). */
export function forwardedOf(event: H3Event): { clientAddress: string; proto: 'http' | 'https'; host: string } {
  const known = event.context[FORWARDED_CONTEXT] as ReturnType<typeof forwardedOf> | undefined
  if (known) return known
  // Not through the middleware (cannot happen for a request; kept safe): the socket's own view, no header believed.
  const socket = event.node.req.socket as { remoteAddress?: string; encrypted?: boolean }
  return {
    clientAddress: socket.remoteAddress ?? '',
    proto: socket.encrypted ? 'https' : 'http',
    host: getRequestHeader(event, 'host') ?? '',
  }
}

/** The origin the visitor's browser uses for this server (`https://tandem.example.com` behind the TLS proxy). */
export function publicOrigin(event: H3Event): string {
  const { proto, host } = forwardedOf(event)
  try {
    return new URL(`${proto}://${host}`).origin // the default port dropped, as browsers send Origin
  } catch {
    return `${proto}://${host}` // a malformed Host: matches no Origin a browser sends
  }
}

/**
 * The X-Forwarded-* headers this server sends to Django, replacing whatever
 * the browser sent under those names: Django (with TANDEM_TRUSTED_PROXY_COUNT=1,
 * this server being its proxy) counts rate limits per visitor from the one
 * X-Forwarded-For value, and knows the visitor used HTTPS from X-Forwarded-Proto.
 */
export function forwardedHeaders(event: H3Event): Record<string, string> {
  const { clientAddress, proto, host } = forwardedOf(event)
  return { 'x-forwarded-for': clientAddress, 'x-forwarded-proto': proto, 'x-forwarded-host': host }
}

/** Where the security-headers plugin leaves this request's id (server/plugins/security-headers.ts). */
export const REQUEST_ID_CONTEXT = 'tandemRequestId'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE'])

/**
 * A fetch to Django on behalf of the visitor of `event`: their cookies and
 * User-Agent go with it, and every Set-Cookie Django answers is passed back to the browser
 * on this response, attributes unchanged. It carries the visitor's address
 * and scheme (forwardedHeaders) and, on writes, the visitor's origin: over
 * HTTPS Django's CSRF check wants an Origin (or Referer) it trusts.
 */
export function visitorFetch(event: H3Event): typeof fetch {
  const jar = new CookieJar(getRequestHeader(event, 'cookie'))
  const forwarded = forwardedHeaders(event)
  const origin = publicOrigin(event)
  // Django records each session's browser from its User-Agent (the sessions page): the
  // visitor's, not this server's own (Node's fetch would say "node").
  const userAgent = getRequestHeader(event, 'user-agent')
  return async (input, init) => {
    const headers = new Headers(init?.headers)
    const cookie = jar.header()
    if (cookie) headers.set('cookie', cookie)
    else headers.delete('cookie')
    if (userAgent) headers.set('user-agent', userAgent)
    for (const [name, value] of Object.entries(forwarded)) headers.set(name, value)
    const requestId = event.context[REQUEST_ID_CONTEXT] as string | undefined
    if (requestId) headers.set('x-request-id', requestId)
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase()
    if (!SAFE_METHODS.has(method)) headers.set('origin', origin)
    const response = await globalThis.fetch(input, { ...init, headers, redirect: 'manual' })
    for (const line of response.headers.getSetCookie()) {
      jar.update(line)
      appendResponseHeader(event, 'set-cookie', line)
    }
    return response
  }
}

/** Nothing that depends on the visitor's session may be stored by a shared cache or served to another visitor. */
export function markPrivate(event: H3Event): void {
  setResponseHeader(event, 'cache-control', 'private, no-store')
  const vary = getResponseHeader(event, 'vary')
  const values = new Set(
    String(vary ?? '')
      .split(',')
      .map((value) => value.trim())
      .filter(Boolean),
  )
  values.add('Cookie')
  setResponseHeader(event, 'vary', [...values].join(', '))
}

/**
 * A form posted to this server must come from a page of this origin: a
 * cross-site form must not log a visitor in or out (login CSRF).
 */
export function assertSameOrigin(event: H3Event): void {
  const origin = getRequestHeader(event, 'origin') ?? getRequestHeader(event, 'referer')
  // The origin the browser uses (behind a TLS proxy: https and the public host, if that proxy is trusted).
  const own = publicOrigin(event)
  if (!origin || new URL(origin, own).origin !== own) {
    throw createError({ statusCode: 403, statusMessage: 'Forbidden', data: { code: 'cross_origin_form' } })
  }
}
