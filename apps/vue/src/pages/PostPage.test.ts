import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { ApiError, type Post } from '@tandem/client'
import { postsApi } from '@/services/api'
import { useAuthStore } from '@/stores/auth'
import PostPage from './PostPage.vue'

vi.mock('@/services/api', async () => {
  // A real session over a client that never reaches a server: these pages only read who is signed in.
  const { createApiClient, createSession } = await import('@tandem/client')
  return {
    session: createSession(createApiClient({ fetch: vi.fn(), tabs: null })),
    postsApi: { list: vi.fn(), get: vi.fn(), create: vi.fn(), update: vi.fn(), remove: vi.fn() },
  }
})

const api = vi.mocked(postsApi)
const MALICIOUS = '<img src=x onerror="window.__pwned = 1">\n<script>window.__pwned = 2</script>\nsecond line'

function post(overrides: Partial<Post> = {}): Post {
  return {
    id: 7,
    title: '<b>Title</b>',
    body: MALICIOUS,
    author: { id: 1, display_name: 'Ann' },
    created: '2026-01-01T00:00:00Z',
    updated: '2026-01-01T00:00:00Z',
    version: 3,
    ...overrides,
  }
}

async function mountAs(userId: number) {
  const auth = useAuthStore()
  auth.user = { id: userId, display: 'someone', email: 'someone@example.com', has_usable_password: true }
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/posts', name: 'posts', component: { template: '<p>list</p>' } },
      { path: '/posts/:id', name: 'post', component: PostPage, props: true },
      { path: '/posts/:id/edit', name: 'post-edit', component: { template: '<p>edit</p>' } },
      { path: '/login', name: 'login', component: { template: '<p>login</p>' } },
    ],
  })
  await router.push('/posts/7')
  const wrapper = mount({ template: '<RouterView />' }, { global: { plugins: [router] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, router }
}

const buttons = (wrapper: Awaited<ReturnType<typeof mountAs>>['wrapper']) =>
  wrapper.findAll('button, a').map((element) => element.text())

describe('PostPage', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.resetAllMocks()
  })

  it('shows the body as text with its line breaks, never as HTML', async () => {
    api.get.mockResolvedValueOnce(post())
    const { wrapper } = await mountAs(2)

    const body = wrapper.find('[data-testid="post-body"]')
    expect(body.text()).toBe(MALICIOUS)
    expect(body.find('img').exists()).toBe(false)
    expect(body.find('script').exists()).toBe(false)
    expect(wrapper.find('h1').text()).toBe('<b>Title</b>')
    expect((window as { __pwned?: number }).__pwned).toBeUndefined()
    wrapper.unmount()
  })

  it('offers Edit and Delete to the author only', async () => {
    api.get.mockResolvedValueOnce(post())
    const asOther = await mountAs(2)
    expect(buttons(asOther.wrapper)).not.toContain('Edit')
    expect(buttons(asOther.wrapper)).not.toContain('Delete')
    asOther.wrapper.unmount()

    setActivePinia(createPinia())
    api.get.mockResolvedValueOnce(post())
    const asAuthor = await mountAs(1)
    expect(buttons(asAuthor.wrapper)).toEqual(expect.arrayContaining(['Edit', 'Delete']))
    asAuthor.wrapper.unmount()
  })

  it('deletes only after confirmation, with the version shown, then goes to the list', async () => {
    api.get.mockResolvedValueOnce(post())
    api.remove.mockResolvedValueOnce(undefined)
    const { wrapper, router } = await mountAs(1)
    const click = (name: string) =>
      wrapper
        .findAll('button')
        .find((button) => button.text() === name)
        ?.trigger('click')

    await click('Delete')
    expect(api.remove).not.toHaveBeenCalled()
    expect(document.activeElement?.textContent?.trim()).toBe('Confirm delete')
    await click('Confirm delete')
    await flushPromises()

    expect(api.remove).toHaveBeenCalledWith(7, 3)
    expect(router.currentRoute.value.name).toBe('posts')
    wrapper.unmount()
  })

  it('says so when the post does not exist', async () => {
    api.get.mockRejectedValueOnce(new ApiError(404, []))
    const { wrapper } = await mountAs(1)

    expect(wrapper.text()).toContain('Post not found')
    wrapper.unmount()
  })
})
