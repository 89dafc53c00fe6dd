/**
 * The cookie holding the address the last signup used, for the "Check your
 * inbox" page (app/composables/usePendingEmail.ts), set by the page or by the
 * JavaScript-free signup (server/routes/forms/signup.post.ts).
 */
export const PENDING_EMAIL_COOKIE = 'tandem_pending_email'
export const PENDING_EMAIL_COOKIE_OPTIONS = { sameSite: 'lax', path: '/' } as const
