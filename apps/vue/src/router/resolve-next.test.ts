import { describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { resolveNext, routes } from './index'

describe('resolveNext with the real routes', () => {
  const router = createRouter({ history: createMemoryHistory(), routes })

  it('allows real pages and refuses the not-found catch-all', () => {
    expect(resolveNext(router, '/account')).toBe('/account')
    expect(resolveNext(router, '/no-such-page')).toBe('/todos')
    expect(resolveNext(router, '//evil.com')).toBe('/todos')
    expect(resolveNext(router, '/\\evil.com')).toBe('/todos')
    expect(resolveNext(router, 'https://evil.com')).toBe('/todos')
    expect(resolveNext(router, 'javascript:alert(1)')).toBe('/todos')
  })
})
