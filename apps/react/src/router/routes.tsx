import { lazy, type ComponentType, type LazyExoticComponent } from 'react'
import { matchRoutes } from 'react-router'
import type { AuthStep } from '@tandem/client'
import HomePage from '@/pages/HomePage'
import { safeNextPath } from '@tandem/client'

/** What each page declares. */
export interface RouteMeta {
  /** Anonymous visitors are sent to the login page. */
  requiresAuth?: boolean
  /** Signed-in visitors are sent on (login and signup pages). */
  guestOnly?: boolean
  title?: string
}

export interface PageRoute {
  path: string
  meta: RouteMeta
  Page: ComponentType | LazyExoticComponent<ComponentType>
}

export const NOT_FOUND_PATH = '*'

/** Matches paths made of digits only (Vue's `:id(\d+)`); other ids show "not found". */
export function numericId(value: string | undefined): number | null {
  return value && /^\d+$/.test(value) ? Number(value) : null
}

// Home is the landing page, so it ships in the initial bundle; the rest load on demand.
export const pageRoutes: PageRoute[] = [
  { path: '/', meta: { title: 'Tandem' }, Page: HomePage },
  { path: '/account/signup', meta: { guestOnly: true, title: 'Sign up' }, Page: lazy(() => import('@/pages/SignupPage')) },
  { path: '/login', meta: { guestOnly: true, title: 'Log in' }, Page: lazy(() => import('@/pages/LoginPage')) },
  { path: '/todos', meta: { requiresAuth: true, title: 'Todos' }, Page: lazy(() => import('@/pages/TodosPage')) },
  { path: '/dashboard', meta: { requiresAuth: true, title: 'Dashboard' }, Page: lazy(() => import('@/pages/DashboardPage')) },
  { path: '/posts', meta: { requiresAuth: true, title: 'Posts' }, Page: lazy(() => import('@/pages/PostsPage')) },
  { path: '/posts/new', meta: { requiresAuth: true, title: 'New post' }, Page: lazy(() => import('@/pages/PostEditorPage')) },
  { path: '/posts/:id', meta: { requiresAuth: true, title: 'Post' }, Page: lazy(() => import('@/pages/PostPage')) },
  { path: '/posts/:id/edit', meta: { requiresAuth: true, title: 'Edit post' }, Page: lazy(() => import('@/pages/PostEditorPage')) },
  { path: '/account', meta: { requiresAuth: true, title: 'Account' }, Page: lazy(() => import('@/pages/AccountPage')) },
  // Account lifecycle (email verification, password reset, MFA, sessions)
  { path: '/account/verify-email', meta: { title: 'Check your inbox' }, Page: lazy(() => import('@/pages/account/CheckInboxPage')) },
  { path: '/account/verify-email/:key', meta: { title: 'Verify your email' }, Page: lazy(() => import('@/pages/account/VerifyEmailPage')) },
  { path: '/account/password/reset', meta: { title: 'Reset your password' }, Page: lazy(() => import('@/pages/account/ForgotPasswordPage')) },
  {
    path: '/account/password/reset/key/:key',
    meta: { title: 'Choose a new password' },
    Page: lazy(() => import('@/pages/account/ResetPasswordPage')),
  },
  {
    path: '/account/sessions',
    meta: { requiresAuth: true, title: 'Sessions and devices' },
    Page: lazy(() => import('@/pages/account/SessionsPage')),
  },
  {
    path: '/account/security',
    meta: { requiresAuth: true, title: 'Two-factor authentication' },
    Page: lazy(() => import('@/pages/account/SecurityPage')),
  },
  { path: '/login/verify', meta: { title: 'Two-factor authentication' }, Page: lazy(() => import('@/pages/account/LoginSecondFactorPage')) },
  { path: '/dev/outbox', meta: { title: 'Dev outbox' }, Page: lazy(() => import('@/pages/DevOutboxPage')) },
  { path: NOT_FOUND_PATH, meta: { title: 'Not found' }, Page: lazy(() => import('@/pages/NotFoundPage')) },
]

/**
 * The page for a login step the server says is still due (see FLOW_STEPS in
 * @tandem/client), keeping `next`; null when the step has no page of its own.
 */
export function routeForStep(step: AuthStep | null, next?: unknown): string | null {
  switch (step) {
    // Signed up but not verified yet: the app stays closed until the emailed link is opened.
    case 'verify-email':
      return '/account/verify-email'
    // Password given, second factor still due (also after a reload mid-login).
    case 'second-factor':
      return typeof next === 'string' && next ? `/login/verify?${new URLSearchParams({ next })}` : '/login/verify'
    default:
      return null
  }
}

export function loginPath(query: Record<string, string> = {}): string {
  const search = new URLSearchParams(query).toString()
  return search ? `/login?${search}` : '/login'
}

const matchable = pageRoutes.map((route) => ({ path: route.path }))

/** True when `path` shows a real page (not the catch-all "not found"). */
export function isKnownRoute(path: string): boolean {
  const pathname = path.split(/[?#]/)[0] ?? path
  const leaf = matchRoutes(matchable, pathname)?.at(-1)
  if (!leaf || leaf.route.path === NOT_FOUND_PATH) return false
  // Post ids are digits only.
  return leaf.params.id === undefined || numericId(leaf.params.id) !== null
}

/** Where to go after login: `next` when it is a safe path to a real page. */
export function resolveNext(next: unknown): string {
  return safeNextPath(next, isKnownRoute)
}
