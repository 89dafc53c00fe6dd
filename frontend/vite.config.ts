import { fileURLToPath, URL } from 'node:url'
import tailwindcss from '@tailwindcss/vite'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'

export default defineConfig({
  base: '/',
  plugins: [vue(), tailwindcss()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
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
        // The QR library (uqr) stays out of it: it loads with the MFA page only.
        codeSplitting: { groups: [{ name: 'vendor', test: /[\\/]node_modules[\\/](?!uqr[\\/])/ }] },
      },
    },
  },
})
