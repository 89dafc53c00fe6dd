import { QueryClient } from '@tanstack/react-query'
import { ApiError } from '@tandem/client'
import { onSignOut } from '@/stores/session'

/**
 * Server state (dashboard, a post, the account's lists) in TanStack Query's
 * cache. Pages pass this client to its hooks (no provider at the root), so the
 * library loads with the first page that needs it, not with the app shell.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // The client already retries what is worth retrying (CSRF, token refresh); a 4xx is an answer.
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 1,
      refetchOnWindowFocus: false,
    },
  },
})

// Nothing of one user stays in the cache for whoever uses this tab next.
onSignOut(() => queryClient.clear())
