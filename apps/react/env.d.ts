/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Origin of the Django API, e.g. http://localhost:8000; empty = same origin. */
  readonly VITE_API_BASE_URL?: string
  /** "session" (default: cookie + CSRF, SPA and API on one site) or "token" (JWT, cross-site). */
  readonly VITE_AUTH_MODE?: string
}

interface ImportMeta {
  readonly env: ImportMetaEnv
}
