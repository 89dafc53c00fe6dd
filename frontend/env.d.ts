/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Origin of the Django API, e.g. http://localhost:8000; empty = same origin. */
  readonly VITE_API_BASE_URL?: string
}

interface ImportMeta {
  readonly env: ImportMetaEnv
}
