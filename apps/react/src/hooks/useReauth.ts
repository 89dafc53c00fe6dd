import { useCallback, useState } from 'react'
import { ApiError, isReauthenticationRequired, reauthenticationFlows, type AuthFlow } from '@tandem/client'

export const REAUTH_CANCELLED = 'reauthentication_cancelled'

export interface ReauthRequest {
  flows: AuthFlow[]
  done: (ok: boolean) => void
}

/**
 * Sensitive actions (delete account, MFA changes, change email) need a recent
 * re-authentication. `guard(action)` runs the action; when allauth answers
 * "prove it is you" it shows the prompt (`request`), waits for the user, and
 * retries once.
 */
export function useReauth() {
  const [request, setRequest] = useState<ReauthRequest | null>(null)

  const guard = useCallback(async <T,>(action: () => Promise<T>): Promise<T> => {
    try {
      return await action()
    } catch (error) {
      if (!isReauthenticationRequired(error)) throw error
      const ok = await new Promise<boolean>((resolve) => {
        setRequest({ flows: reauthenticationFlows(error), done: resolve })
      })
      setRequest(null)
      if (!ok) {
        throw new ApiError(401, [{ code: REAUTH_CANCELLED, message: 'Cancelled: confirm it is you to continue.' }])
      }
      return action()
    }
  }, [])

  return { request, guard }
}
