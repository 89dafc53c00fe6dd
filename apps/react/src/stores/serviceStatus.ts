import { type ApiClient, type ApiError, CORS_REFUSED } from '@tandem/client'
import { apiClient } from '@/services/api'
import { createStore, useStore } from './external'

const FIRST_RETRY_MS = 1000
const MAX_RETRY_MS = 10_000

export interface ServiceStatus {
  unavailable: boolean
  /** Goes up each time the API answers again after an outage: pages in an error state reload. */
  recoveries: number
  /** A likely deployment mistake, naming the setting to fix; cleared if the API answers after all. */
  misconfiguration: string | null
}

/**
 * Whether the API can serve right now. When a request finds it down (503 or
 * no answer), the health endpoint is polled with backoff until it answers.
 */
export function createServiceStatus(client: Pick<ApiClient, 'get'>) {
  const store = createStore<ServiceStatus>({ unavailable: false, recoveries: 0, misconfiguration: null })

  function schedule(delay: number): void {
    setTimeout(() => {
      client.get('/api/health/').then(
        () => {
          const current = store.get()
          store.set({ unavailable: false, misconfiguration: null, recoveries: current.recoveries + 1 })
        },
        () => schedule(Math.min(delay * 2, MAX_RETRY_MS)),
      )
    }, delay)
  }

  function reportUnavailable(error?: ApiError): void {
    const current = store.get()
    let next = current
    if (error?.code === CORS_REFUSED && current.misconfiguration === null) {
      next = { ...next, misconfiguration: error.message }
      console.error(error.message)
    }
    // Polled like an outage all the same: a proxy that answers its own errors
    // without CORS headers looks exactly like a refused origin to the page.
    if (current.unavailable) {
      store.set(next)
      return
    }
    store.set({ ...next, unavailable: true })
    schedule(FIRST_RETRY_MS)
  }

  return { store, reportUnavailable }
}

export const serviceStatus = createServiceStatus(apiClient)

export function installServiceStatus(): void {
  apiClient.setUnavailableHandler((error) => serviceStatus.reportUnavailable(error))
}

export function useServiceStatus(): ServiceStatus {
  return useStore(serviceStatus.store)
}
