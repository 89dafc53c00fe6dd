import { vueAppConfig } from '../../tooling/eslint-vue.mjs'

export default vueAppConfig({
  ignores: ['dist/**', 'coverage/**'],
  nodeFiles: ['scripts/**/*.mjs', '*.config.{js,ts}'],
})
