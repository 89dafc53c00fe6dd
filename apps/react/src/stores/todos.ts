import {
  ApiError,
  conflictCurrent,
  createCursorList,
  type Todo,
  type TodoChanges,
  type TodoCreateInput,
  type TodoStatusFilter,
  type TodosApi,
} from '@tandem/client'
import { todosApi } from '@/services/api'
import { createStore } from './external'

export const PAGE_SIZE = 20
export const CONFLICT_MESSAGE = 'This todo was changed elsewhere; showing the latest version.'

/** What the list shows: the server filters, the cursor list pages. */
interface TodosQuery {
  status: TodoStatusFilter
  search: string
}

export interface TodosView {
  filter: TodoStatusFilter
  search: string
  /** Per-todo notices, e.g. a version conflict that replaced the item. */
  notices: Readonly<Record<number, string>>
  /** Number of writes in flight per todo id. */
  pending: Readonly<Record<number, number>>
}

const EMPTY_VIEW: TodosView = { filter: 'all', search: '', notices: {}, pending: {} }

function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : ApiError.unexpected(0)
}

/** The todo list and the writes that keep it in step, outside React (pages subscribe). */
export function createTodosStore(api: Pick<TodosApi, 'list' | 'create' | 'update' | 'remove'>) {
  const list = createCursorList<Todo, TodosQuery>((query, cursor, signal) =>
    api.list({ ...query, ordering: '-created', pageSize: PAGE_SIZE, cursor }, signal),
  )
  const view = createStore<TodosView>(EMPTY_VIEW)
  const patch = (change: Partial<TodosView>) => view.set({ ...view.get(), ...change })

  const find = (id: number) => list.snapshot.items.find((item) => item.id === id)

  function load(): Promise<void> {
    const { filter, search } = view.get()
    patch({ notices: {} })
    return list.load({ status: filter, search })
  }

  function matchesView(todo: Todo): boolean {
    const { filter, search } = view.get()
    if (filter === 'active' && todo.done) return false
    if (filter === 'done' && !todo.done) return false
    const term = search.trim().toLowerCase()
    return term === '' || todo.title.toLowerCase().includes(term) || (todo.notes ?? '').toLowerCase().includes(term)
  }

  function replace(todo: Todo): void {
    list.update((current) => current.map((item) => (item.id === todo.id ? todo : item)))
  }

  function setNotice(id: number, message: string): void {
    patch({ notices: { ...view.get().notices, [id]: message } })
  }

  function clearNotice(id: number): void {
    const { [id]: _removed, ...rest } = view.get().notices
    patch({ notices: rest })
  }

  // Writes to one todo run one after another, each with the version the
  // previous one returned; otherwise a quick toggle-then-edit would conflict with itself.
  const queues = new Map<number, Promise<unknown>>()

  function enqueue<T>(id: number, task: () => Promise<T>): Promise<T> {
    const run = (queues.get(id) ?? Promise.resolve()).then(task, task)
    const settled = run.then(
      () => undefined,
      () => undefined,
    )
    queues.set(id, settled)
    const { pending } = view.get()
    patch({ pending: { ...pending, [id]: (pending[id] ?? 0) + 1 } })
    void settled.then(() => {
      if (queues.get(id) === settled) queues.delete(id)
      const current = view.get().pending
      const left = (current[id] ?? 1) - 1
      const { [id]: _done, ...rest } = current
      patch({ pending: left > 0 ? { ...rest, [id]: left } : rest })
    })
    return run
  }

  /** Resolves `true` when saved, `false` when a conflict replaced the item with the server's copy. */
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
          setNotice(id, CONFLICT_MESSAGE)
          return false
        }
        throw caught
      }
    })
  }

  return {
    list,
    view,
    load,
    loadMore: () => list.loadMore(),
    setFilter(value: TodoStatusFilter): Promise<void> {
      patch({ filter: value })
      return load()
    },
    setSearch(value: string): Promise<void> {
      patch({ search: value })
      return load()
    },
    /** Creates a todo; rejects with ApiError (field errors for the form) on failure. */
    async add(input: TodoCreateInput): Promise<Todo> {
      const todo = await api.create(input)
      if (matchesView(todo)) list.update((current) => [todo, ...current])
      return todo
    },
    update,
    /** Flips `done` at once and rolls back if the server refuses. */
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
    remove(id: number): Promise<void> {
      return enqueue(id, async () => {
        try {
          await api.remove(id)
        } catch (caught) {
          // Already gone (deleted in another tab): the outcome the user wanted.
          if (!(caught instanceof ApiError && caught.status === 404)) throw caught
        }
        list.update((current) => current.filter((item) => item.id !== id))
        clearNotice(id)
      })
    },
    clearNotice,
    reset(): void {
      list.clear()
      queues.clear()
      view.set(EMPTY_VIEW)
    },
  }
}

export type TodosStore = ReturnType<typeof createTodosStore>

export const todosStore = createTodosStore(todosApi)
