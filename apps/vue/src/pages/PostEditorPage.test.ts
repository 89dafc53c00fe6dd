import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { ApiError, type Post } from '@tandem/client'
import { postsApi } from '@/services/api'
import { useAuthStore } from '@/stores/auth'
import PostEditorPage from './PostEditorPage.vue'

vi.mock('@/services/api', async () => {
  // A real session over a client that never reaches a server: these pages only read who is signed in.
  const { createApiClient, createSession } = await import('@tandem/client')
  return {
    session: createSession(createApiClient({ fetch: vi.fn(), tabs: null })),
    postsApi: { list: vi.fn(), get: vi.fn(), create: vi.fn(), update: vi.fn(), remove: vi.fn() },
  }
})

const api = vi.mocked(postsApi)

function post(overrides: Partial<Post> = {}): Post {
  return {
    id: 7,
    title: 'Old title',
    body: 'Old body',
    author: { id: 1, display_name: 'Ann' },
    created: '2026-01-01T00:00:00Z',
    updated: '2026-01-01T00:00:00Z',
    version: 3,
    ...overrides,
  }
}

async function mountAt(path: string, userId = 1) {
  useAuthStore().user = { id: userId, display: 'Ann', email: 'ann@example.com', has_usable_password: true }
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/posts', name: 'posts', component: { template: '<p>list</p>' } },
      { path: '/posts/new', name: 'post-new', component: PostEditorPage },
      { path: '/posts/:id', name: 'post', component: { template: '<p>post</p>' } },
      { path: '/posts/:id/edit', name: 'post-edit', component: PostEditorPage, props: true },
      { path: '/login', name: 'login', component: { template: '<p>login</p>' } },
    ],
  })
  await router.push(path)
  const wrapper = mount({ template: '<RouterView />' }, { global: { plugins: [router] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, router }
}

describe('PostEditorPage', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.resetAllMocks()
  })

  it('publishes a new post and opens it', async () => {
    api.create.mockResolvedValueOnce(post({ id: 12, version: 1 }))
    const { wrapper, router } = await mountAt('/posts/new')

    await wrapper.find('input').setValue('Hello')
    await wrapper.find('textarea').setValue('World')
    await wrapper.find('form').trigger('submit')
    await flushPromises()

    expect(api.create).toHaveBeenCalledWith({ title: 'Hello', body: 'World' })
    expect(router.currentRoute.value.fullPath).toBe('/posts/12')
    wrapper.unmount()
  })

  it('sends only the changed fields with the version it loaded', async () => {
    api.get.mockResolvedValueOnce(post())
    api.update.mockResolvedValueOnce(post({ title: 'New title', version: 4 }))
    const { wrapper, router } = await mountAt('/posts/7/edit')

    await wrapper.find('input').setValue('New title')
    await wrapper.find('form').trigger('submit')
    await flushPromises()

    expect(api.update).toHaveBeenCalledWith(7, 3, { title: 'New title' })
    expect(router.currentRoute.value.fullPath).toBe('/posts/7')
    wrapper.unmount()
  })

  it('on a version conflict keeps the typed text, explains, and saves over the new version only when asked', async () => {
    api.get.mockResolvedValueOnce(post())
    api.update
      .mockRejectedValueOnce(
        ApiError.fromBody(409, {
          status: 409,
          errors: [{ code: 'version_conflict', message: 'Changed elsewhere.', param: 'version' }],
          current: post({ body: 'Edited in another tab', version: 5 }),
        }),
      )
      .mockResolvedValueOnce(post({ body: 'My body', version: 6 }))
    const { wrapper, router } = await mountAt('/posts/7/edit')

    await wrapper.find('textarea').setValue('My body')
    await wrapper.find('form').trigger('submit')
    await flushPromises()

    expect(router.currentRoute.value.fullPath).toBe('/posts/7/edit')
    expect(wrapper.text()).toContain('changed elsewhere')
    expect((wrapper.find('textarea').element as HTMLTextAreaElement).value).toBe('My body')

    await wrapper.find('form').trigger('submit')
    await flushPromises()

    expect(api.update).toHaveBeenLastCalledWith(7, 5, { body: 'My body' })
    expect(router.currentRoute.value.fullPath).toBe('/posts/7')
    wrapper.unmount()
  })

  it('offers no form to someone who is not the author', async () => {
    api.get.mockResolvedValueOnce(post())
    const { wrapper } = await mountAt('/posts/7/edit', 2)

    expect(wrapper.find('form').exists()).toBe(false)
    expect(wrapper.text()).toContain('Only the author of this post can edit it.')
    wrapper.unmount()
  })
})
