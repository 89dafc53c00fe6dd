import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from './errors'
import {
  createTodoList,
  TODO_CONFLICT_MESSAGE,
  todoFiltersFromUrl,
  todoFiltersToUrl,
  type TodoListApi,
} from './todoList'
import type { Todo, TodoPage } from './types'

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

const page = (results: Todo[], next: string | null = null): TodoPage => ({ results, next, previous: null })

function fakeApi() {
  return {
    list: vi.fn<TodoListApi['list']>(),
    create: vi.fn<TodoListApi['create']>(),
    update: vi.fn<TodoListApi['update']>(),
    remove: vi.fn<TodoListApi['remove']>(),
  }
}

let api: ReturnType<typeof fakeApi>

async function loadedList(items: Todo[], next: string | null = null) {
  const todos = createTodoList(api)
  api.list.mockResolvedValueOnce(page(items, next))
  await todos.load()
  return todos
}

describe('createTodoList', () => {
  beforeEach(() => {
    api = fakeApi()
  })

  it('loads the first page with the filter and search, newest first', async () => {
    const todos = createTodoList(api)
    api.list.mockResolvedValue(page([todo()], 'http://api/api/todos/?cursor=abc'))

    await todos.setFilter('active')
    await todos.setSearch('milk')

    expect(api.list).toHaveBeenLastCalledWith(
      { status: 'active', search: 'milk', ordering: '-created', pageSize: 20, cursor: null },
      expect.any(AbortSignal),
    )
    expect(todos.snapshot).toMatchObject({ status: 'ready', hasMore: true, isFiltered: true })
    expect(todos.snapshot.filters).toEqual({ status: 'active', search: 'milk' })
    expect(todos.snapshot.items).toHaveLength(1)
  })

  it('starts from a server-rendered first page without a request and pages on with its filters', async () => {
    const todos = createTodoList(api, {
      filters: { status: 'done', search: 'task' },
      firstPage: page([todo({ id: 2, done: true })], 'http://api/api/todos/?cursor=c2&status=done'),
    })
    expect(api.list).not.toHaveBeenCalled()
    expect(todos.snapshot).toMatchObject({ status: 'ready', hasMore: true, isFiltered: true })

    api.list.mockResolvedValueOnce(page([todo({ id: 1, done: true })]))
    await todos.loadMore()

    expect(api.list).toHaveBeenCalledWith(
      expect.objectContaining({ status: 'done', search: 'task', cursor: 'c2' }),
      expect.any(AbortSignal),
    )
    expect(todos.snapshot.items.map((item) => item.id)).toEqual([2, 1])
    expect(todos.snapshot.hasMore).toBe(false)
  })

  it('asks nothing when the filters it is given are the ones shown', async () => {
    const todos = createTodoList(api, { filters: { status: 'active', search: '' }, firstPage: page([todo()]) })

    await todos.setFilters({ status: 'active', search: '  ' })
    expect(api.list).not.toHaveBeenCalled()

    api.list.mockResolvedValueOnce(page([]))
    await todos.setFilters({ status: 'all', search: '' })
    expect(api.list).toHaveBeenCalledTimes(1)
    expect(todos.snapshot.isFiltered).toBe(false)
  })

  it('notifies subscribers with a new snapshot on every change', async () => {
    const todos = createTodoList(api)
    const seen: string[] = []
    todos.subscribe(() => seen.push(todos.snapshot.status))
    api.list.mockResolvedValueOnce(page([todo()]))

    const first = todos.snapshot
    await todos.load()

    expect(seen).toEqual(['loading', 'ready'])
    expect(todos.snapshot).not.toBe(first)
    expect(Object.isFrozen(todos.snapshot)).toBe(true)
  })

  it('records the error state when the list fails', async () => {
    const todos = createTodoList(api)
    api.list.mockRejectedValueOnce(ApiError.network())

    await todos.load()

    expect(todos.snapshot.status).toBe('error')
    expect(todos.snapshot.error?.code).toBe('network_error')
  })

  it('prepends a created todo that fits the current view, and only then', async () => {
    const todos = await loadedList([todo({ id: 1 })])
    api.create.mockResolvedValueOnce(todo({ id: 2, title: 'Walk dog' }))

    await todos.add({ title: 'Walk dog' })
    expect(api.create).toHaveBeenCalledWith({ title: 'Walk dog' })
    expect(todos.snapshot.items.map((item) => item.id)).toEqual([2, 1])

    api.list.mockResolvedValueOnce(page([]))
    await todos.setFilter('done')
    api.create.mockResolvedValueOnce(todo({ id: 5 }))
    await todos.add({ title: 'Buy milk' })
    expect(todos.snapshot.items).toEqual([])
  })

  it('lets field errors from create reach the caller', async () => {
    const todos = await loadedList([])
    const invalid = new ApiError(400, [{ code: 'max_length', message: 'Too long.', param: 'title' }])
    api.create.mockRejectedValueOnce(invalid)

    await expect(todos.add({ title: 'x'.repeat(201) })).rejects.toBe(invalid)
    expect(todos.snapshot.items).toEqual([])
  })

  it('toggles done at once with the version it has and keeps the server copy', async () => {
    const todos = await loadedList([todo({ id: 1, version: 3 })])
    api.update.mockResolvedValueOnce(todo({ id: 1, done: true, version: 4 }))

    const toggled = todos.toggle(1)
    expect(todos.snapshot.items[0]?.done).toBe(true)
    await expect(toggled).resolves.toBe(true)

    expect(api.update).toHaveBeenCalledWith(1, 3, { done: true })
    expect(todos.snapshot.items[0]).toMatchObject({ done: true, version: 4 })
  })

  it('rolls back an optimistic toggle when the server refuses, and says why', async () => {
    const todos = await loadedList([todo({ id: 1, version: 3 })])
    api.update.mockRejectedValueOnce(ApiError.network())

    await expect(todos.toggle(1)).resolves.toBe(false)

    expect(todos.snapshot.items[0]).toMatchObject({ done: false, version: 3 })
    expect(todos.snapshot.notices[1]).toMatch(/could not reach the server/i)
  })

  it('replaces the item with `current` on a version conflict and explains why', async () => {
    const todos = await loadedList([todo({ id: 1, title: 'Old', version: 3 })])
    const current = todo({ id: 1, title: 'Changed in another tab', version: 5 })
    api.update.mockRejectedValueOnce(
      ApiError.fromBody(409, {
        status: 409,
        errors: [{ code: 'version_conflict', message: 'This todo was changed elsewhere.' }],
        current,
      }),
    )

    await expect(todos.update(1, { title: 'Mine' })).resolves.toBe(false)

    expect(todos.snapshot.items[0]).toEqual(current)
    expect(todos.snapshot.notices[1]).toBe(TODO_CONFLICT_MESSAGE)
    expect(todos.snapshot.pending[1]).toBeUndefined()

    todos.clearNotice(1)
    expect(todos.snapshot.notices[1]).toBeUndefined()
  })

  it('lets other update errors (e.g. field errors) reach the edit form, list unchanged', async () => {
    const todos = await loadedList([todo({ id: 1, version: 3 })])
    const invalid = new ApiError(400, [{ code: 'blank', message: 'Enter a title.', param: 'title' }])
    api.update.mockRejectedValueOnce(invalid)

    await expect(todos.update(1, { title: '' })).rejects.toBe(invalid)
    expect(todos.snapshot.items[0]).toMatchObject({ title: 'Buy milk', version: 3 })
    expect(todos.snapshot.notices).toEqual({})
  })

  it('runs writes to one todo in order, each with the latest version', async () => {
    const todos = await loadedList([todo({ id: 1, version: 3 })])
    api.update
      .mockResolvedValueOnce(todo({ id: 1, done: true, version: 4 }))
      .mockResolvedValueOnce(todo({ id: 1, done: true, title: 'Oat milk', version: 5 }))

    const toggled = todos.toggle(1)
    const edited = todos.update(1, { title: 'Oat milk' })
    expect(todos.snapshot.pending[1]).toBe(2)
    await Promise.all([toggled, edited])

    expect(api.update).toHaveBeenNthCalledWith(1, 1, 3, { done: true })
    expect(api.update).toHaveBeenNthCalledWith(2, 1, 4, { title: 'Oat milk' })
    expect(todos.snapshot.items[0]).toMatchObject({ title: 'Oat milk', version: 5 })
    await Promise.resolve()
    expect(todos.snapshot.pending[1]).toBeUndefined()
  })

  it('removes a deleted todo, also when it was already gone; other errors keep it', async () => {
    const todos = await loadedList([todo({ id: 1 }), todo({ id: 2 }), todo({ id: 3 })])
    api.remove.mockResolvedValueOnce(undefined)
    api.remove.mockRejectedValueOnce(new ApiError(404, [{ code: 'not_found', message: 'Not found.' }]))
    api.remove.mockRejectedValueOnce(ApiError.network())

    await todos.remove(1)
    await todos.remove(2)
    await expect(todos.remove(3)).rejects.toBeInstanceOf(ApiError)

    expect(todos.snapshot.items.map((item) => item.id)).toEqual([3])
  })

  it('reset() forgets everything', async () => {
    const todos = createTodoList(api, { filters: { status: 'done', search: 'milk' } })
    api.list.mockResolvedValueOnce(page([todo({ done: true })], 'http://api/api/todos/?cursor=x'))
    await todos.load()

    todos.reset()

    expect(todos.snapshot).toMatchObject({ items: [], hasMore: false, status: 'idle', isFiltered: false })
    expect(todos.snapshot.filters).toEqual({ status: 'all', search: '' })
  })
})

describe('the filters in a URL', () => {
  it('reads status and search, and falls back to everything for what it does not know', () => {
    expect(todoFiltersFromUrl({ status: 'done', search: ' milk ' })).toEqual({ status: 'done', search: 'milk' })
    expect(todoFiltersFromUrl({ status: ['active', 'done'] })).toEqual({ status: 'active', search: '' })
    expect(todoFiltersFromUrl({ status: 'open', search: 42 })).toEqual({ status: 'all', search: '' })
    expect(todoFiltersFromUrl({})).toEqual({ status: 'all', search: '' })
  })

  it('writes only what differs from the full list', () => {
    expect(todoFiltersToUrl({ status: 'all', search: '  ' })).toEqual({})
    expect(todoFiltersToUrl({ status: 'active', search: 'task 1' })).toEqual({ status: 'active', search: 'task 1' })
    const params = todoFiltersToUrl({ status: 'done', search: 'x' })
    expect(todoFiltersFromUrl(params)).toEqual({ status: 'done', search: 'x' })
  })
})
