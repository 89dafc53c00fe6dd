import { defineStore } from 'pinia'
import { ref } from 'vue'
import { type ApiError, CORS_REFUSED } from '@tandem/client'
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
  /** A likely deployment mistake, naming the setting to fix; cleared if the API answers after all. */
  const misconfiguration = ref<string | null>(null)

  function reportUnavailable(error?: ApiError): void {
    if (error?.code === CORS_REFUSED && misconfiguration.value === null) {
      misconfiguration.value = error.message
      console.error(error.message)
    }
    // Polled like an outage all the same: a proxy that answers its own errors
    // without CORS headers looks exactly like a refused origin to the page.
    if (unavailable.value) return
    unavailable.value = true
    schedule(FIRST_RETRY_MS)
  }

  function schedule(delay: number): void {
    setTimeout(() => {
      apiClient.get('/api/health/').then(
        () => {
          unavailable.value = false
          misconfiguration.value = null
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
