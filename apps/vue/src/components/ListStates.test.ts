import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import ListLoadError from './ListLoadError.vue'
import ListLoading from './ListLoading.vue'
import ListMore from './ListMore.vue'

describe('ListMore', () => {
  // A failed "Load more" is hard to bring about in a browser test: the rows stay, the reason shows.
  it('says why loading more failed, and offers to try again while there is more', async () => {
    const wrapper = mount(ListMore, { props: { error: 'Offline.', hasMore: true, loadingMore: false } })
    expect(wrapper.get('[role="alert"]').text()).toBe('Could not load more: Offline.')
    await wrapper.get('button').trigger('click')
    expect(wrapper.emitted('load-more')).toHaveLength(1)
  })

  it('shows nothing at the end of a list that loaded', () => {
    const wrapper = mount(ListMore, { props: { error: null, hasMore: false, loadingMore: false } })
    expect(wrapper.find('[role="alert"]').exists()).toBe(false)
    expect(wrapper.find('button').exists()).toBe(false)
  })
})

describe('ListLoadError', () => {
  it('shows the reason as an alert and asks to retry', async () => {
    const wrapper = mount(ListLoadError, { slots: { default: 'Could not load the posts. Offline.' } })
    expect(wrapper.get('[role="alert"]').text()).toBe('Could not load the posts. Offline.')
    await wrapper.get('button').trigger('click')
    expect(wrapper.emitted('retry')).toHaveLength(1)
  })

  it('lets an app bring its own way to retry', () => {
    const wrapper = mount(ListLoadError, {
      slots: { default: 'Could not load the posts.', retry: '<a href="">Retry</a>' },
    })
    expect(wrapper.find('button').exists()).toBe(false)
    expect(wrapper.get('a').text()).toBe('Retry')
  })
})

describe('ListLoading', () => {
  it('announces the loading once and hides the placeholder rows from screen readers', () => {
    const wrapper = mount(ListLoading, { props: { rowClass: 'h-14' } })
    expect(wrapper.findAll('[role="status"]').map((status) => status.text())).toEqual(['Loading…'])
    const placeholders = wrapper.get('[aria-hidden="true"]').findAll('div')
    expect(placeholders).toHaveLength(3)
    expect(placeholders.every((row) => row.classes('h-14'))).toBe(true)
  })
})
