import { apiClient } from '@/services/api'
import { useAuthStore } from './auth'
import { usePostsStore } from './posts'
import { useTodosStore } from './todos'

/**
 * Drops everything the client knows about the previous user, so nothing
 * leaks to whoever uses this tab next. New per-user stores must be added here.
 */
export function clearClientState(): void {
  useTodosStore().reset()
  usePostsStore().reset()
  useAuthStore().reset()
  apiClient.resetCsrfToken()
  apiClient.tokens?.forget()
}
