import type { ApiClient } from './client'
import type { Dashboard } from './types'

export function createDashboardApi(client: ApiClient) {
  return {
    /** Everything the dashboard page shows, in one request. */
    get(signal?: AbortSignal): Promise<Dashboard> {
      return client.get<Dashboard>('/api/dashboard/', { signal })
    },
  }
}

export type DashboardApi = ReturnType<typeof createDashboardApi>
