/** A same-site path to go to after logging in; anything else (another site, `//host`, `/\host`) goes home. */
export function safeNext(raw: unknown): string {
  if (typeof raw !== 'string' || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/'
  return raw
}
