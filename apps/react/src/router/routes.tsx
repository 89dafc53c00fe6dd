import { lazy, type ComponentType, type LazyExoticComponent } from 'react'
import HomePage from '@/pages/HomePage'
import { NOT_FOUND_PATH, routeTable, type RouteMeta, type RoutePath } from './paths'

export interface PageRoute {
  path: string
  meta: RouteMeta
  Page: ComponentType | LazyExoticComponent<ComponentType>
}

// Home is the landing page, so it ships in the initial bundle; the rest load on demand.
const pages: Record<RoutePath, PageRoute['Page']> = {
  '/': HomePage,
  '/account/signup': lazy(() => import('@/pages/SignupPage')),
  '/login': lazy(() => import('@/pages/LoginPage')),
  '/todos': lazy(() => import('@/pages/TodosPage')),
  '/dashboard': lazy(() => import('@/pages/DashboardPage')),
  '/posts': lazy(() => import('@/pages/PostsPage')),
  '/posts/new': lazy(() => import('@/pages/PostEditorPage')),
  '/posts/:id': lazy(() => import('@/pages/PostPage')),
  '/posts/:id/edit': lazy(() => import('@/pages/PostEditorPage')),
  '/account': lazy(() => import('@/pages/AccountPage')),
  '/account/verify-email': lazy(() => import('@/pages/account/CheckInboxPage')),
  '/account/verify-email/:key': lazy(() => import('@/pages/account/VerifyEmailPage')),
  '/account/password/reset': lazy(() => import('@/pages/account/ForgotPasswordPage')),
  '/account/password/reset/key/:key': lazy(() => import('@/pages/account/ResetPasswordPage')),
  '/account/sessions': lazy(() => import('@/pages/account/SessionsPage')),
  '/account/security': lazy(() => import('@/pages/account/SecurityPage')),
  '/login/verify': lazy(() => import('@/pages/account/LoginSecondFactorPage')),
  '/dev/outbox': lazy(() => import('@/pages/DevOutboxPage')),
  [NOT_FOUND_PATH]: lazy(() => import('@/pages/NotFoundPage')),
}

export const pageRoutes: PageRoute[] = routeTable.map((route) => ({ ...route, Page: pages[route.path] }))
