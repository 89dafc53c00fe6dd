import { createRouter, createWebHistory, type Router, type RouterHistory, type RouteRecordRaw } from 'vue-router'
import HomePage from '@/pages/HomePage.vue'
import { useAuthStore } from '@/stores/auth'
import { safeNextPath } from './safe-next'

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
  {
    path: '/signup',
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
    path: '/account',
    name: 'account',
    component: () => import('@/pages/AccountPage.vue'),
    meta: { requiresAuth: true, title: 'Account' },
  },
  {
    path: '/:pathMatch(.*)*',
    name: NOT_FOUND,
    component: () => import('@/pages/NotFoundPage.vue'),
    meta: { title: 'Not found' },
  },
]

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
      return { name: 'login', query: { next: to.fullPath } }
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
