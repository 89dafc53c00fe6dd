import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import {
  ApiError,
  conflictCurrent,
  cursorFromUrl,
  type Todo,
  type TodoChanges,
  type TodoCreateInput,
  type TodoStatusFilter,
} from '@tandem/client'
import { todosApi } from '@/services/api'

export const PAGE_SIZE = 20
export const CONFLICT_MESSAGE = 'This todo was changed elsewhere; showing the latest version.'

type LoadState = 'idle' | 'loading' | 'ready' | 'error'

function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : ApiError.unexpected(0)
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError'
}

export const useTodosStore = defineStore('todos', () => {
  const items = ref<Todo[]>([])
  const next = ref<string | null>(null)
  const filter = ref<TodoStatusFilter>('all')
  const search = ref('')
  const state = ref<LoadState>('idle')
  const loadingMore = ref(false)
  /** Error of the last list request (first page or "load more"). */
  const error = ref<ApiError | null>(null)
  /** Per-todo notices, e.g. a version conflict that replaced the item. */
  const notices = ref<Record<number, string>>({})
  /** Number of writes in flight per todo id. */
  const pending = ref<Record<number, number>>({})

  // Only the newest list request may write to the state: typing in the search
  // box fires requests whose answers can arrive out of order.
  let listController: AbortController | null = null

  const hasMore = computed(() => next.value !== null)
  const isFiltered = computed(() => filter.value !== 'all' || search.value.trim() !== '')

  function beginListRequest(): AbortSignal {
    listController?.abort()
    listController = new AbortController()
    return listController.signal
  }

  async function load(): Promise<void> {
    const signal = beginListRequest()
    state.value = 'loading'
    error.value = null
    try {
      const page = await todosApi.list(
        { status: filter.value, search: search.value, ordering: '-created', pageSize: PAGE_SIZE },
        signal,
      )
      if (signal.aborted) return
      items.value = page.results
      next.value = page.next ?? null
      notices.value = {}
      state.value = 'ready'
    } catch (caught) {
      if (isAbort(caught) || signal.aborted) return
      error.value = toApiError(caught)
      state.value = 'error'
    }
  }

  async function loadMore(): Promise<void> {
    const cursor = cursorFromUrl(next.value)
    if (cursor === null || loadingMore.value) return
    const signal = beginListRequest()
    loadingMore.value = true
    error.value = null
    try {
      const page = await todosApi.list(
        { status: filter.value, search: search.value, ordering: '-created', pageSize: PAGE_SIZE, cursor },
        signal,
      )
      if (signal.aborted) return
      // A todo added since the first page can shift the window; skip duplicates.
      const seen = new Set(items.value.map((todo) => todo.id))
      items.value = items.value.concat(page.results.filter((todo) => !seen.has(todo.id)))
      next.value = page.next ?? null
    } catch (caught) {
      if (isAbort(caught) || signal.aborted) return
      error.value = toApiError(caught)
    } finally {
      if (!signal.aborted) loadingMore.value = false
    }
  }

  function setFilter(value: TodoStatusFilter): Promise<void> {
    filter.value = value
    return load()
  }

  function setSearch(value: string): Promise<void> {
    search.value = value
    return load()
  }

  function matchesView(todo: Todo): boolean {
    if (filter.value === 'active' && todo.done) return false
    if (filter.value === 'done' && !todo.done) return false
    const term = search.value.trim().toLowerCase()
    return term === '' || todo.title.toLowerCase().includes(term) || (todo.notes ?? '').toLowerCase().includes(term)
  }

  function replace(todo: Todo): void {
    const index = items.value.findIndex((item) => item.id === todo.id)
    if (index !== -1) items.value.splice(index, 1, todo)
  }

  function clearNotice(id: number): void {
    const { [id]: _removed, ...rest } = notices.value
    notices.value = rest
  }

  /** Creates a todo; rejects with ApiError (field errors for the form) on failure. */
  async function add(input: TodoCreateInput): Promise<Todo> {
    const todo = await todosApi.create(input)
    if (matchesView(todo)) items.value.unshift(todo)
    return todo
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
    void settled.then(() => {
      if (queues.get(id) === settled) queues.delete(id)
    })
    pending.value = { ...pending.value, [id]: (pending.value[id] ?? 0) + 1 }
    void settled.then(() => {
      const left = (pending.value[id] ?? 1) - 1
      const { [id]: _done, ...rest } = pending.value
      pending.value = left > 0 ? { ...rest, [id]: left } : rest
    })
    return run
  }

  /**
   * Saves changes against the version the client has. Resolves `true` when
   * saved, `false` when a conflict replaced the item with the server's copy;
   * rejects with ApiError for anything else (e.g. field errors).
   */
  function update(id: number, changes: TodoChanges): Promise<boolean> {
    return enqueue(id, async () => {
      const todo = items.value.find((item) => item.id === id)
      if (!todo) return false
      clearNotice(id)
      try {
        replace(await todosApi.update(id, todo.version, changes))
        return true
      } catch (caught) {
        const current = conflictCurrent(caught)
        if (current) {
          replace(current)
          notices.value = { ...notices.value, [id]: CONFLICT_MESSAGE }
          return false
        }
        throw caught
      }
    })
  }

  /** Flips `done` at once and rolls back if the server refuses. */
  async function toggle(id: number): Promise<boolean> {
    const todo = items.value.find((item) => item.id === id)
    if (!todo) return false
    const done = !todo.done
    replace({ ...todo, done })
    try {
      return await update(id, { done })
    } catch (caught) {
      const latest = items.value.find((item) => item.id === id)
      if (latest && latest.version === todo.version) replace({ ...latest, done: todo.done })
      notices.value = { ...notices.value, [id]: toApiError(caught).firstMessage() }
      return false
    }
  }

  function remove(id: number): Promise<void> {
    return enqueue(id, async () => {
      try {
        await todosApi.remove(id)
      } catch (caught) {
        // Already gone (deleted in another tab): the outcome the user wanted.
        if (!(caught instanceof ApiError && caught.status === 404)) throw caught
      }
      items.value = items.value.filter((item) => item.id !== id)
      clearNotice(id)
    })
  }

  function reset(): void {
    listController?.abort()
    listController = null
    items.value = []
    next.value = null
    filter.value = 'all'
    search.value = ''
    state.value = 'idle'
    loadingMore.value = false
    error.value = null
    notices.value = {}
    pending.value = {}
    queues.clear()
  }

  return {
    items,
    next,
    filter,
    search,
    state,
    loadingMore,
    error,
    notices,
    pending,
    hasMore,
    isFiltered,
    load,
    loadMore,
    setFilter,
    setSearch,
    add,
    update,
    toggle,
    remove,
    clearNotice,
    reset,
  }
})
