// The app's single API client and session, configured from Vite's environment.
import {
  createAccountApi,
  createApiClient,
  createAuthApi,
  createDashboardApi,
  createMfaApi,
  createPostsApi,
  createSession,
  createTodosApi,
} from '@tandem/client'

export const apiClient = createApiClient({
  baseUrl: import.meta.env.VITE_API_BASE_URL ?? '',
  // Checked at build time (vite.config.ts): only "session" (default) or "token".
  authMode: import.meta.env.VITE_AUTH_MODE === 'token' ? 'token' : 'session',
})
export const authApi = createAuthApi(apiClient)
/** Who is signed in, and everything that follows a change (see @tandem/client's session.ts). */
export const session = createSession(apiClient, authApi)
export const todosApi = createTodosApi(apiClient)
export const postsApi = createPostsApi(apiClient)
export const dashboardApi = createDashboardApi(apiClient)
export const accountApi = createAccountApi(apiClient)
export const mfaApi = createMfaApi(apiClient)
