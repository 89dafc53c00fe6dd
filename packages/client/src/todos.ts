import type { ApiClient } from './client'
import { ApiError } from './errors'
import { createTandemApi } from './requests'
import type { Todo, TodoChanges, TodoCreateInput, TodoOrdering, TodoPage, TodoStatusFilter } from './types'

export const VERSION_CONFLICT = 'version_conflict'

export interface ListTodosParams {
  status?: TodoStatusFilter
  search?: string
  ordering?: TodoOrdering
  pageSize?: number
  /** Opaque cursor taken from a previous page's `next` link. */
  cursor?: string | null
}

/** The server's copy of a todo sent with a 409 version conflict, if this is one. */
export function conflictCurrent(error: unknown): Todo | null {
  if (!(error instanceof ApiError) || error.status !== 409 || !error.hasCode(VERSION_CONFLICT)) return null
  const current = (error.body as { current?: unknown } | null)?.current
  if (typeof current !== 'object' || current === null || typeof (current as Todo).id !== 'number') return null
  return current as Todo
}

export function createTodosApi(client: ApiClient) {
  const api = createTandemApi(client)

  return {
    list(params: ListTodosParams = {}, signal?: AbortSignal): Promise<TodoPage> {
      return api.get('/api/todos/', {
        query: {
          status: params.status,
          search: params.search?.trim() || undefined,
          ordering: params.ordering,
          page_size: params.pageSize,
          cursor: params.cursor ?? undefined,
        },
        signal,
      })
    },
    get(id: number, signal?: AbortSignal): Promise<Todo> {
      return api.get('/api/todos/{todo_id}/', { path: { todo_id: id }, signal })
    },
    create(input: TodoCreateInput): Promise<Todo> {
      return api.post('/api/todos/', { body: input })
    },
    /** Sends only the changed fields plus the version they were based on. */
    update(id: number, version: number, changes: TodoChanges): Promise<Todo> {
      return api.patch('/api/todos/{todo_id}/', { path: { todo_id: id }, body: { ...changes, version } })
    },
    remove(id: number): Promise<void> {
      return api.delete('/api/todos/{todo_id}/', { path: { todo_id: id } })
    },
  }
}

export type TodosApi = ReturnType<typeof createTodosApi>
