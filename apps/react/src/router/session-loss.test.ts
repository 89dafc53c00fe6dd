import { describe, expect, it, vi } from 'vitest'
import { fakeSession } from '@/test/fakeSession'
import { LOGGED_OUT_ELSEWHERE, SESSION_ENDED, followSessionChanges } from './session-loss'

vi.mock('@/services/api', () => import('@/test/apiMock'))

function at(pathname: string, search = '', hash = '') {
  return () => ({ pathname, search, hash })
}

describe('followSessionChanges', () => {
  it('sends a lost session to login, keeping the place', () => {
    const fake = fakeSession()
    const navigate = vi.fn()
    followSessionChanges(fake.session, navigate, at('/posts/3', '?x=1', '#c'))
    fake.emit({ type: 'lost' })
    const to = new URL(navigate.mock.calls[0]![0] as string, 'http://x')
    expect(to.pathname).toBe('/login')
    expect(to.searchParams.get('next')).toBe('/posts/3?x=1#c')
    expect(to.searchParams.get('reason')).toBe(SESSION_ENDED)
    expect(navigate.mock.calls[0]![1]).toEqual({ replace: true })
  })

  it('says so when another tab logged out, and ignores this tab’s own logout', () => {
    const fake = fakeSession()
    const navigate = vi.fn()
    followSessionChanges(fake.session, navigate, at('/todos'))
    fake.emit({ type: 'signed-out', elsewhere: false })
    expect(navigate).not.toHaveBeenCalled()
    fake.emit({ type: 'signed-out', elsewhere: true })
    expect(navigate).toHaveBeenCalledWith(`/login?reason=${LOGGED_OUT_ELSEWHERE}`, { replace: true })
  })

  it('moves a tab waiting on the login page on when another tab logs in, to a safe next only', () => {
    const fake = fakeSession()
    const navigate = vi.fn()
    followSessionChanges(fake.session, navigate, at('/login', '?next=%2F%2Fevil.com'))
    fake.emit({ type: 'signed-in', elsewhere: true })
    expect(navigate).toHaveBeenCalledWith('/todos', { replace: true })

    const onTodos = vi.fn()
    followSessionChanges(fake.session, onTodos, at('/todos'))
    fake.emit({ type: 'signed-in', elsewhere: true })
    expect(onTodos).not.toHaveBeenCalled()
  })
})
