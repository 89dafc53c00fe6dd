// Everything an app talks to the API through, made once from one client: the
// Vue and React SPAs each build theirs from their build-time settings, a
// server-rendering app one per request (never shared between visitors).
import { createAccountApi } from './account'
import { createAuthApi } from './auth'
import { type ApiClientOptions, createApiClient } from './client'
import { createDashboardApi } from './dashboard'
import { createMfaApi } from './mfa'
import { createPostsApi } from './posts'
import { createSession, type SessionOptions } from './session'
import { createTodosApi } from './todos'

export function createAppApis(options: ApiClientOptions = {}, sessionOptions: SessionOptions = {}) {
  const apiClient = createApiClient(options)
  const authApi = createAuthApi(apiClient)
  return {
    apiClient,
    authApi,
    /** Who is signed in, and everything that follows a change (session.ts). */
    session: createSession(apiClient, authApi, sessionOptions),
    todosApi: createTodosApi(apiClient),
    postsApi: createPostsApi(apiClient),
    dashboardApi: createDashboardApi(apiClient),
    accountApi: createAccountApi(apiClient),
    mfaApi: createMfaApi(apiClient),
  }
}

export type AppApis = ReturnType<typeof createAppApis>
