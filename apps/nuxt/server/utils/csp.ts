import { randomBytes } from 'node:crypto'

// The Content-Security-Policy of every Nuxt response: Django's policy for the
// SPAs (backend/config/settings.py, CONTENT_SECURITY_POLICY), plus a fresh
// nonce per rendered page for the inline scripts and styles Nuxt emits (the
// app's runtime config `window.__NUXT__`, any inlined CSS). No 'unsafe-inline',
// no 'unsafe-eval': an injected script or style without the nonce does not run.

/** 128 random bits, base64: unguessable, new for every response. */
export function newNonce(): string {
  return randomBytes(16).toString('base64')
}

export function contentSecurityPolicy(nonce?: string): string {
  const withNonce = nonce ? ` 'nonce-${nonce}'` : ''
  return [
    "default-src 'self'",
    `script-src 'self'${withNonce}`,
    `style-src 'self'${withNonce}`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}

// An opening <script> or <style> tag that has no nonce yet. Text in the page
// cannot look like one: Vue escapes `<` in rendered text, and the JSON payload
// escapes it as \u003C.
const UNNONCED_TAG = /<(script|style)\b(?![^>]*\snonce=)/gi

/** Gives every <script> and <style> tag of a rendered chunk the response's nonce. */
export function addNonce(chunk: string, nonce: string): string {
  return chunk.replace(UNNONCED_TAG, `<$1 nonce="${nonce}"`)
}
