import { proxyRequest } from 'h3'
import { apiOriginOf, forwardedHeaders } from '../../utils/django'

// The browser's `/api/**` goes to Django through this server: one origin for
// pages and API, so the session cookie is first-party and there is no CORS.
// Cookies, CSRF header and Django's answer (status, Set-Cookie with its
// attributes, Cache-Control) pass through unchanged. Django sees the request
// come to its own host with the browser's Origin (this server's), so that
// origin must be in DJANGO_CSRF_TRUSTED_ORIGINS (make run / the tests set it).
export default defineEventHandler((event) => {
  const target = `${apiOriginOf(useRuntimeConfig(event))}${event.path}`
  return proxyRequest(event, target, {
    // X-Forwarded-For/-Proto/-Host as this server established them (a browser's own values
    // are replaced, never passed on): Django counts rate limits per visitor with
    // TANDEM_TRUSTED_PROXY_COUNT=1, and a browser cannot pick the address it is counted as.
    headers: forwardedHeaders(event),
  })
})
