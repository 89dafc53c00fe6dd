import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { AuthUser, Credentials, PasswordChange } from '@/api'
import { apiClient, authApi } from '@/services/api'

export const useAuthStore = defineStore('auth', () => {
  const user = ref<AuthUser | null>(null)
  /** True once the session has been asked about at least once. */
  const restored = ref(false)
  let restoring: Promise<void> | null = null

  const isAuthenticated = computed(() => user.value !== null)
  const email = computed(() => user.value?.email ?? user.value?.display ?? '')

  /**
   * Asks the server who is logged in, once per page load. Every caller
   * (router guard, components) awaits the same in-flight request.
   */
  function restore(): Promise<void> {
    restoring ??= authApi
      .getSession()
      .then(
        (sessionUser) => {
          user.value = sessionUser
        },
        (error: unknown) => {
          // Server unreachable: start anonymous rather than block the app; the
          // protected pages will surface the real error when they load data.
          console.warn('Could not restore the session', error)
          user.value = null
        },
      )
      .finally(() => {
        restored.value = true
      })
    return restoring
  }

  async function login(credentials: Credentials): Promise<void> {
    const sessionUser = await authApi.login(credentials)
    // Django rotates the CSRF token when the session changes.
    apiClient.resetCsrfToken()
    user.value = sessionUser
    restored.value = true
  }

  async function signup(credentials: Credentials): Promise<void> {
    const sessionUser = await authApi.signup(credentials)
    apiClient.resetCsrfToken()
    user.value = sessionUser
    restored.value = true
  }

  async function changePassword(change: PasswordChange): Promise<void> {
    await authApi.changePassword(change)
    // The session may have been re-issued with a new CSRF token.
    apiClient.resetCsrfToken()
    user.value = await authApi.getSession()
  }

  async function logout(): Promise<void> {
    try {
      await authApi.logout()
    } finally {
      apiClient.resetCsrfToken()
    }
  }

  /** Forgets the user locally (after logout or when the server says the session is gone). */
  function reset(): void {
    user.value = null
    restored.value = true
    restoring = Promise.resolve()
  }

  return { user, restored, isAuthenticated, email, restore, login, signup, changePassword, logout, reset }
})
