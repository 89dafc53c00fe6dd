import { Outlet } from 'react-router'
import { AppHeader } from './AppHeader'
import { ServiceStatusBanner } from './ServiceStatusBanner'

export function Layout() {
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:shadow"
      >
        Skip to content
      </a>
      <AppHeader />
      <ServiceStatusBanner />
      <main id="main" className="mx-auto w-full max-w-3xl px-4 py-8 sm:px-6 sm:py-12" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  )
}
