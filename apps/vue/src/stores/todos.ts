import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import {
  ApiError,
  conflictCurrent,
  type Todo,
  type TodoChanges,
  type TodoCreateInput,
  type TodoStatusFilter,
} from '@tandem/client'
import { useCursorList } from '@/composables/useCursorList'
import { todosApi } from '@/services/api'

export const PAGE_SIZE = 20
export const CONFLICT_MESSAGE = 'This todo was changed elsewhere; showing the latest version.'

/** What the list shows: the server filters, the cursor list pages. */
interface TodosQuery {
  status: TodoStatusFilter
  search: string
}

function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : ApiError.unexpected(0)
}

export const useTodosStore = defineStore('todos', () => {
  const { list, items, state, loadingMore, error, hasMore } = useCursorList<Todo, TodosQuery>((query, cursor, signal) =>
    todosApi.list({ ...query, ordering: '-created', pageSize: PAGE_SIZE, cursor }, signal),
  )
  const filter = ref<TodoStatusFilter>('all')
  const search = ref('')
  /** Per-todo notices, e.g. a version conflict that replaced the item. */
  const notices = ref<Record<number, string>>({})
  /** Number of writes in flight per todo id. */
  const pending = ref<Record<number, number>>({})

  const isFiltered = computed(() => filter.value !== 'all' || search.value.trim() !== '')

  /** The first page for the current filter and search (a request in flight for older ones is cancelled). */
  async function load(): Promise<void> {
    notices.value = {}
    await list.load({ status: filter.value, search: search.value })
  }

  function loadMore(): Promise<void> {
    return list.loadMore()
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
    list.update((current) => current.map((item) => (item.id === todo.id ? todo : item)))
  }

  function clearNotice(id: number): void {
    const { [id]: _removed, ...rest } = notices.value
    notices.value = rest
  }

  /** Creates a todo; rejects with ApiError (field errors for the form) on failure. */
  async function add(input: TodoCreateInput): Promise<Todo> {
    const todo = await todosApi.create(input)
    if (matchesView(todo)) list.update((current) => [todo, ...current])
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
      list.update((current) => current.filter((item) => item.id !== id))
      clearNotice(id)
    })
  }

  function reset(): void {
    list.clear()
    filter.value = 'all'
    search.value = ''
    notices.value = {}
    pending.value = {}
    queues.clear()
  }

  return {
    items,
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
