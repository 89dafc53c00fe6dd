import {
  createRouter,
  createWebHistory,
  type RouteLocationRaw,
  type Router,
  type RouterHistory,
  type RouteRecordRaw,
} from 'vue-router'
import type { AuthStep } from '@tandem/client'
import HomePage from '@/pages/HomePage.vue'
import { useAuthStore } from '@/stores/auth'
import { safeNextPath } from '@tandem/client'

declare module 'vue-router' {
  interface RouteMeta {
    /** Anonymous visitors are sent to the login page. */
    requiresAuth?: boolean
    /** Signed-in visitors are sent on (login and signup pages). */
    guestOnly?: boolean
    title?: string
  }
}

export const NOT_FOUND = 'not-found'

export const routes: RouteRecordRaw[] = [
  // Home is the landing page, so it ships in the initial bundle; the rest load on demand.
  { path: '/', name: 'home', component: HomePage, meta: { title: 'Tandem' } },
  // Emailed links follow allauth's conventional frontend routes
  // (/account/signup, /account/password/reset/key/:key); the shorter paths of
  // earlier releases stay as redirects so old emails and bookmarks still work.
  { path: '/signup', redirect: (to) => ({ path: '/account/signup', query: to.query }) },
  {
    path: '/account/signup',
    name: 'signup',
    component: () => import('@/pages/SignupPage.vue'),
    meta: { guestOnly: true, title: 'Sign up' },
  },
  {
    path: '/login',
    name: 'login',
    component: () => import('@/pages/LoginPage.vue'),
    meta: { guestOnly: true, title: 'Log in' },
  },
  {
    path: '/todos',
    name: 'todos',
    component: () => import('@/pages/TodosPage.vue'),
    meta: { requiresAuth: true, title: 'Todos' },
  },
  {
    path: '/dashboard',
    name: 'dashboard',
    component: () => import('@/pages/DashboardPage.vue'),
    meta: { requiresAuth: true, title: 'Dashboard' },
  },
  {
    path: '/posts',
    name: 'posts',
    component: () => import('@/pages/PostsPage.vue'),
    meta: { requiresAuth: true, title: 'Posts' },
  },
  {
    path: '/posts/new',
    name: 'post-new',
    component: () => import('@/pages/PostEditorPage.vue'),
    meta: { requiresAuth: true, title: 'New post' },
  },
  {
    path: '/posts/:id(\\d+)',
    name: 'post',
    component: () => import('@/pages/PostPage.vue'),
    props: true,
    meta: { requiresAuth: true, title: 'Post' },
  },
  {
    path: '/posts/:id(\\d+)/edit',
    name: 'post-edit',
    component: () => import('@/pages/PostEditorPage.vue'),
    props: true,
    meta: { requiresAuth: true, title: 'Edit post' },
  },
  {
    path: '/account',
    name: 'account',
    component: () => import('@/pages/AccountPage.vue'),
    meta: { requiresAuth: true, title: 'Account' },
  },
  // --- Account lifecycle (email verification, password reset, MFA, sessions) ---
  {
    path: '/account/verify-email',
    name: 'verify-email-sent',
    component: () => import('@/pages/account/CheckInboxPage.vue'),
    meta: { title: 'Check your inbox' },
  },
  {
    path: '/account/verify-email/:key',
    name: 'verify-email',
    component: () => import('@/pages/account/VerifyEmailPage.vue'),
    meta: { title: 'Verify your email' },
  },
  {
    path: '/account/password/reset',
    name: 'forgot-password',
    component: () => import('@/pages/account/ForgotPasswordPage.vue'),
    meta: { title: 'Reset your password' },
  },
  { path: '/account/password/reset/:key', redirect: (to) => `/account/password/reset/key/${String(to.params.key)}` },
  {
    path: '/account/password/reset/key/:key',
    name: 'reset-password',
    component: () => import('@/pages/account/ResetPasswordPage.vue'),
    meta: { title: 'Choose a new password' },
  },
  {
    path: '/account/sessions',
    name: 'account-sessions',
    component: () => import('@/pages/account/SessionsPage.vue'),
    meta: { requiresAuth: true, title: 'Sessions and devices' },
  },
  {
    path: '/account/security',
    name: 'account-security',
    component: () => import('@/pages/account/SecurityPage.vue'),
    meta: { requiresAuth: true, title: 'Two-factor authentication' },
  },
  {
    path: '/login/verify',
    name: 'login-mfa',
    component: () => import('@/pages/account/LoginSecondFactorPage.vue'),
    meta: { title: 'Two-factor authentication' },
  },
  {
    path: '/dev/outbox',
    name: 'dev-outbox',
    component: () => import('@/pages/DevOutboxPage.vue'),
    meta: { title: 'Dev outbox' },
  },
  {
    path: '/:pathMatch(.*)*',
    name: NOT_FOUND,
    component: () => import('@/pages/NotFoundPage.vue'),
    meta: { title: 'Not found' },
  },
]

/**
 * The page for a login step the server says is still due (see FLOW_STEPS in
 * @tandem/client), keeping `next`; null when the step has no page of its own.
 */
export function routeForStep(step: AuthStep | null, next?: unknown): RouteLocationRaw | null {
  const query = typeof next === 'string' && next ? { next } : {}
  switch (step) {
    // Signed up but not verified yet: the app stays closed until the emailed link is opened.
    case 'verify-email':
      return { name: 'verify-email-sent' }
    // Password given, second factor still due (also after a reload mid-login).
    case 'second-factor':
      return { name: 'login-mfa', query }
    default:
      return null
  }
}

/** Where to go after login: `next` when it is a safe path to a real page. */
export function resolveNext(router: Router, next: unknown): string {
  return safeNextPath(next, (path) => {
    const target = router.resolve(path)
    return target.matched.length > 0 && target.name !== NOT_FOUND
  })
}

export function createAppRouter(history: RouterHistory = createWebHistory(import.meta.env.BASE_URL)): Router {
  const router = createRouter({
    history,
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  })

  router.beforeEach(async (to) => {
    const auth = useAuthStore()
    // The first navigation waits for the one session request of this page load.
    await auth.restore()

    if (to.meta.requiresAuth && !auth.isAuthenticated) {
      return routeForStep(auth.pendingStep, to.fullPath) ?? { name: 'login', query: { next: to.fullPath } }
    }
    if (to.meta.guestOnly && auth.isAuthenticated) {
      return resolveNext(router, to.query.next)
    }
    return true
  })

  router.afterEach((to) => {
    const title = to.meta.title
    document.title = title && title !== 'Tandem' ? `${title} · Tandem` : 'Tandem'
  })

  return router
}
