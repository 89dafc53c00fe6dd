import { useEffect } from 'react'
import { BrowserRouter, Navigate, Route, Routes, useLocation, useNavigate, useParams } from 'react-router'
import { Layout } from '@/components/Layout'
import { Guarded } from '@/router/Guarded'
import { pageRoutes } from '@/router/routes'
import { followSessionChanges } from '@/router/session-loss'
import { session } from '@/services/api'

/** Follows session changes made elsewhere (another tab, another device) with a navigation. */
function SessionFollower() {
  const navigate = useNavigate()
  useEffect(() => followSessionChanges(session, navigate), [navigate])
  return null
}

// The shorter paths of earlier releases stay as redirects so old emails and bookmarks still work.
function SignupRedirect() {
  return <Navigate to={{ pathname: '/account/signup', search: useLocation().search }} replace />
}
function ResetKeyRedirect() {
  return <Navigate to={`/account/password/reset/key/${useParams().key ?? ''}`} replace />
}

export function App() {
  return (
    <BrowserRouter>
      <SessionFollower />
      <Routes>
        <Route element={<Layout />}>
          <Route path="/signup" element={<SignupRedirect />} />
          <Route path="/account/password/reset/:key" element={<ResetKeyRedirect />} />
          {pageRoutes.map(({ path, meta, Page }) => (
            <Route key={path} path={path} element={<Guarded meta={meta} Page={Page} />} />
          ))}
        </Route>
      </Routes>
    </BrowserRouter>
  )
}
