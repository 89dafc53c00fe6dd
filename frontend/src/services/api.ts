// The app's single API client, configured from Vite's environment.
import { createApiClient, createAuthApi, createTodosApi } from '@/api'

export const apiClient = createApiClient({ baseUrl: import.meta.env.VITE_API_BASE_URL ?? '' })
export const authApi = createAuthApi(apiClient)
export const todosApi = createTodosApi(apiClient)
