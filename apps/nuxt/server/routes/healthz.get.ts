import { setResponseHeader } from 'h3'

/**
 * Liveness of this Node process only, for the container's health check and
 * the proxy: it asks Django nothing. When Django is down the pages already
 * answer 503 with the outage state; restarting or unrouting healthy Nuxt
 * servers would not help (Django has its own check, /api/health/).
 */
export default defineEventHandler((event) => {
  setResponseHeader(event, 'cache-control', 'no-store')
  return { status: 'ok' }
})
