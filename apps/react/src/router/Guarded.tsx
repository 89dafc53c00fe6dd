import { Suspense, useEffect, useState, type ComponentType } from 'react'
import { Navigate, useLocation } from 'react-router'
import { useAuth, type AuthSnapshot } from '@/stores/auth'
import { focusPage } from './focus'
import { loginPath, resolveNext, routeForStep, type RouteMeta } from './paths'

/** Where a visitor must go instead of this page, decided as the page is entered (like a router guard). */
export function redirectFor(meta: RouteMeta, auth: AuthSnapshot, location: { pathname: string; search: string }): string | null {
  if (meta.requiresAuth && !auth.isAuthenticated) {
    const fullPath = `${location.pathname}${location.search}`
    return routeForStep(auth.pendingStep, fullPath) ?? loginPath({ next: fullPath })
  }
  if (meta.guestOnly && auth.isAuthenticated) {
    return resolveNext(new URLSearchParams(location.search).get('next'))
  }
  return null
}

let navigated = false

/** Once the page of a new path is on screen (its lazy code loaded), focus moves into it; not on the first load. */
function FocusOnEnter({ pathname }: { pathname: string }) {
  useEffect(() => {
    if (!navigated) {
      navigated = true
      return
    }
    focusPage()
    window.scrollTo({ top: 0 })
  }, [pathname])
  return null
}

/**
 * A page behind its guard. The decision is made when the location is entered
 * and kept while the visitor stays, as a router's beforeEach would: a session
 * that changes under an open page is handled by router/session-loss.ts.
 */
export function Guarded({ meta, Page }: { meta: RouteMeta; Page: ComponentType }) {
  const auth = useAuth()
  const location = useLocation()
  const [decision, setDecision] = useState<{ key: string; to: string | null } | null>(null)
  // The first navigation waits for the one session request of this page load.
  if (auth.restored && decision?.key !== location.key) {
    setDecision({ key: location.key, to: redirectFor(meta, auth, location) })
  }

  useEffect(() => {
    const title = meta.title
    document.title = title && title !== 'Tandem' ? `${title} · Tandem` : 'Tandem'
  }, [meta.title])

  if (!decision || decision.key !== location.key) return null
  if (decision.to !== null) return <Navigate to={decision.to} replace />
  return (
    <Suspense fallback={null}>
      <Page />
      <FocusOnEnter pathname={location.pathname} />
    </Suspense>
  )
}
