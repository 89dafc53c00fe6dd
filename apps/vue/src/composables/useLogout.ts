import { ref } from 'vue'
import { useRouter } from 'vue-router'
import { errorMessage } from '@tandem/client'
import { useAuthStore } from '@/stores/auth'

export function useLogout() {
  const auth = useAuthStore()
  const router = useRouter()
  const pending = ref(false)
  const error = ref<string | null>(null)

  async function logout(): Promise<void> {
    if (pending.value) return
    pending.value = true
    error.value = null
    try {
      await auth.logout()
    } catch (caught) {
      // The server session may still be alive: say so instead of pretending.
      error.value = errorMessage(caught)
      return
    } finally {
      pending.value = false
    }
    await router.push({ name: 'login' })
  }

  return { logout, pending, error }
}
