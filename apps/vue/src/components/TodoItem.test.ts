import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { ApiError, type Todo } from '@tandem/client'
import TodoItem from './TodoItem.vue'

const todo: Todo = {
  id: 7,
  title: 'Buy milk',
  notes: 'Oat, 2 litres',
  done: false,
  due_date: null,
  created: '2026-01-01T00:00:00Z',
  updated: '2026-01-01T00:00:00Z',
  version: 2,
}

function mountItem(overrides: { save?: () => Promise<boolean>; remove?: () => Promise<void>; notice?: string } = {}) {
  const save = vi.fn(overrides.save ?? (() => Promise.resolve(true)))
  const remove = vi.fn(overrides.remove ?? (() => Promise.resolve()))
  const wrapper = mount(TodoItem, {
    props: { todo, save, remove, notice: overrides.notice },
    attachTo: document.body,
  })
  return { wrapper, save, remove }
}

const byAria = (label: string) => `[aria-label="${label}"]`

describe('TodoItem', () => {
  it('shows the title with labelled controls', () => {
    const { wrapper } = mountItem()

    expect(wrapper.find('li').text()).toContain('Buy milk')
    expect(wrapper.find(`input[type="checkbox"]${byAria('Done: Buy milk')}`).exists()).toBe(true)
    expect(wrapper.find(`button${byAria('Edit Buy milk')}`).exists()).toBe(true)
    expect(wrapper.find(`button${byAria('Delete Buy milk')}`).exists()).toBe(true)
    wrapper.unmount()
  })

  it('emits toggle when the checkbox changes', async () => {
    const { wrapper } = mountItem()

    await wrapper.find('input[type="checkbox"]').trigger('change')

    expect(wrapper.emitted('toggle')).toHaveLength(1)
    wrapper.unmount()
  })

  it('cancels an edit with Escape without saving', async () => {
    const { wrapper, save } = mountItem()
    await wrapper.find(byAria('Edit Buy milk')).trigger('click')
    const title = wrapper.find('input[type="text"]')
    expect(document.activeElement).toBe(title.element)

    await title.setValue('Something else')
    await title.trigger('keydown', { key: 'Escape' })
    await flushPromises()

    expect(save).not.toHaveBeenCalled()
    expect(wrapper.find('input[type="text"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('Buy milk')
    expect(document.activeElement).toBe(wrapper.find(byAria('Edit Buy milk')).element)
    wrapper.unmount()
  })

  it('saves only the changed fields on submit (Enter)', async () => {
    const { wrapper, save } = mountItem()
    await wrapper.find(byAria('Edit Buy milk')).trigger('click')

    await wrapper.find('input[type="text"]').setValue('Buy oat milk')
    await wrapper.find('form').trigger('submit')
    await flushPromises()

    expect(save).toHaveBeenCalledWith({ title: 'Buy oat milk' })
    expect(wrapper.find('form').exists()).toBe(false)
    wrapper.unmount()
  })

  it('shows a field error from the API next to the field and stays in edit mode', async () => {
    const tooLong = 'Ensure this field has no more than 200 characters.'
    const { wrapper } = mountItem({
      save: () => Promise.reject(new ApiError(400, [{ code: 'max_length', message: tooLong, param: 'title' }])),
    })
    await wrapper.find(byAria('Edit Buy milk')).trigger('click')

    await wrapper.find('input[type="text"]').setValue('x'.repeat(201))
    await wrapper.find('form').trigger('submit')
    await flushPromises()

    const input = wrapper.find('input[type="text"]')
    const error = wrapper.find('[role="alert"]')
    expect(error.text()).toBe(tooLong)
    expect(input.attributes('aria-invalid')).toBe('true')
    expect(input.attributes('aria-describedby')).toBe(error.attributes('id'))
    wrapper.unmount()
  })

  it('asks for confirmation before deleting, and Escape backs out', async () => {
    const { wrapper, remove } = mountItem()

    await wrapper.find(byAria('Delete Buy milk')).trigger('click')
    await flushPromises()
    const confirm = wrapper.findAll('button').find((button) => button.text() === 'Confirm delete')
    expect(confirm).toBeDefined()
    expect(document.activeElement).toBe(confirm!.element)
    expect(remove).not.toHaveBeenCalled()

    await confirm!.trigger('keydown', { key: 'Escape' })
    await flushPromises()
    expect(wrapper.text()).not.toContain('Confirm delete')
    expect(document.activeElement).toBe(wrapper.find(byAria('Delete Buy milk')).element)

    await wrapper.find(byAria('Delete Buy milk')).trigger('click')
    await flushPromises()
    await wrapper.findAll('button').find((button) => button.text() === 'Confirm delete')!.trigger('click')
    await flushPromises()
    expect(remove).toHaveBeenCalledTimes(1)
    wrapper.unmount()
  })

  it('renders user text as text, never as HTML', () => {
    const wrapper = mount(TodoItem, {
      props: { todo: { ...todo, title: '<img src=x onerror=alert(1)>' }, save: vi.fn(), remove: vi.fn() },
    })

    expect(wrapper.find('img').exists()).toBe(false)
    expect(wrapper.text()).toContain('<img src=x onerror=alert(1)>')
  })
})
