import { createTodoList } from '@tandem/client'
import { todosApi } from '@/services/api'

/**
 * The todo list and the writes that keep it in step, outside React (pages
 * subscribe): @tandem/client's createTodoList, shared with the Vue and Nuxt apps.
 */
export const todosStore = createTodoList(todosApi)
