// The todos page's state, written once for every framework (Vue, React,
// Nuxt): the list over a cursor list, filter and search, the writes that keep
// it in step and what to tell the user when a write goes wrong. Frameworks
// subscribe to its snapshot; nothing here is kept at module level, so a
// server can make one per request.
import { createCursorList, type CursorListSnapshot, type CursorPage } from './cursorList'
import { ApiError } from './errors'
import { conflictCurrent, type TodosApi } from './todos'
import type { Todo, TodoChanges, TodoCreateInput, TodoStatusFilter } from './types'

export const TODOS_PAGE_SIZE = 20
export const TODO_CONFLICT_MESSAGE = 'This todo was changed elsewhere; showing the latest version.'
export const TODO_STATUS_FILTERS: readonly TodoStatusFilter[] = ['all', 'active', 'done']

/** Which todos the list shows: the server filters, the cursor list pages. */
export interface TodoFilters {
  status: TodoStatusFilter
  search: string
}

export interface TodoListSnapshot extends CursorListSnapshot<Todo> {
  readonly filters: TodoFilters
  /** A filter or a search term narrows the list (the empty state says "No todos match"). */
  readonly isFiltered: boolean
  /** Per-todo notices, e.g. a version conflict that replaced the item. */
  readonly notices: Readonly<Record<number, string>>
  /** Number of writes in flight per todo id. */
  readonly pending: Readonly<Record<number, number>>
}

export interface TodoListOptions {
  pageSize?: number
  /** The filters to start with (default: all, no search). */
  filters?: TodoFilters
  /** Their first page, fetched elsewhere (a server render): shown without a request. */
  firstPage?: CursorPage<Todo>
}

export type TodoListApi = Pick<TodosApi, 'list' | 'create' | 'update' | 'remove'>

export const ALL_TODOS: TodoFilters = Object.freeze({ status: 'all', search: '' })

function isStatusFilter(value: unknown): value is TodoStatusFilter {
  return typeof value === 'string' && (TODO_STATUS_FILTERS as readonly string[]).includes(value)
}

function firstValue(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value
}

/**
 * The filters from a URL's query (`?status=active&search=milk`), so a link,
 * a reload or a server render shows the same list; anything unknown means "all".
 */
export function todoFiltersFromUrl(params: Readonly<Record<string, unknown>>): TodoFilters {
  const status = firstValue(params.status)
  const search = firstValue(params.search)
  return {
    status: isStatusFilter(status) ? status : 'all',
    search: typeof search === 'string' ? search.trim() : '',
  }
}

/** The URL query for the filters, leaving out the defaults (a plain `/todos` is the full list). */
export function todoFiltersToUrl(filters: TodoFilters): Record<string, string> {
  const params: Record<string, string> = {}
  if (filters.status !== 'all') params.status = filters.status
  if (filters.search.trim() !== '') params.search = filters.search.trim()
  return params
}

export function sameTodoFilters(a: TodoFilters, b: TodoFilters): boolean {
  return a.status === b.status && a.search.trim() === b.search.trim()
}

function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : ApiError.unexpected(0)
}

export function createTodoList(api: TodoListApi, options: TodoListOptions = {}) {
  const pageSize = options.pageSize ?? TODOS_PAGE_SIZE
  const list = createCursorList<Todo, TodoFilters>((query, cursor, signal) =>
    api.list({ ...query, ordering: '-created', pageSize, cursor }, signal),
  )
  let filters: TodoFilters = { ...(options.filters ?? ALL_TODOS) }
  let notices: Readonly<Record<number, string>> = {}
  let pending: Readonly<Record<number, number>> = {}
  const listeners = new Set<() => void>()

  function build(): TodoListSnapshot {
    return Object.freeze({
      ...list.snapshot,
      filters,
      isFiltered: filters.status !== 'all' || filters.search.trim() !== '',
      notices,
      pending,
    })
  }

  let snapshot = build()

  function publish(): void {
    snapshot = build()
    for (const listener of [...listeners]) listener()
  }

  list.subscribe(publish)
  if (options.firstPage) list.seed(filters, options.firstPage)

  const find = (id: number) => list.snapshot.items.find((item) => item.id === id)

  function setNotices(next: Record<number, string>): void {
    notices = Object.freeze(next)
    publish()
  }

  function setNotice(id: number, message: string): void {
    setNotices({ ...notices, [id]: message })
  }

  function clearNotice(id: number): void {
    if (!(id in notices)) return
    const { [id]: _removed, ...rest } = notices
    setNotices(rest)
  }

  /** The first page for the current filters (a request in flight for older ones is cancelled). */
  function load(): Promise<void> {
    notices = Object.freeze({})
    return list.load({ ...filters })
  }

  /** Shows `next` (status and search at once, e.g. from the URL); no request when they are already shown. */
  function setFilters(next: TodoFilters): Promise<void> {
    if (sameTodoFilters(next, filters) && list.snapshot.status !== 'idle') return Promise.resolve()
    filters = { status: next.status, search: next.search }
    return load()
  }

  function matches(todo: Todo): boolean {
    if (filters.status === 'active' && todo.done) return false
    if (filters.status === 'done' && !todo.done) return false
    const term = filters.search.trim().toLowerCase()
    return term === '' || todo.title.toLowerCase().includes(term) || (todo.notes ?? '').toLowerCase().includes(term)
  }

  function replace(todo: Todo): void {
    list.update((current) => current.map((item) => (item.id === todo.id ? todo : item)))
  }

  // Writes to one todo run one after another, each with the version the
  // previous one returned; otherwise a quick toggle-then-edit would conflict
  // with itself.
  const queues = new Map<number, Promise<unknown>>()

  function enqueue<T>(id: number, task: () => Promise<T>): Promise<T> {
    const run = (queues.get(id) ?? Promise.resolve()).then(task, task)
    const settled = run.then(
      () => undefined,
      () => undefined,
    )
    queues.set(id, settled)
    pending = Object.freeze({ ...pending, [id]: (pending[id] ?? 0) + 1 })
    publish()
    void settled.then(() => {
      if (queues.get(id) === settled) queues.delete(id)
      const left = (pending[id] ?? 1) - 1
      const { [id]: _done, ...rest } = pending
      pending = Object.freeze(left > 0 ? { ...rest, [id]: left } : rest)
      publish()
    })
    return run
  }

  /**
   * Saves changes against the version the client has. Resolves `true` when
   * saved, `false` when a conflict replaced the item with the server's copy
   * (and a notice says so); rejects with ApiError for anything else (e.g.
   * field errors for the edit form).
   */
  function update(id: number, changes: TodoChanges): Promise<boolean> {
    return enqueue(id, async () => {
      const todo = find(id)
      if (!todo) return false
      clearNotice(id)
      try {
        replace(await api.update(id, todo.version, changes))
        return true
      } catch (caught) {
        const current = conflictCurrent(caught)
        if (current) {
          replace(current)
          setNotice(id, TODO_CONFLICT_MESSAGE)
          return false
        }
        throw caught
      }
    })
  }

  return {
    get snapshot(): TodoListSnapshot {
      return snapshot
    },
    /** Calls `listener` after every change; returns the unsubscribe. */
    subscribe(listener: () => void): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    load,
    loadMore: (): Promise<void> => list.loadMore(),
    setFilters,
    setFilter: (status: TodoStatusFilter): Promise<void> => setFilters({ ...filters, status }),
    setSearch: (search: string): Promise<void> => setFilters({ ...filters, search }),
    /** Whether a todo belongs in the list as filtered now. */
    matches,
    /** Creates a todo (shown when it fits the filter); rejects with ApiError (field errors for the form). */
    async add(input: TodoCreateInput): Promise<Todo> {
      const todo = await api.create(input)
      if (matches(todo)) list.update((current) => [todo, ...current])
      return todo
    },
    update,
    /** Flips `done` at once and rolls back (with a notice) if the server refuses. */
    async toggle(id: number): Promise<boolean> {
      const todo = find(id)
      if (!todo) return false
      const done = !todo.done
      replace({ ...todo, done })
      try {
        return await update(id, { done })
      } catch (caught) {
        const latest = find(id)
        if (latest && latest.version === todo.version) replace({ ...latest, done: todo.done })
        setNotice(id, toApiError(caught).firstMessage())
        return false
      }
    },
    /** Deletes a todo; one already gone (deleted in another tab) counts as deleted. */
    remove(id: number): Promise<void> {
      return enqueue(id, async () => {
        try {
          await api.remove(id)
        } catch (caught) {
          if (!(caught instanceof ApiError && caught.status === 404)) throw caught
        }
        list.update((current) => current.filter((item) => item.id !== id))
        clearNotice(id)
      })
    },
    clearNotice,
    /** Forgets everything (sign-out: nothing of one user may show for the next). */
    reset(): void {
      queues.clear()
      filters = { ...ALL_TODOS }
      notices = Object.freeze({})
      pending = Object.freeze({})
      list.clear()
    },
  }
}

export type TodoList = ReturnType<typeof createTodoList>
