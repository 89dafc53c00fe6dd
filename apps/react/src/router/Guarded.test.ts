import { describe, expect, it, vi } from 'vitest'
import type { AuthSnapshot } from '@/stores/auth'
import { redirectFor } from './Guarded'

vi.mock('@/services/api', () => import('@/test/apiMock'))

const signedOut = { isAuthenticated: false, pendingStep: null } as AuthSnapshot
const signedIn = { isAuthenticated: true, pendingStep: null } as AuthSnapshot

describe('redirectFor (the page guard)', () => {
  it('sends an anonymous visitor of a private page to login with the page as next', () => {
    expect(redirectFor({ requiresAuth: true }, signedOut, { pathname: '/todos', search: '?status=done' })).toBe(
      '/login?next=%2Ftodos%3Fstatus%3Ddone',
    )
  })

  it('sends a visitor mid-login to the step still due', () => {
    expect(redirectFor({ requiresAuth: true }, { ...signedOut, pendingStep: 'second-factor' }, { pathname: '/posts', search: '' })).toBe(
      '/login/verify?next=%2Fposts',
    )
    expect(redirectFor({ requiresAuth: true }, { ...signedOut, pendingStep: 'verify-email' }, { pathname: '/posts', search: '' })).toBe(
      '/account/verify-email',
    )
  })

  it('sends a signed-in visitor of login on to a safe next only', () => {
    expect(redirectFor({ guestOnly: true }, signedIn, { pathname: '/login', search: '?next=/account' })).toBe('/account')
    expect(redirectFor({ guestOnly: true }, signedIn, { pathname: '/login', search: '?next=//evil.com' })).toBe('/todos')
    expect(redirectFor({ guestOnly: true }, signedIn, { pathname: '/login', search: '?next=/posts/abc' })).toBe('/todos')
  })

  it('lets everyone else through', () => {
    expect(redirectFor({ requiresAuth: true }, signedIn, { pathname: '/todos', search: '' })).toBeNull()
    expect(redirectFor({ guestOnly: true }, signedOut, { pathname: '/login', search: '' })).toBeNull()
    expect(redirectFor({}, signedOut, { pathname: '/', search: '' })).toBeNull()
  })
})
