import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import FilterButtons, { type FilterOption } from './FilterButtons.vue'

type Shade = 'light' | 'dark'
const OPTIONS: FilterOption<Shade>[] = [
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
]

const pressed = (wrapper: ReturnType<typeof mount>) =>
  wrapper.findAll('button').map((button) => [button.text(), button.attributes('aria-pressed')])

describe('FilterButtons', () => {
  it('names the group and presses the selected option only', () => {
    const wrapper = mount(FilterButtons<Shade>, { props: { label: 'Filter shades', options: OPTIONS, selected: 'dark' } })
    expect(wrapper.get('[role="group"]').attributes('aria-label')).toBe('Filter shades')
    expect(pressed(wrapper)).toEqual([
      ['Light', 'false'],
      ['Dark', 'true'],
    ])
  })

  // The caller may refuse or delay the change (a request): the buttons follow its value, not the click.
  it('asks for the clicked option and waits for the caller to select it', async () => {
    const wrapper = mount(FilterButtons<Shade>, { props: { label: 'Filter shades', options: OPTIONS, selected: 'dark' } })
    await wrapper.findAll('button')[0]!.trigger('click')
    expect(wrapper.emitted('select')).toEqual([['light']])
    expect(pressed(wrapper)[0]).toEqual(['Light', 'false'])

    await wrapper.setProps({ selected: 'light' })
    expect(pressed(wrapper)[0]).toEqual(['Light', 'true'])
  })
})
