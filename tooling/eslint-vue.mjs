// The ESLint rules every Vue app of the workspace follows (the Vue SPA and the
// Nuxt app), in one place so the two cannot drift apart. Each app adds only
// what is its own: the folders it ignores and the files that run in Node.
import js from '@eslint/js'
import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/**
 * @param {{ ignores: string[], nodeFiles: string[], rules?: Record<string, unknown> }} app
 */
export function vueAppConfig({ ignores, nodeFiles, rules = {} }) {
  return tseslint.config(
    { ignores: [...ignores, 'node_modules/**'] },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    ...pluginVue.configs['flat/recommended'],
    {
      files: ['**/*.vue'],
      languageOptions: {
        parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] },
      },
    },
    {
      languageOptions: {
        ecmaVersion: 'latest',
        sourceType: 'module',
        globals: { ...globals.browser },
      },
      rules: {
        // User data is never rendered as HTML.
        'vue/no-v-html': 'error',
        'vue/multi-word-component-names': 'off',
        'vue/block-lang': ['error', { script: { lang: 'ts' } }],
        'vue/component-api-style': ['error', ['script-setup']],
        'vue/define-macros-order': 'error',
        'vue/no-unused-refs': 'error',
        'vue/require-explicit-emits': 'error',
        // Formatting is left to the editor; these fight with it.
        'vue/max-attributes-per-line': 'off',
        'vue/singleline-html-element-content-newline': 'off',
        'vue/html-self-closing': 'off',
        'vue/html-indent': 'off',
        'vue/html-closing-bracket-newline': 'off',
        'vue/multiline-html-element-content-newline': 'off',
        '@typescript-eslint/consistent-type-imports': 'error',
        '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
        'no-console': ['error', { allow: ['warn', 'error'] }],
        eqeqeq: ['error', 'always'],
        ...rules,
      },
    },
    {
      files: nodeFiles,
      languageOptions: { globals: { ...globals.node } },
      rules: { 'no-console': 'off' },
    },
  )
}
