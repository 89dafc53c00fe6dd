export const DEFAULT_AFTER_LOGIN = '/todos'

// Any origin will do: it only lets URL tell us whether the value escapes it.
const PROBE_ORIGIN = 'http://tandem.invalid'

/**
 * Returns `value` when it is a same-app path that is safe to navigate to after
 * login, otherwise `fallback`. Guards against open redirects such as
 * `//evil.com`, `/\evil.com`, `https://evil.com` and `javascript:` URLs.
 *
 * `isKnownRoute` decides whether the path maps to a real page (not the
 * catch-all "not found" route).
 */
function hasControlOrSpace(value: string): boolean {
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0
    if (code <= 0x20 || code === 0x7f || /\s/.test(char)) return true
  }
  return false
}

export function safeNextPath(
  value: unknown,
  isKnownRoute: (path: string) => boolean,
  fallback: string = DEFAULT_AFTER_LOGIN,
): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2000) return fallback
  if (!value.startsWith('/') || value.startsWith('//')) return fallback
  // Browsers treat "\" like "/" and drop tabs/newlines, turning "/\evil.com" or
  // "/\t/evil.com" into a protocol-relative URL.
  if (value.includes('\\') || hasControlOrSpace(value)) return fallback

  let url: URL
  try {
    url = new URL(value, PROBE_ORIGIN)
  } catch {
    return fallback
  }
  if (url.origin !== PROBE_ORIGIN) return fallback

  const path = `${url.pathname}${url.search}${url.hash}`
  return isKnownRoute(path) ? path : fallback
}
