import { BlockList, isIP } from 'node:net'

// Server only (node:net): the forwarded-headers middleware uses it; the app's
// code reads the result from the request's context (server/utils/django.ts).

/** An address as compared: IPv4-mapped IPv6 (`::ffff:10.0.0.1`, how Node reports IPv4 peers on a dual-stack socket) as plain IPv4. */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim().replace(/^\[(.*)\]$/, '$1')
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed)
  return mapped?.[1] ?? trimmed
}

/**
 * The proxies whose X-Forwarded-* headers this server believes: a comma-separated
 * list of addresses and CIDR ranges (`NUXT_TRUSTED_PROXIES`, e.g.
 * `10.0.0.5, 172.31.250.0/29`). Empty (the default) trusts no one: the socket's
 * peer is the client. A malformed entry stops the server at its first request
 * rather than silently trusting less or more than the operator wrote.
 */
export function parseTrustedProxies(setting: unknown): BlockList {
  const list = new BlockList()
  for (const entry of String(setting ?? '').split(',').map((part) => part.trim()).filter(Boolean)) {
    const [address = '', prefix] = entry.split('/')
    const ip = normalizeAddress(address)
    const family = isIP(ip)
    if (family === 0) throw new Error(`NUXT_TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range`)
    const type = family === 4 ? 'ipv4' : 'ipv6'
    if (prefix === undefined) {
      list.addAddress(ip, type)
      continue
    }
    const bits = Number(prefix)
    if (!/^\d+$/.test(prefix) || bits > (family === 4 ? 32 : 128)) {
      throw new Error(`NUXT_TRUSTED_PROXIES: "${entry}" has an invalid prefix length`)
    }
    list.addSubnet(ip, bits, type)
  }
  return list
}

export function isTrusted(list: BlockList, address: string): boolean {
  const ip = normalizeAddress(address)
  const family = isIP(ip)
  if (family === 0) return false
  return list.check(ip, family === 4 ? 'ipv4' : 'ipv6')
}

export interface ForwardedRequest {
  /** The visitor's address: the socket's peer, or, behind a trusted proxy, the nearest untrusted hop it reports. */
  clientAddress: string
  /** The scheme and host the visitor used (a trusted proxy's X-Forwarded-Proto/-Host, else this socket's). */
  proto: 'http' | 'https'
  host: string
}

interface Incoming {
  peer: string | undefined
  encrypted: boolean
  host: string | undefined
  forwardedFor: string | undefined
  forwardedProto: string | undefined
  forwardedHost: string | undefined
}

/**
 * Who is really asking. X-Forwarded-* are plain request headers any browser
 * can send: they count only when the socket's peer is a trusted proxy. Then
 * X-Forwarded-For is read from the right (each proxy appends the address it
 * saw), skipping trusted proxies; the first untrusted hop is the client, so a
 * value the browser put at the left is never taken.
 */
export function resolveForwarded(incoming: Incoming, trusted: BlockList): ForwardedRequest {
  const peer = normalizeAddress(incoming.peer ?? '')
  const own: ForwardedRequest = {
    clientAddress: peer,
    proto: incoming.encrypted ? 'https' : 'http',
    host: incoming.host ?? '',
  }
  if (!peer || !isTrusted(trusted, peer)) return own
  let clientAddress = peer
  const hops = (incoming.forwardedFor ?? '').split(',').map((hop) => normalizeAddress(hop)).filter(Boolean)
  for (const hop of hops.reverse()) {
    if (isIP(hop) === 0) break // garbage from further left: the last good hop stands
    clientAddress = hop
    if (!isTrusted(trusted, hop)) break
  }
  const proto = (incoming.forwardedProto ?? '').split(',')[0]?.trim().toLowerCase()
  const host = (incoming.forwardedHost ?? '').split(',')[0]?.trim()
  return {
    clientAddress,
    proto: proto === 'https' || proto === 'http' ? proto : own.proto,
    host: host || own.host,
  }
}
