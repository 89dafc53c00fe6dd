import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { session } from './services/api'
import { installServiceStatus } from './stores/serviceStatus'
import { resetUserDataOnSignOut } from './stores/session'
import './style.css'

resetUserDataOnSignOut(session)
installServiceStatus()
// The one session request of this page load; pages wait for it (router/Guarded.tsx).
void session.restore()

createRoot(document.getElementById('app')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
