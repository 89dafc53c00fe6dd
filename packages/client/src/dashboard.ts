import type { ApiClient } from './client'
import { createTandemApi } from './requests'
import type { Dashboard } from './types'

export function createDashboardApi(client: ApiClient) {
  const api = createTandemApi(client)
  return {
    /** Everything the dashboard page shows, in one request. */
    get(signal?: AbortSignal): Promise<Dashboard> {
      return api.get('/api/dashboard/', { signal })
    },
  }
}

export type DashboardApi = ReturnType<typeof createDashboardApi>
