import { defineConfig, mergeConfig } from 'vitest/config'
import viteConfig from './vite.config.ts'

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      environment: 'jsdom',
      include: ['src/**/*.test.{ts,tsx}'],
      restoreMocks: true,
      unstubGlobals: true,
      passWithNoTests: false,
      // The router tests' first navigation compiles the lazily loaded pages:
      // seconds on a cold cache (a fresh clone in CI), not a hang.
      testTimeout: 30_000,
    },
  }),
)
