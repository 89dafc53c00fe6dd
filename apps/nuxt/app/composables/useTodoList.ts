import { createTodoList, type TodoList, type TodoListOptions, type TodoListSnapshot } from '@tandem/client'
import type { ShallowRef } from 'vue'

/**
 * The todos page's state (@tandem/client's createTodoList: list, filters,
 * optimistic writes, conflicts) as a ref for templates. Made per page
 * instance, so on the server it holds one visitor's todos for one request.
 */
export function useTodoList(options: TodoListOptions): { todos: TodoList; view: Readonly<ShallowRef<TodoListSnapshot>> } {
  const { $tandem } = useNuxtApp()
  const todos = createTodoList($tandem.todosApi, options)
  const view = shallowRef(todos.snapshot)
  onScopeDispose(
    todos.subscribe(() => {
      view.value = todos.snapshot
    }),
  )
  return { todos, view }
}
