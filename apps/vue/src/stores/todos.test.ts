// What the Pinia wrapper adds to @tandem/client's createTodoList: its getters
// follow the list reactively, it talks to the app's todos API, and reset()
// (called on sign-out, see session.ts and router/guard.test.ts) empties them.
// The list's own rules (filters, paging, optimistic writes, conflicts) are
// tested once, in packages/client/src/todoList.test.ts.
import { createPinia, setActivePinia, storeToRefs } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { watch } from 'vue'
import { ApiError, type Todo } from '@tandem/client'
import { todosApi } from '@/services/api'
import { useTodosStore } from './todos'

vi.mock('@/services/api', () => ({
  apiClient: { resetCsrfToken: vi.fn() },
  authApi: {},
  todosApi: { list: vi.fn(), get: vi.fn(), create: vi.fn(), update: vi.fn(), remove: vi.fn() },
}))

const api = vi.mocked(todosApi)

function todo(overrides: Partial<Todo> = {}): Todo {
  return {
    id: 1,
    title: 'Buy milk',
    notes: '',
    done: false,
    due_date: null,
    created: '2026-01-01T00:00:00Z',
    updated: '2026-01-01T00:00:00Z',
    version: 1,
    ...overrides,
  }
}

describe('useTodosStore', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.resetAllMocks()
  })

  it("mirrors the list's every change in reactive getters", async () => {
    const store = useTodosStore()
    const { items, state, filter, search, hasMore, isFiltered, view } = storeToRefs(store)
    const states: string[] = []
    watch(state, (value) => states.push(value), { flush: 'sync' })
    api.list.mockResolvedValue({ results: [todo()], next: 'http://api/api/todos/?cursor=abc', previous: null })

    await store.setFilter('active')
    await store.setSearch('milk')

    expect(states).toEqual(['loading', 'ready', 'loading', 'ready'])
    expect(api.list).toHaveBeenLastCalledWith(expect.objectContaining({ status: 'active', search: 'milk' }), expect.any(AbortSignal))
    expect([filter.value, search.value, hasMore.value, isFiltered.value]).toEqual(['active', 'milk', true, true])
    expect(items.value).toHaveLength(1)
    expect(view.value.items).toBe(items.value)
  })

  it("shows the writes' progress and outcome per todo", async () => {
    const store = useTodosStore()
    api.list.mockResolvedValueOnce({ results: [todo({ id: 1, version: 3 })], next: null, previous: null })
    await store.load()
    api.update.mockRejectedValueOnce(ApiError.network())

    const toggled = store.toggle(1)
    expect(store.pending[1]).toBe(1)
    await toggled

    expect(store.pending[1]).toBeUndefined()
    expect(store.notices[1]).toMatch(/could not reach the server/i)
    store.clearNotice(1)
    expect(store.notices[1]).toBeUndefined()
  })

  it('reset() empties every getter', async () => {
    const store = useTodosStore()
    api.list.mockResolvedValue({ results: [todo()], next: 'http://api/api/todos/?cursor=x', previous: null })
    await store.setSearch('milk')

    store.reset()

    expect(store.items).toEqual([])
    expect(store.hasMore).toBe(false)
    expect(store.search).toBe('')
    expect(store.state).toBe('idle')
    expect(store.view.isFiltered).toBe(false)
  })
})
