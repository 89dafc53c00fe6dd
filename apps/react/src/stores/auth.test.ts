import { describe, expect, it, vi } from 'vitest'
import { ANN, ANONYMOUS, AUTHENTICATED, fakeSession } from '@/test/fakeSession'

vi.mock('@/services/api', () => import('@/test/apiMock'))

const { createAuthStore } = await import('./auth')

describe('createAuthStore (the session as useSyncExternalStore reads it)', () => {
  it('returns the same snapshot until the session changes, then a new one', () => {
    const fake = fakeSession()
    const store = createAuthStore(fake.session)
    const first = store.getSnapshot()
    expect(store.getSnapshot()).toBe(first)
    expect(first).toMatchObject({ restored: false, isAuthenticated: false })

    fake.set({ state: AUTHENTICATED, user: ANN })
    const second = store.getSnapshot()
    expect(second).not.toBe(first)
    expect(second).toMatchObject({ restored: true, isAuthenticated: true, email: 'ann@example.com', displayName: 'Ann' })
    expect(store.getSnapshot()).toBe(second)
    expect(Object.isFrozen(second)).toBe(true)
  })

  it('maps a pending flow to the step the app shows', () => {
    const fake = fakeSession()
    const store = createAuthStore(fake.session)
    fake.set({ state: ANONYMOUS, pendingFlow: { id: 'mfa_authenticate', is_pending: true } as never })
    expect(store.getSnapshot().pendingStep).toBe('second-factor')
  })

  it('subscribes through the session and unsubscribes', () => {
    const fake = fakeSession()
    const store = createAuthStore(fake.session)
    const onChange = vi.fn()
    const stop = store.subscribe(onChange)
    fake.emit({ type: 'changed' })
    expect(onChange).toHaveBeenCalledTimes(1)
    stop()
    expect(fake.listenerCount()).toBe(0)
  })
})
