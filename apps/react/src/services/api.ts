// The app's single API client, session and request functions, configured from Vite's environment.
import { createAppApis } from '@tandem/client'

export const { apiClient, authApi, session, todosApi, postsApi, dashboardApi, accountApi, mfaApi } = createAppApis({
  baseUrl: import.meta.env.VITE_API_BASE_URL ?? '',
  // Checked at build time (vite.config.ts): only "session" (default) or "token".
  authMode: import.meta.env.VITE_AUTH_MODE === 'token' ? 'token' : 'session',
})
