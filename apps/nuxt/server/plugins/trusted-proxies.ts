import { parseTrustedProxies } from '../utils/trusted-proxies'

/**
 * NUXT_TRUSTED_PROXIES is read at start: a malformed entry stops the server
 * here, with the entry named, instead of failing every request (or trusting
 * other addresses than the operator meant). The per-request middleware
 * (server/middleware/00.forwarded.ts) uses the same parser.
 */
export default defineNitroPlugin(() => {
  parseTrustedProxies(useRuntimeConfig().trustedProxies)
})
