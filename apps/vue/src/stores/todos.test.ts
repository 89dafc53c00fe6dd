import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, type Todo } from '@tandem/client'
import { todosApi } from '@/services/api'
import { CONFLICT_MESSAGE, useTodosStore } from './todos'

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

async function loadedStore(items: Todo[], next: string | null = null) {
  const store = useTodosStore()
  api.list.mockResolvedValueOnce({ results: items, next, previous: null })
  await store.load()
  return store
}

describe('useTodosStore', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.resetAllMocks()
  })

  it('loads the first page with the current filter and search', async () => {
    const store = useTodosStore()
    api.list.mockResolvedValue({ results: [todo()], next: 'http://api/api/todos/?cursor=abc', previous: null })

    await store.setFilter('active')
    await store.setSearch('milk')

    expect(store.filter).toBe('active')
    expect(store.search).toBe('milk')
    expect(api.list).toHaveBeenLastCalledWith(
      expect.objectContaining({ status: 'active', search: 'milk', pageSize: 20 }),
      expect.any(AbortSignal),
    )
    expect(store.state).toBe('ready')
    expect(store.items).toHaveLength(1)
    expect(store.hasMore).toBe(true)
  })

  it('follows the next cursor and appends without duplicates', async () => {
    const store = await loadedStore([todo({ id: 1 }), todo({ id: 2 })], 'http://api/api/todos/?cursor=c2')
    api.list.mockResolvedValueOnce({ results: [todo({ id: 2 }), todo({ id: 3 })], next: null, previous: null })

    await store.loadMore()

    expect(api.list).toHaveBeenLastCalledWith(expect.objectContaining({ cursor: 'c2' }), expect.any(AbortSignal))
    expect(store.items.map((item) => item.id)).toEqual([1, 2, 3])
    expect(store.hasMore).toBe(false)
  })

  it('records the error state when the list fails', async () => {
    const store = useTodosStore()
    api.list.mockRejectedValueOnce(ApiError.network())

    await store.load()

    expect(store.state).toBe('error')
    expect(store.error?.code).toBe('network_error')
  })

  it('prepends a created todo that fits the current view', async () => {
    const store = await loadedStore([todo({ id: 1 })])
    api.create.mockResolvedValueOnce(todo({ id: 2, title: 'Walk dog' }))

    await store.add({ title: 'Walk dog' })

    expect(api.create).toHaveBeenCalledWith({ title: 'Walk dog' })
    expect(store.items.map((item) => item.id)).toEqual([2, 1])
  })

  it('does not show a new (not done) todo under the Done filter', async () => {
    const store = useTodosStore()
    api.list.mockResolvedValueOnce({ results: [], next: null, previous: null })
    await store.setFilter('done')
    api.create.mockResolvedValueOnce(todo({ id: 5 }))

    await store.add({ title: 'Buy milk' })

    expect(store.items).toEqual([])
  })

  it('lets field errors from create reach the caller', async () => {
    const store = await loadedStore([])
    const invalid = new ApiError(400, [{ code: 'max_length', message: 'Too long.', param: 'title' }])
    api.create.mockRejectedValueOnce(invalid)

    await expect(store.add({ title: 'x'.repeat(201) })).rejects.toBe(invalid)
    expect(store.items).toEqual([])
  })

  it('toggles done with the version it has and stores the server copy', async () => {
    const store = await loadedStore([todo({ id: 1, version: 3 })])
    api.update.mockResolvedValueOnce(todo({ id: 1, done: true, version: 4 }))

    await expect(store.toggle(1)).resolves.toBe(true)

    expect(api.update).toHaveBeenCalledWith(1, 3, { done: true })
    expect(store.items[0]).toMatchObject({ done: true, version: 4 })
  })

  it('rolls back an optimistic toggle when the server refuses', async () => {
    const store = await loadedStore([todo({ id: 1, version: 3 })])
    api.update.mockRejectedValueOnce(ApiError.network())

    await expect(store.toggle(1)).resolves.toBe(false)

    expect(store.items[0]).toMatchObject({ done: false, version: 3 })
    expect(store.notices[1]).toMatch(/could not reach the server/i)
  })

  it('replaces the item with `current` on a version conflict and explains why', async () => {
    const store = await loadedStore([todo({ id: 1, title: 'Old', version: 3 })])
    const current = todo({ id: 1, title: 'Changed in another tab', version: 5 })
    api.update.mockRejectedValueOnce(
      ApiError.fromBody(409, {
        status: 409,
        errors: [{ code: 'version_conflict', message: 'This todo was changed elsewhere.' }],
        current,
      }),
    )

    await expect(store.update(1, { title: 'Mine' })).resolves.toBe(false)

    expect(store.items[0]).toEqual(current)
    expect(store.notices[1]).toBe(CONFLICT_MESSAGE)
    expect(store.pending[1]).toBeUndefined()
  })

  it('runs writes to one todo in order, each with the latest version', async () => {
    const store = await loadedStore([todo({ id: 1, version: 3 })])
    api.update
      .mockResolvedValueOnce(todo({ id: 1, done: true, version: 4 }))
      .mockResolvedValueOnce(todo({ id: 1, done: true, title: 'Oat milk', version: 5 }))

    const toggled = store.toggle(1)
    const edited = store.update(1, { title: 'Oat milk' })
    expect(store.pending[1]).toBe(2)
    await Promise.all([toggled, edited])

    expect(api.update).toHaveBeenNthCalledWith(1, 1, 3, { done: true })
    expect(api.update).toHaveBeenNthCalledWith(2, 1, 4, { title: 'Oat milk' })
    expect(store.items[0]).toMatchObject({ title: 'Oat milk', version: 5 })
    await Promise.resolve()
    expect(store.pending[1]).toBeUndefined()
  })

  it('removes a deleted todo, also when it was already gone', async () => {
    const store = await loadedStore([todo({ id: 1 }), todo({ id: 2 })])
    api.remove.mockResolvedValueOnce(undefined)
    api.remove.mockRejectedValueOnce(new ApiError(404, [{ code: 'not_found', message: 'Not found.' }]))

    await store.remove(1)
    await store.remove(2)

    expect(store.items).toEqual([])
  })

  it('reset() forgets everything', async () => {
    const store = await loadedStore([todo()], 'http://api/api/todos/?cursor=x')
    api.list.mockResolvedValueOnce({ results: [todo()], next: 'http://api/api/todos/?cursor=x', previous: null })
    await store.setSearch('milk')

    store.reset()

    expect(store.items).toEqual([])
    expect(store.hasMore).toBe(false)
    expect(store.search).toBe('')
    expect(store.state).toBe('idle')
  })
})
