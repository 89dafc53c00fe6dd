// Where the API's parts live. A module of its own so that the transport
// (client.ts) and the endpoint modules (auth.ts, mfa.ts, ...) both depend on
// it instead of on each other.

/**
 * How the app proves who is signed in. `session`: allauth's browser client,
 * HttpOnly session cookie + CSRF header (app and API on one site). `token`:
 * allauth's app client, JWTs in the Authorization header, no cookies (an app
 * on another site than the API). See the README's deployment section.
 */
export type AuthMode = 'session' | 'token'

/** allauth headless, "browser" client: HttpOnly session cookie + CSRF header. */
export const BROWSER_AUTH_BASE = '/api/auth/browser/v1'
/** allauth headless, "app" client: JWT access + rotating refresh tokens. */
export const APP_AUTH_BASE = '/api/auth/app/v1'
/** allauth's app client: exchanges a refresh token for a new pair. */
export const TOKEN_REFRESH_PATH = `${APP_AUTH_BASE}/tokens/refresh`
/** Tandem's endpoint answering `{"csrf_token": "..."}` (and setting the cookie). */
export const CSRF_PATH = '/api/csrf/'
/** Tandem's health check: also the probe that tells a CORS refusal from an outage. */
export const HEALTH_PATH = '/api/health/'

/** Where allauth's endpoints live for an auth mode. */
export function authBase(client: { readonly authMode: AuthMode }): string {
  return client.authMode === 'token' ? APP_AUTH_BASE : BROWSER_AUTH_BASE
}
