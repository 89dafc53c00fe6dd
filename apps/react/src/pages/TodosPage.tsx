import { useEffect, useRef, useSyncExternalStore } from 'react'
import { ListLoadError, ListLoading, ListMore } from '@/components/ListStates'
import { TodoAddForm } from '@/components/TodoAddForm'
import { TodoItem } from '@/components/TodoItem'
import { TodoToolbar } from '@/components/TodoToolbar'
import { useServiceStatus } from '@/stores/serviceStatus'
import { todosStore as todos } from '@/stores/todos'

export default function TodosPage() {
  const { items, status, error, hasMore, loadingMore, filters, notices, pending, isFiltered } = useSyncExternalStore(
    todos.subscribe,
    () => todos.snapshot,
    () => todos.snapshot,
  )
  const { status: filter, search } = filters

  useEffect(() => {
    void todos.load()
  }, [])

  // The API came back after an outage: reload instead of waiting for a click on Retry.
  const { recoveries } = useServiceStatus()
  const seenRecoveries = useRef(recoveries)
  useEffect(() => {
    if (recoveries === seenRecoveries.current) return
    seenRecoveries.current = recoveries
    if (todos.snapshot.status === 'error') void todos.load()
  }, [recoveries])

  const loading = status === 'loading' || status === 'idle'

  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">Todos</h1>

      <TodoAddForm add={todos.add} />

      <TodoToolbar filter={filter} search={search} onFilter={(value) => void todos.setFilter(value)} onSearch={(value) => void todos.setSearch(value)} />

      <section aria-label="Todo list" aria-busy={status === 'loading'}>
        {loading ? (
          <ListLoading rowClassName="h-14" />
        ) : status === 'error' ? (
          <ListLoadError onRetry={() => void todos.load()}>Could not load your todos. {error?.firstMessage()}</ListLoadError>
        ) : items.length === 0 ? (
          <div className="rounded-xl border border-dashed border-zinc-300 p-10 text-center">
            <p className="font-medium text-zinc-700">{isFiltered ? 'No todos match' : 'No todos yet'}</p>
            <p className="mt-1 text-sm text-zinc-500">{isFiltered ? 'Try another filter or search term.' : 'Add your first one above.'}</p>
          </div>
        ) : (
          <>
            <ul className="divide-y divide-zinc-100 overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm">
              {items.map((todo) => (
                <TodoItem
                  key={todo.id}
                  todo={todo}
                  notice={notices[todo.id]}
                  busy={(pending[todo.id] ?? 0) > 0}
                  save={(changes) => todos.update(todo.id, changes)}
                  remove={() => todos.remove(todo.id)}
                  onToggle={() => void todos.toggle(todo.id)}
                  onDismissNotice={() => todos.clearNotice(todo.id)}
                />
              ))}
            </ul>
            <ListMore error={error?.firstMessage()} hasMore={hasMore} loadingMore={loadingMore} onLoadMore={() => void todos.loadMore()} />
          </>
        )}
      </section>
    </div>
  )
}
