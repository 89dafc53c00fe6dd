import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { Readable } from 'node:stream'
import { getRequestHeader, getRequestIP, proxyRequest } from 'h3'
import { apiOriginOf } from '../../utils/django'

// The browser's `/api/**` goes to Django through this server: one origin for
// pages and API, so the session cookie is first-party and there is no CORS.
// Cookies, CSRF header and Django's answer (status, Set-Cookie with its
// attributes, Cache-Control) pass through unchanged. Django sees the host the
// browser asked for (see `keepingHost`), which must be in DJANGO_ALLOWED_HOSTS;
// the browser's Origin then matches it. Behind a proxy that ends TLS the
// origin (https://…) must also be in DJANGO_CSRF_TRUSTED_ORIGINS (make run and the tests set it).
export default defineEventHandler((event) => {
  const target = `${apiOriginOf(useRuntimeConfig(event))}${event.path}`
  const host = getRequestHeader(event, 'host')
  const forwardedFor = [getRequestHeader(event, 'x-forwarded-for'), getRequestIP(event)].filter(Boolean).join(', ')
  return proxyRequest(event, target, {
    fetch: host ? keepingHost(host) : undefined,
    headers: {
      // Rate limits per client IP: Django trusts it with TANDEM_TRUSTED_PROXY_COUNT set.
      'x-forwarded-for': forwardedFor,
    },
  })
})

/**
 * A fetch that sends `host` as the Host header, as a reverse proxy's
 * `proxy_set_header Host $host` does. Node's fetch always sends the target's
 * own, and Django must see the browser's: WebAuthn takes a passkey's relying
 * party from it (`localhost`, a real domain; never an IP address), so passkeys
 * work through this proxy.
 */
function keepingHost(host: string): typeof fetch {
  return (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(input instanceof Request ? input.url : String(input))
      const headers = Object.fromEntries(new Headers(init?.headers))
      headers.host = host
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest
      const outgoing = send(url, { method: init?.method ?? 'GET', headers, signal: init?.signal ?? undefined }, (answer) =>
        resolve(toResponse(answer, init?.method)),
      )
      outgoing.on('error', reject)
      const body = init?.body
      if (body === undefined || body === null) outgoing.end()
      else if (typeof body === 'string' || body instanceof Uint8Array) outgoing.end(body)
      else reject(new TypeError('The API proxy sends buffered request bodies only.'))
    })
}

function toResponse(answer: IncomingMessage, method: string | undefined): Response {
  const headers = new Headers()
  for (const [name, value] of Object.entries(answer.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item)
    else if (value !== undefined) headers.set(name, value)
  }
  const status = answer.statusCode ?? 502
  const empty = method === 'HEAD' || status === 204 || status === 304
  if (empty) answer.resume()
  const body = empty ? null : (Readable.toWeb(answer) as ReadableStream<Uint8Array>)
  return new Response(body, { status, statusText: answer.statusMessage, headers })
}
