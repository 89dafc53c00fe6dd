import { ApiError } from '@tandem/client'

/**
 * A protected page's data, read on the server with the visitor's cookie and
 * handed to the browser in the payload (hydration asks nothing again).
 * - The session ended between the middleware's check and this read: sign out
 *   and go to the login page, nothing private rendered.
 * - The API does not answer: `outage` is true and the server answers 503.
 * - Any other failure: `error` is set and the server answers 500.
 * `key` must be unique per page; the data is the visitor's own, never kept at module level.
 */
export async function usePrivateData<T>(key: string, fetch: () => Promise<T>) {
  const { data, error, refresh } = await useAsyncData(key, fetch)
  const outage = computed(() => !!error.value && isUnavailable(error.value.cause ?? error.value))
  if (error.value) {
    const cause: unknown = error.value.cause ?? error.value
    if (cause instanceof ApiError && cause.status === 401) {
      setSignedOut()
      await navigateTo({ path: '/login', query: { next: useRoute().fullPath } })
    } else if (import.meta.server) {
      const event = useRequestEvent()
      if (event) setResponseStatus(event, outage.value ? 503 : 500)
    }
  }
  return { data, error, outage, refresh }
}
