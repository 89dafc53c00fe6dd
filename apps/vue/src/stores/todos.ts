import { defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import { createTodoList } from '@tandem/client'
import { todosApi } from '@/services/api'

/**
 * The todos page's state: @tandem/client's createTodoList (list, filters,
 * optimistic writes, conflicts; shared with the React and Nuxt apps) as a
 * Pinia store, so the session store can reset it on sign-out.
 */
export const useTodosStore = defineStore('todos', () => {
  const todos = createTodoList(todosApi)
  const snapshot = shallowRef(todos.snapshot)
  todos.subscribe(() => {
    snapshot.value = todos.snapshot
  })

  return {
    /** The whole snapshot, as the shared TodosView shows it. */
    view: computed(() => snapshot.value),
    items: computed(() => snapshot.value.items),
    filter: computed(() => snapshot.value.filters.status),
    search: computed(() => snapshot.value.filters.search),
    state: computed(() => snapshot.value.status),
    loadingMore: computed(() => snapshot.value.loadingMore),
    error: computed(() => snapshot.value.error),
    /** Per-todo notices, e.g. a version conflict that replaced the item. */
    notices: computed(() => snapshot.value.notices),
    /** Number of writes in flight per todo id. */
    pending: computed(() => snapshot.value.pending),
    hasMore: computed(() => snapshot.value.hasMore),
    isFiltered: computed(() => snapshot.value.isFiltered),
    load: todos.load,
    loadMore: todos.loadMore,
    setFilter: todos.setFilter,
    setSearch: todos.setSearch,
    add: todos.add,
    update: todos.update,
    toggle: todos.toggle,
    remove: todos.remove,
    clearNotice: todos.clearNotice,
    reset: todos.reset,
  }
})
