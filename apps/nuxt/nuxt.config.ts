import { fileURLToPath } from 'node:url'
import tailwindcss from '@tailwindcss/vite'

// Tandem's server-rendered client. The browser talks to one origin, this
// server's: pages are rendered here and `/api/**` is proxied to Django
// (server/routes/api/[...path].ts), so the session cookie stays first-party
// and no CORS is needed.
export default defineNuxtConfig({
  compatibilityDate: '2026-01-01',
  ssr: true,
  devtools: { enabled: false },
  telemetry: false,
  css: ['~/assets/main.css'],
  alias: {
    // Presentational components shared, unchanged, with the Vue SPA (see README).
    '#vue-ui': fileURLToPath(new URL('../vue/src/components', import.meta.url)),
    // The SPA's framework-only composables (vue + @tandem/client, no store, no module-level state).
    '#vue-composables': fileURLToPath(new URL('../vue/src/composables', import.meta.url)),
  },
  app: {
    head: {
      htmlAttrs: { lang: 'en' },
      title: 'Tandem',
      meta: [{ name: 'description', content: 'Tandem: a Django REST API and a server-rendered Vue app that work together securely.' }],
      link: [{ rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' }],
      bodyAttrs: { class: 'bg-zinc-50 text-zinc-900 antialiased' },
    },
  },
  routeRules: {
    // The headers Django sends with its own pages. The Content-Security-Policy, with a nonce
    // per rendered page, comes from server/plugins/security-headers.ts.
    '/**': {
      headers: {
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'same-origin',
        'X-Frame-Options': 'DENY',
        'Cross-Origin-Opener-Policy': 'same-origin',
      },
    },
  },
  runtimeConfig: {
    // Where the Nuxt server reaches Django (server side only): NUXT_API_ORIGIN at run time.
    apiOrigin: 'http://127.0.0.1:8000',
    // The proxies whose X-Forwarded-For/-Proto/-Host this server believes (NUXT_TRUSTED_PROXIES:
    // comma-separated addresses or CIDR ranges). Empty trusts none: the socket's peer is the visitor.
    trustedProxies: '',
  },
  typescript: {
    strict: true,
    typeCheck: false, // `npm run typecheck` (vue-tsc) is part of `make typecheck`
    // Workspace packages are typed from their TypeScript sources (their `source` export).
    tsConfig: { compilerOptions: { customConditions: ['source'] } },
    sharedTsConfig: { compilerOptions: { customConditions: ['source'] } },
  },
  vite: {
    plugins: [tailwindcss()],
    resolve: {
      // @tandem/client is used from its TypeScript sources, as in the SPAs.
      conditions: ['source'],
    },
  },
  nitro: {
    // Nitro bundles the client package too: read its TypeScript sources.
    exportConditions: ['source'],
    // The client package's sources use DOM types (fetch, WebAuthn) that the server's default lib lacks.
    typescript: { tsConfig: { compilerOptions: { customConditions: ['source'], lib: ['dom'] } } },
  },
})
