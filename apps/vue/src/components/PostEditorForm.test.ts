import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { ApiError } from '@tandem/client'
import PostEditorForm from './PostEditorForm.vue'

function mountForm(save: () => Promise<unknown> = () => Promise.resolve()) {
  const saveMock = vi.fn(save)
  const wrapper = mount(PostEditorForm, {
    props: { submitLabel: 'Publish', save: saveMock },
    attachTo: document.body,
  })
  return { wrapper, save: saveMock }
}

function field(wrapper: ReturnType<typeof mountForm>['wrapper'], label: string) {
  const id = wrapper.findAll('label').find((item) => item.text() === label)?.attributes('for')
  return wrapper.find(`[id="${id ?? 'missing'}"]`)
}

describe('PostEditorForm', () => {
  it('sends the title and the body exactly as typed', async () => {
    const { wrapper, save } = mountForm()
    const body = '  indented\n\n<b>not bold</b>\n'
    await field(wrapper, 'Title').setValue('Hello')
    await field(wrapper, 'Body').setValue(body)

    await wrapper.find('form').trigger('submit')
    await flushPromises()

    expect(save).toHaveBeenCalledWith({ title: 'Hello', body })
    wrapper.unmount()
  })

  it('refuses a blank title without a request and says why by the field', async () => {
    const { wrapper, save } = mountForm()
    await field(wrapper, 'Title').setValue('   ')

    await wrapper.find('form').trigger('submit')
    await flushPromises()

    expect(save).not.toHaveBeenCalled()
    expect(field(wrapper, 'Title').attributes('aria-invalid')).toBe('true')
    expect(wrapper.text()).toContain('Enter a title.')
    expect(document.activeElement).toBe(field(wrapper, 'Title').element)
    wrapper.unmount()
  })

  it('shows the API’s field errors next to their fields and the rest above the form', async () => {
    const { wrapper } = mountForm(() =>
      Promise.reject(
        new ApiError(400, [
          { code: 'max_length', message: 'Ensure this field has no more than 50000 characters.', param: 'body' },
          { code: 'throttled', message: 'Slow down.' },
        ]),
      ),
    )
    await field(wrapper, 'Title').setValue('Long one')
    await field(wrapper, 'Body').setValue('x')

    await wrapper.find('form').trigger('submit')
    await flushPromises()

    const body = field(wrapper, 'Body')
    expect(body.attributes('aria-invalid')).toBe('true')
    const describedBy = body.attributes('aria-describedby') ?? ''
    const bodyError = describedBy
      .split(' ')
      .map((id) => wrapper.find(`[id="${id}"]`).text())
      .join(' ')
    expect(bodyError).toContain('no more than 50000 characters')
    expect(wrapper.find('[role="alert"]').text()).toContain('Slow down.')
    expect(field(wrapper, 'Title').attributes('aria-invalid')).toBeUndefined()
    wrapper.unmount()
  })

  it('starts from the post being edited and emits cancel', async () => {
    const wrapper = mount(PostEditorForm, {
      props: { submitLabel: 'Save', save: vi.fn(), initial: { title: 'Old title', body: 'Old body' } },
    })

    expect((field(wrapper, 'Title').element as HTMLInputElement).value).toBe('Old title')
    expect((field(wrapper, 'Body').element as HTMLTextAreaElement).value).toBe('Old body')
    await wrapper.findAll('button').find((button) => button.text() === 'Cancel')?.trigger('click')
    expect(wrapper.emitted('cancel')).toHaveLength(1)
  })
})
