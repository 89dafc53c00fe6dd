import { Link, NavLink } from 'react-router'
import { useLogout } from '@/hooks/useLogout'
import { useAuth } from '@/stores/auth'

const linkClass =
  'rounded-md px-2.5 py-1.5 text-sm font-medium text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500'
const activeClass = 'bg-zinc-100 text-zinc-900'
const navClass = ({ isActive }: { isActive: boolean }) => (isActive ? `${linkClass} ${activeClass}` : linkClass)

export function AppHeader() {
  const { isAuthenticated, displayName, restored } = useAuth()
  const { logout, pending, error } = useLogout()

  return (
    <header className="border-b border-zinc-200 bg-white/80 backdrop-blur">
      <div className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-3 px-4 py-3 sm:px-6">
        <Link
          to="/"
          className="flex items-center gap-2 rounded-md text-base font-semibold tracking-tight focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
        >
          <span className="grid size-7 place-items-center rounded-lg bg-indigo-600 text-sm text-white" aria-hidden="true">
            T
          </span>
          Tandem
        </Link>

        {restored && (
          <nav aria-label="Main" className="flex flex-wrap items-center gap-1">
            {isAuthenticated ? (
              <>
                <NavLink to="/dashboard" className={navClass}>
                  Dashboard
                </NavLink>
                <NavLink to="/todos" className={navClass}>
                  Todos
                </NavLink>
                <NavLink to="/posts" className={navClass}>
                  Posts
                </NavLink>
                <NavLink to="/account" className={navClass}>
                  Account
                </NavLink>
                <span className="hidden max-w-48 truncate px-2 text-sm text-zinc-500 sm:inline" data-testid="header-user">
                  {displayName}
                </span>
                <button type="button" className={linkClass} disabled={pending} onClick={() => void logout()}>
                  Log out
                </button>
              </>
            ) : (
              <>
                <NavLink to="/login" className={navClass}>
                  Log in
                </NavLink>
                <Link
                  to="/account/signup"
                  className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2"
                >
                  Sign up
                </Link>
              </>
            )}
          </nav>
        )}
      </div>
      {error && (
        <p role="alert" className="mx-auto max-w-3xl px-4 pb-3 text-sm text-red-600 sm:px-6">
          Could not log out: {error}
        </p>
      )}
    </header>
  )
}
