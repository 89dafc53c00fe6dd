import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { AuthFlow, AuthState, AuthUser, Credentials, PasswordChange } from '@tandem/client'
import { apiClient, authApi } from '@/services/api'
import { announce } from '@/services/tabSync'

export const useAuthStore = defineStore('auth', () => {
  const user = ref<AuthUser | null>(null)
  /** A login step still to do (`verify_email`, `mfa_authenticate`), when the server says so. */
  const pending = ref<AuthFlow | null>(null)
  /** The address the last signup or login used: shown on the "check your inbox" page. */
  const pendingEmail = ref('')
  /** True once the session has been asked about at least once. */
  const restored = ref(false)
  let restoring: Promise<void> | null = null

  const isAuthenticated = computed(() => user.value !== null)
  const email = computed(() => user.value?.email ?? user.value?.display ?? '')
  /** What the header shows: the profile's display name, else the email. */
  const displayName = computed(() => user.value?.display || email.value)
  const pendingFlow = computed(() => pending.value?.id ?? null)

  /** Takes in the server's answer about who is signed in. */
  function apply(state: AuthState): AuthState {
    user.value = state.kind === 'authenticated' ? state.user : null
    pending.value = state.kind === 'pending' ? state.flow : null
    restored.value = true
    restoring = Promise.resolve()
    return state
  }

  /**
   * Asks the server who is logged in, once per page load. Every caller
   * (router guard, components) awaits the same in-flight request.
   */
  function restore(): Promise<void> {
    restoring ??= authApi
      .getAuthState()
      .then(
        (state) => {
          apply(state)
        },
        (error: unknown) => {
          // Server unreachable: start anonymous rather than block the app; the
          // protected pages will surface the real error when they load data.
          console.warn('Could not restore the session', error)
          user.value = null
          pending.value = null
        },
      )
      .finally(() => {
        restored.value = true
      })
    return restoring
  }

  /** Re-reads the session (after a change that may end or alter it). */
  async function refresh(): Promise<AuthState> {
    return apply(await authApi.getAuthState())
  }

  async function login(credentials: Credentials): Promise<AuthState> {
    const state = await authApi.login(credentials)
    // Django rotates the CSRF token when the session changes.
    apiClient.resetCsrfToken()
    pendingEmail.value = credentials.email
    return signedIn(apply(state))
  }

  async function signup(credentials: Credentials): Promise<AuthState> {
    const state = await authApi.signup(credentials)
    apiClient.resetCsrfToken()
    pendingEmail.value = credentials.email
    return signedIn(apply(state))
  }

  async function verifyEmail(key: string): Promise<AuthState> {
    const state = await authApi.verifyEmail(key)
    apiClient.resetCsrfToken()
    // Verified in another browser than the one that signed up: not signed in here.
    if (state.kind !== 'authenticated' && user.value) return state
    return signedIn(apply(state))
  }

  /** Applies the answer of a flow step that may sign the user in (MFA, passkey). */
  function completeStep(state: AuthState): AuthState {
    apiClient.resetCsrfToken()
    return signedIn(apply(state))
  }

  /** Tells the app's other tabs when a login completes here. */
  function signedIn(state: AuthState): AuthState {
    if (state.kind === 'authenticated') announce({ type: 'logged-in' })
    return state
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
    pending.value = null
    restored.value = true
    restoring = Promise.resolve()
  }

  return {
    user,
    pending,
    pendingEmail,
    pendingFlow,
    restored,
    isAuthenticated,
    email,
    displayName,
    restore,
    refresh,
    apply,
    login,
    signup,
    verifyEmail,
    completeStep,
    changePassword,
    logout,
    reset,
  }
})
