import { vueAppConfig } from '../../tooling/eslint-vue.mjs'

export default vueAppConfig({
  ignores: ['.nuxt/**', '.output/**'],
  nodeFiles: ['server/**/*.ts', '*.config.{js,ts}'],
  rules: {
    // Nuxt auto-imports its composables and the app's; TypeScript (nuxt typecheck) checks every name.
    'no-undef': 'off',
  },
})
