import { mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { ApiError, type Todo, type TodoListSnapshot } from '@tandem/client'
import TodosView from './TodosView.vue'

const todo: Todo = {
  id: 7,
  title: 'Buy milk',
  notes: '',
  done: false,
  due_date: null,
  created: '2026-01-01T00:00:00Z',
  updated: '2026-01-01T00:00:00Z',
  version: 2,
}

function snapshot(overrides: Partial<TodoListSnapshot> = {}): TodoListSnapshot {
  return {
    items: [],
    status: 'ready',
    loadingMore: false,
    hasMore: false,
    error: null,
    filters: { status: 'all', search: '' },
    isFiltered: false,
    notices: {},
    pending: {},
    ...overrides,
  }
}

function mountView(view: TodoListSnapshot, loadError?: string) {
  const update = vi.fn(() => Promise.resolve(true))
  const remove = vi.fn(() => Promise.resolve())
  const wrapper = mount(TodosView, { props: { view, loadError, add: vi.fn(() => Promise.resolve()), update, remove } })
  return { wrapper, update, remove }
}

const button = (wrapper: ReturnType<typeof mountView>['wrapper'], name: string) =>
  wrapper.findAll('button').find((candidate) => candidate.text() === name)

describe('TodosView', () => {
  it('shows a first page that could not be read instead of the list, and asks for a retry', async () => {
    const { wrapper } = mountView(snapshot({ items: [todo] }), 'The service is unavailable right now.')

    expect(wrapper.find('[role="alert"]').text()).toBe('Could not load your todos. The service is unavailable right now.')
    expect(wrapper.text()).not.toContain('Buy milk')
    await button(wrapper, 'Retry')?.trigger('click')
    expect(wrapper.emitted('retry')).toHaveLength(1)
  })

  it("says why the list failed, in the API's words", () => {
    const { wrapper } = mountView(snapshot({ status: 'error', error: ApiError.network() }))
    expect(wrapper.find('[role="alert"]').text()).toMatch(/^Could not load your todos\. .+/)
  })

  it('tells an empty list from one the filters emptied', () => {
    expect(mountView(snapshot()).wrapper.text()).toContain('No todos yet')
    expect(mountView(snapshot({ isFiltered: true })).wrapper.text()).toContain('No todos match')
  })

  it("hands each todo's events and writes to the page with its id", async () => {
    const { wrapper, update } = mountView(snapshot({ items: [todo], hasMore: true }))

    await wrapper.find('input[type="checkbox"]').trigger('change')
    await button(wrapper, 'Load more')?.trigger('click')
    await wrapper.findComponent({ name: 'TodoItem' }).props('save')({ title: 'Oat milk' })

    expect(wrapper.emitted('toggle')).toEqual([[7]])
    expect(wrapper.emitted('load-more')).toHaveLength(1)
    expect(update).toHaveBeenCalledWith(7, { title: 'Oat milk' })
  })
})
