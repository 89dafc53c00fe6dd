/** `?reason=` values the login page explains (the same as the SPAs'). */
export const SESSION_ENDED = 'session-ended'
export const LOGGED_OUT_ELSEWHERE = 'logged-out-elsewhere'
