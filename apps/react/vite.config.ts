import { fileURLToPath, URL } from 'node:url'
import tailwindcss from '@tailwindcss/vite'
import react from '@vitejs/plugin-react'
import { defaultClientConditions, defineConfig, type Plugin } from 'vite'

/** VITE_AUTH_MODE is read at build time: a typo must fail the build, not ship session mode. */
function authModeGuard(): Plugin {
  return {
    name: 'tandem-auth-mode-guard',
    configResolved(config) {
      const mode: unknown = config.env.VITE_AUTH_MODE
      if (mode !== undefined && mode !== '' && mode !== 'session' && mode !== 'token') {
        throw new Error(`VITE_AUTH_MODE must be "session" or "token" (got "${String(mode)}").`)
      }
    },
  }
}

export default defineConfig({
  base: '/',
  plugins: [react(), tailwindcss(), authModeGuard()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
    // Workspace packages are used from their TypeScript sources (their `source` export).
    conditions: ['source', ...defaultClientConditions],
  },
  server: {
    // "localhost" (not 127.0.0.1) so the SPA and Django on localhost:8000 are
    // the same site and SameSite cookies flow between them.
    host: 'localhost',
    port: 5173,
    strictPort: true,
  },
  preview: { host: 'localhost', port: 4173, strictPort: true },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: {
      output: {
        // One long-cached vendor chunk (React, React Router) that survives app deploys.
        // TanStack Query and the QR library (uqr) load with the first page that uses them.
        codeSplitting: { groups: [{ name: 'vendor', test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|cookie|set-cookie-parser)[\\/]/ }] },
      },
    },
  },
})
