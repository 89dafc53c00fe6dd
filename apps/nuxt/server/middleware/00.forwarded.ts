import type { BlockList } from 'node:net'
import { getRequestHeader } from 'h3'
import { parseTrustedProxies, resolveForwarded } from '../utils/trusted-proxies'
import { FORWARDED_CONTEXT } from '../utils/django'

// Runs before every route and page: decides once per request who the visitor
// is (address, scheme, host), believing X-Forwarded-* only from the proxies in
// NUXT_TRUSTED_PROXIES. Everything else (the /api/ proxy, the server's calls
// to Django, the same-origin check of the forms) reads the answer from here.
let parsed: { setting: string; list: BlockList } | undefined

export default defineEventHandler((event) => {
  const setting = String(useRuntimeConfig(event).trustedProxies ?? '')
  if (parsed?.setting !== setting) parsed = { setting, list: parseTrustedProxies(setting) }
  const socket = event.node.req.socket as { remoteAddress?: string; encrypted?: boolean }
  const forwarded = resolveForwarded(
    {
      peer: socket.remoteAddress,
      encrypted: Boolean(socket.encrypted),
      host: getRequestHeader(event, 'host'),
      forwardedFor: getRequestHeader(event, 'x-forwarded-for'),
      forwardedProto: getRequestHeader(event, 'x-forwarded-proto'),
      forwardedHost: getRequestHeader(event, 'x-forwarded-host'),
    },
    parsed.list,
  )
  event.context[FORWARDED_CONTEXT] = forwarded
  // h3's getRequestIP() answers this first.
  event.context.clientAddress = forwarded.clientAddress
})
