import { PENDING_EMAIL_COOKIE, PENDING_EMAIL_COOKIE_OPTIONS } from '../../lib/pending-email'

/**
 * The address the last signup (or a login awaiting verification) used, shown
 * on the "Check your inbox" page. A cookie rather than page state so the
 * JavaScript-free signup can hand it to the next page too; it only ever holds
 * the visitor's own address and is dropped once the address is verified or
 * the signup abandoned.
 */
export function usePendingEmail() {
  return useCookie<string | null>(PENDING_EMAIL_COOKIE, { ...PENDING_EMAIL_COOKIE_OPTIONS, default: () => null })
}
