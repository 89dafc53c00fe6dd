import { useState } from 'react'
import { useNavigate } from 'react-router'
import { errorMessage } from '@tandem/client'
import { session } from '@/services/api'

export function useLogout() {
  const navigate = useNavigate()
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)

  async function logout(): Promise<void> {
    if (pending) return
    setPending(true)
    setError(null)
    try {
      await session.logout()
    } catch (caught) {
      // The server session may still be alive: say so instead of pretending.
      setError(errorMessage(caught))
      return
    } finally {
      setPending(false)
    }
    await navigate('/login')
  }

  return { logout, pending, error }
}
