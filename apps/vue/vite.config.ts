import { fileURLToPath, URL } from 'node:url'
import tailwindcss from '@tailwindcss/vite'
import vue from '@vitejs/plugin-vue'
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
  plugins: [vue(), tailwindcss(), authModeGuard()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
    // Workspace packages are used from their TypeScript sources (their `source`
    // export): one build, hot reload across the package, no stale dist/.
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
        // One long-cached vendor chunk (Vue, router, Pinia) that survives app deploys.
        // @tandem/client is linked from the workspace (not under node_modules/ once
        // resolved), so it travels with the app's code.
        // The QR library (uqr) stays out of it: it loads with the MFA page only.
        codeSplitting: { groups: [{ name: 'vendor', test: /[\\/]node_modules[\\/](?!uqr[\\/])/ }] },
      },
    },
  },
})
