// The Vite settings both SPAs (apps/vue, apps/react) build with, in one place:
// each app passes its framework's plugin and what goes in its vendor chunk.
import { fileURLToPath, URL } from 'node:url'
import tailwindcss from '@tailwindcss/vite'
import { defaultClientConditions, defineConfig, type PluginOption, type Plugin, type UserConfig } from 'vite'

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

export interface SpaOptions {
  /** The app's own folder (`new URL('.', import.meta.url)` in its vite.config.ts): `@` names its src/. */
  appRoot: URL
  framework: PluginOption
  /** Modules that go in the long-cached vendor chunk, which survives app deploys. */
  vendor: RegExp
}

export function spaConfig({ appRoot, framework, vendor }: SpaOptions): UserConfig {
  return defineConfig({
    base: '/',
    plugins: [framework, tailwindcss(), authModeGuard()],
    resolve: {
      alias: { '@': fileURLToPath(new URL('./src', appRoot)) },
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
        output: { codeSplitting: { groups: [{ name: 'vendor', test: vendor }] } },
      },
    },
  })
}
