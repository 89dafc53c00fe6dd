import { defineStore } from 'pinia'
import { ref } from 'vue'
import { type ApiError, CORS_REFUSED } from '@/api'
import { apiClient } from '@/services/api'

const FIRST_RETRY_MS = 1000
const MAX_RETRY_MS = 10_000

/**
 * Whether the API can serve right now. When a request finds it down (503 or
 * no answer), the health endpoint is polled with backoff until it answers;
 * `recoveries` then goes up, so pages in an error state can reload by themselves.
 */
export const useServiceStatusStore = defineStore('serviceStatus', () => {
  const unavailable = ref(false)
  const recoveries = ref(0)
  /** A deployment mistake the API cannot recover from by waiting (names the setting to fix). */
  const misconfiguration = ref<string | null>(null)

  function reportUnavailable(error?: ApiError): void {
    if (error?.code === CORS_REFUSED) {
      misconfiguration.value = error.message
      console.error(error.message)
      return
    }
    if (unavailable.value) return
    unavailable.value = true
    schedule(FIRST_RETRY_MS)
  }

  function schedule(delay: number): void {
    setTimeout(() => {
      apiClient.get('/api/health/').then(
        () => {
          unavailable.value = false
          recoveries.value += 1
        },
        () => schedule(Math.min(delay * 2, MAX_RETRY_MS)),
      )
    }, delay)
  }

  return { unavailable, recoveries, misconfiguration, reportUnavailable }
})

export function installServiceStatus(): void {
  apiClient.setUnavailableHandler((error) => useServiceStatusStore().reportUnavailable(error))
}
