import { describe, expect, it } from 'vitest'
import { resolveNext } from './paths'

describe('resolveNext with the real routes', () => {
  it('allows real pages and refuses the not-found catch-all', () => {
    expect(resolveNext('/account')).toBe('/account')
    expect(resolveNext('/no-such-page')).toBe('/todos')
    expect(resolveNext('//evil.com')).toBe('/todos')
    expect(resolveNext('/\\evil.com')).toBe('/todos')
    expect(resolveNext('https://evil.com')).toBe('/todos')
    expect(resolveNext('javascript:alert(1)')).toBe('/todos')
  })
})
