import { describe, expect, it } from 'vitest'
import { safeNextPath } from './safeNext'

const known = (path: string) => ['/todos', '/account', '/'].includes(path.split(/[?#]/)[0]!)

describe('safeNextPath', () => {
  it.each([
    '//evil.com',
    '//evil.com/todos',
    'https://evil.com',
    'http://evil.com/todos',
    '/\\evil.com',
    '\\\\evil.com',
    '/\t/evil.com',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,hi',
    'todos',
    '',
    ' /todos',
  ])('rejects %j', (value) => {
    expect(safeNextPath(value, known)).toBe('/todos')
  })

  it('rejects non-string query values', () => {
    expect(safeNextPath(['/account'], known)).toBe('/todos')
    expect(safeNextPath(undefined, known)).toBe('/todos')
    expect(safeNextPath(null, known)).toBe('/todos')
  })

  it('accepts same-app paths, keeping query and hash', () => {
    expect(safeNextPath('/account', known)).toBe('/account')
    expect(safeNextPath('/todos?status=done#top', known)).toBe('/todos?status=done#top')
  })

  it('rejects paths that are not a known route', () => {
    expect(safeNextPath('/nope', known)).toBe('/todos')
  })

  it('uses the given fallback', () => {
    expect(safeNextPath('//evil.com', known, '/')).toBe('/')
  })
})
