import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { stepOf, type AuthFlow, type AuthState, type AuthUser, type Credentials, type PasswordChange } from '@tandem/client'
import { session } from '@/services/api'

/**
 * Vue's view of the session: reactive copies of what `session` (from
 * @tandem/client) knows, refreshed on each of its events. The lifecycle
 * itself (CSRF, tokens, other tabs) lives in the session, not here.
 */
export const useAuthStore = defineStore('auth', () => {
  const user = shallowRef<AuthUser | null>(session.user)
  /** A login step still to do (`verify_email`, `mfa_authenticate`), when the server says so. */
  const pending = shallowRef<AuthFlow | null>(session.pendingFlow)
  /** The address the last signup or login used: shown on the "check your inbox" page. */
  const pendingEmail = ref('')
  /** True once the session has been asked about at least once. */
  const restored = ref(session.state !== null)

  function sync(): void {
    user.value = session.user
    pending.value = session.pendingFlow
    restored.value = session.state !== null
  }
  session.subscribe(sync)

  const isAuthenticated = computed(() => user.value !== null)
  const email = computed(() => user.value?.email ?? user.value?.display ?? '')
  /** What the header shows: the profile's display name, else the email. */
  const displayName = computed(() => user.value?.display || email.value)
  /** The login step the app must show (`verify-email`, `second-factor`), from @tandem/client's flow table. */
  const pendingStep = computed(() => stepOf(pending.value))

  /** Asks the server who is logged in, once per page load (every caller shares the request). */
  async function restore(): Promise<void> {
    await session.restore()
    sync()
  }

  async function login(credentials: Credentials): Promise<AuthState> {
    pendingEmail.value = credentials.email
    return session.login(credentials)
  }

  async function signup(credentials: Credentials): Promise<AuthState> {
    pendingEmail.value = credentials.email
    return session.signup(credentials)
  }

  return {
    user,
    pending,
    pendingEmail,
    pendingStep,
    restored,
    isAuthenticated,
    email,
    displayName,
    restore,
    refresh: () => session.refresh(),
    login,
    signup,
    verifyEmail: (key: string) => session.verifyEmail(key),
    completeStep: (state: AuthState) => session.completeStep(state),
    changePassword: (change: PasswordChange) => session.changePassword(change),
    logout: () => session.logout(),
    end: () => session.end(),
  }
})
