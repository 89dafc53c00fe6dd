import { getRequestHeader, getRequestIP, proxyRequest } from 'h3'
import { apiOriginOf } from '../../utils/django'

// The browser's `/api/**` goes to Django through this server: one origin for
// pages and API, so the session cookie is first-party and there is no CORS.
// Cookies, CSRF header and Django's answer (status, Set-Cookie with its
// attributes, Cache-Control) pass through unchanged. Django sees the request
// come to its own host with the browser's Origin (this server's), so that
// origin must be in DJANGO_CSRF_TRUSTED_ORIGINS (make run / the tests set it).
export default defineEventHandler((event) => {
  const target = `${apiOriginOf(useRuntimeConfig(event))}${event.path}`
  const host = getRequestHeader(event, 'host')
  const forwardedFor = [getRequestHeader(event, 'x-forwarded-for'), getRequestIP(event)].filter(Boolean).join(', ')
  return proxyRequest(event, target, {
    headers: {
      // The host the browser asked for (h3 would send Django's own): WebAuthn takes the
      // passkey's relying party from it (an IP address is refused), as a reverse proxy's
      // `proxy_set_header Host $host` would. Django must list it in DJANGO_ALLOWED_HOSTS.
      ...(host ? { host } : {}),
      // Rate limits per client IP: Django trusts it with TANDEM_TRUSTED_PROXY_COUNT set.
      'x-forwarded-for': forwardedFor,
    },
  })
})
