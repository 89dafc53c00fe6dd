import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

// Frameworks and UI libraries the client must never depend on: it is shared
// by the Vue, React and Nuxt apps and must run in any of them (and in Node).
const FRAMEWORKS = [
  'vue', 'vue-router', 'pinia', '@vue/*', 'nuxt', 'nuxt/*', '#app', '#imports',
  'react', 'react-dom', 'react-dom/*', 'react-router', 'react-router-dom', '@tanstack/*',
  'svelte', 'svelte/*', 'solid-js', '@angular/*', 'preact', 'preact/*',
]

export default tseslint.config(
  {
    // Generated API types are owned by openapi-typescript, not by us.
    ignores: ['dist/**', 'coverage/**', 'node_modules/**', 'src/generated/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      globals: { ...globals.browser },
    },
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: FRAMEWORKS, message: '@tandem/client is framework-free: no UI framework imports.' }] },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['scripts/**/*.mjs', '*.config.{js,ts}'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-console': 'off' },
  },
)
