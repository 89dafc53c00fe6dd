import { watch, type Ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import type { ApiError } from '@/api'
import { useAuthStore } from '@/stores/auth'
import { clearClientState } from '@/stores/session'

/**
 * When a request of this page answers 401 the session ended elsewhere (logout
 * in another tab, expiry): forget the user and go to login, remembering the page.
 */
export function useSessionExpiry(error: Ref<ApiError | null | undefined>): void {
  const route = useRoute()
  const router = useRouter()
  const auth = useAuthStore()
  watch(error, async (current) => {
    // Already signed out (e.g. by a client-wide 401 handler): nothing left to do.
    if (current?.status === 401 && auth.isAuthenticated) {
      clearClientState()
      await router.replace({ name: 'login', query: { next: route.fullPath } })
    }
  })
}
