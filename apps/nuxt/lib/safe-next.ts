import { safeNextPath } from '@tandem/client'

/**
 * A path of this app to go to after logging in (the shared check of
 * @tandem/client: no other site, `//host`, `/\host`, control characters or
 * schemes); anything else goes to the todos, as in the SPAs. Every path may
 * name a page: Nuxt answers an unknown one with its own not-found page.
 */
export function safeNext(raw: unknown): string {
  return safeNextPath(raw, () => true)
}
