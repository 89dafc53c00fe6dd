import { matchRoutes } from 'react-router'
import type { Session } from '@tandem/client'
import { loginPath, resolveNext, routeTable } from './paths'

/** `?reason=` values the login page explains. */
export const SESSION_ENDED = 'session-ended'
export const LOGGED_OUT_ELSEWHERE = 'logged-out-elsewhere'

export type Navigate = (to: string, options: { replace: true }) => void | Promise<void>
type Where = { pathname: string; search: string; hash: string }

function isGuestOnly(pathname: string): boolean {
  const leaf = matchRoutes([...routeTable], pathname)?.at(-1)
  return !!leaf?.route.meta.guestOnly
}

/**
 * Where the app goes when the session changes outside the page's own doing:
 * - lost (ended from another device, expired, password reset elsewhere,
 *   refresh token refused): to login, remembering the page;
 * - logged out in another tab: to login, saying so;
 * - logged in in another tab: a tab on login or signup moves on.
 * What the user does here (log out, delete the account) navigates from the page.
 */
export function followSessionChanges(session: Session, navigate: Navigate, where: () => Where = () => window.location): () => void {
  return session.subscribe((event) => {
    const { pathname, search, hash } = where()
    if (event.type === 'lost') {
      void navigate(loginPath({ next: `${pathname}${search}${hash}`, reason: SESSION_ENDED }), { replace: true })
    } else if (event.type === 'signed-out' && event.elsewhere) {
      void navigate(loginPath({ reason: LOGGED_OUT_ELSEWHERE }), { replace: true })
    } else if (event.type === 'signed-in' && event.elsewhere && isGuestOnly(pathname)) {
      void navigate(resolveNext(new URLSearchParams(search).get('next')), { replace: true })
    }
  })
}
