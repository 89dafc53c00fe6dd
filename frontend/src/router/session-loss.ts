import type { Router } from 'vue-router'
import { apiClient } from '@/services/api'
import { useAuthStore } from '@/stores/auth'
import { clearClientState } from '@/stores/session'

/**
 * When any request finds the session gone (ended from another device, expired,
 * password reset elsewhere), forget this user and go to login, remembering the page.
 */
export function installSessionLossHandler(router: Router): void {
  apiClient.setUnauthenticatedHandler(() => {
    const auth = useAuthStore()
    if (!auth.isAuthenticated) return
    const next = router.currentRoute.value.fullPath
    clearClientState()
    void router.replace({ name: 'login', query: { next } })
  })
}
