import { matchRoutes } from 'react-router'
import type { AuthStep } from '@tandem/client'
import { safeNextPath } from '@tandem/client'

// The app's paths and what each requires, without the pages themselves: guards,
// the login flow and the session-loss handler import this, and the pages import
// its helpers, so nothing here may import a page (routes.tsx maps paths to pages).

/** What each page declares. */
export interface RouteMeta {
  /** Anonymous visitors are sent to the login page. */
  requiresAuth?: boolean
  /** Signed-in visitors are sent on (login and signup pages). */
  guestOnly?: boolean
  title?: string
}

export const NOT_FOUND_PATH = '*'

/** Matches paths made of digits only (Vue's `:id(\d+)`); other ids show "not found". */
export function numericId(value: string | undefined): number | null {
  return value && /^\d+$/.test(value) ? Number(value) : null
}

const table = [
  { path: '/', meta: { title: 'Tandem' } },
  { path: '/account/signup', meta: { guestOnly: true, title: 'Sign up' } },
  { path: '/login', meta: { guestOnly: true, title: 'Log in' } },
  { path: '/todos', meta: { requiresAuth: true, title: 'Todos' } },
  { path: '/dashboard', meta: { requiresAuth: true, title: 'Dashboard' } },
  { path: '/posts', meta: { requiresAuth: true, title: 'Posts' } },
  { path: '/posts/new', meta: { requiresAuth: true, title: 'New post' } },
  { path: '/posts/:id', meta: { requiresAuth: true, title: 'Post' } },
  { path: '/posts/:id/edit', meta: { requiresAuth: true, title: 'Edit post' } },
  { path: '/account', meta: { requiresAuth: true, title: 'Account' } },
  { path: '/account/verify-email', meta: { title: 'Check your inbox' } },
  { path: '/account/verify-email/:key', meta: { title: 'Verify your email' } },
  { path: '/account/password/reset', meta: { title: 'Reset your password' } },
  { path: '/account/password/reset/key/:key', meta: { title: 'Choose a new password' } },
  { path: '/account/sessions', meta: { requiresAuth: true, title: 'Sessions and devices' } },
  { path: '/account/security', meta: { requiresAuth: true, title: 'Two-factor authentication' } },
  { path: '/login/verify', meta: { title: 'Two-factor authentication' } },
  { path: '/dev/outbox', meta: { title: 'Dev outbox' } },
  { path: NOT_FOUND_PATH, meta: { title: 'Not found' } },
] as const satisfies readonly { path: string; meta: RouteMeta }[]

export type RoutePath = (typeof table)[number]['path']

/** Every path the app has, in matching order (the catch-all last). */
export const routeTable: readonly { path: RoutePath; meta: RouteMeta }[] = table

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

const matchable = routeTable.map((route) => ({ path: route.path }))

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
