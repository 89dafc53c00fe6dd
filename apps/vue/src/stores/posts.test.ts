import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, type Post, type PostPage, type PostSummary } from '@tandem/client'
import { postsApi } from '@/services/api'
import { usePostsStore } from './posts'

vi.mock('@/services/api', () => ({
  apiClient: { resetCsrfToken: vi.fn() },
  authApi: {},
  postsApi: { list: vi.fn(), get: vi.fn(), create: vi.fn(), update: vi.fn(), remove: vi.fn() },
}))

const api = vi.mocked(postsApi)

function summary(id: number): PostSummary {
  return {
    id,
    title: `Post ${id}`,
    excerpt: 'Body',
    truncated: false,
    author: { id: 1, display_name: 'ann@example.com' },
    created: '2026-01-01T00:00:00Z',
    updated: '2026-01-01T00:00:00Z',
    version: 1,
  }
}

function post(overrides: Partial<Post> = {}): Post {
  return {
    id: 1,
    title: 'Post 1',
    body: 'Body',
    author: { id: 1, display_name: 'ann@example.com' },
    created: '2026-01-01T00:00:00Z',
    updated: '2026-01-01T00:00:00Z',
    version: 1,
    ...overrides,
  }
}

function page(ids: number[], next: string | null = null): PostPage {
  return { results: ids.map(summary), next, previous: null }
}

function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((done) => (resolve = done))
  return { promise, resolve }
}

describe('usePostsStore', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.resetAllMocks()
  })

  it('loads everyone’s posts, then only mine with author=me', async () => {
    const store = usePostsStore()
    api.list.mockResolvedValueOnce(page([3, 2, 1], 'http://api/api/posts/?cursor=c2'))
    await store.load()
    expect(api.list).toHaveBeenLastCalledWith(
      { author: undefined, pageSize: 20, cursor: null },
      expect.any(AbortSignal),
    )
    expect(store.hasMore).toBe(true)

    api.list.mockResolvedValueOnce(page([2]))
    await store.setFilter('mine')

    expect(api.list).toHaveBeenLastCalledWith({ author: 'me', pageSize: 20, cursor: null }, expect.any(AbortSignal))
    expect(store.items.map((item) => item.id)).toEqual([2])
    expect(store.hasMore).toBe(false)
  })

  it('loads more with the next cursor and the same filter, skipping duplicates', async () => {
    const store = usePostsStore()
    api.list.mockResolvedValueOnce(page([5, 4], 'http://api/api/posts/?cursor=c2&author=me'))
    await store.setFilter('mine')
    api.list.mockResolvedValueOnce(page([4, 3]))

    await store.loadMore()

    expect(api.list).toHaveBeenLastCalledWith({ author: 'me', pageSize: 20, cursor: 'c2' }, expect.any(AbortSignal))
    expect(store.items.map((item) => item.id)).toEqual([5, 4, 3])
    expect(store.loadingMore).toBe(false)
  })

  it('shows only the answer to the newest request when the filter changes quickly', async () => {
    const store = usePostsStore()
    const slowAll = deferred<PostPage>()
    api.list.mockReturnValueOnce(slowAll.promise).mockResolvedValueOnce(page([9]))

    const first = store.load()
    await store.setFilter('mine')
    slowAll.resolve(page([1, 2, 3]))
    await first

    expect(store.filter).toBe('mine')
    expect(store.items.map((item) => item.id)).toEqual([9])
  })

  it('records the error of a failed first page', async () => {
    const store = usePostsStore()
    api.list.mockRejectedValueOnce(ApiError.network())

    await store.load()

    expect(store.state).toBe('error')
    expect(store.error?.code).toBe('network_error')
  })

  it('keeps the list when "load more" fails, with the error to show', async () => {
    const store = usePostsStore()
    api.list.mockResolvedValueOnce(page([2, 1], 'http://api/api/posts/?cursor=c2'))
    await store.load()
    api.list.mockRejectedValueOnce(new ApiError(503, []))

    await store.loadMore()

    expect(store.state).toBe('ready')
    expect(store.items).toHaveLength(2)
    expect(store.error?.status).toBe(503)
    expect(store.hasMore).toBe(true)
  })

  it('updates with the version the user saw and marks the list stale', async () => {
    const store = usePostsStore()
    api.list.mockResolvedValueOnce(page([1]))
    await store.load()
    api.update.mockResolvedValueOnce(post({ title: 'New', version: 4 }))

    const saved = await store.update(post({ version: 3 }), { title: 'New' })

    expect(api.update).toHaveBeenCalledWith(1, 3, { title: 'New' })
    expect(saved.version).toBe(4)
    expect(store.state).toBe('idle')
  })

  it('lets a version conflict reach the editor', async () => {
    const store = usePostsStore()
    const conflict = ApiError.fromBody(409, {
      status: 409,
      errors: [{ code: 'version_conflict', message: 'Changed elsewhere.', param: 'version' }],
      current: post({ version: 5 }),
    })
    api.update.mockRejectedValueOnce(conflict)

    await expect(store.update(post({ version: 3 }), { body: 'Mine' })).rejects.toBe(conflict)
  })

  it('deletes the version it has and drops it from the list; already gone counts as deleted', async () => {
    const store = usePostsStore()
    api.list.mockResolvedValueOnce(page([2, 1]))
    await store.load()
    api.remove.mockResolvedValueOnce(undefined)
    api.remove.mockRejectedValueOnce(new ApiError(404, []))

    await store.remove(post({ id: 1, version: 7 }))
    await store.remove(post({ id: 2 }))

    expect(api.remove).toHaveBeenNthCalledWith(1, 1, 7)
    expect(store.items).toEqual([])
  })

  it('rethrows a refused delete and keeps the post listed', async () => {
    const store = usePostsStore()
    api.list.mockResolvedValueOnce(page([1]))
    await store.load()
    const refused = new ApiError(403, [{ code: 'permission_denied', message: 'Only the author…' }])
    api.remove.mockRejectedValueOnce(refused)

    await expect(store.remove(post())).rejects.toBe(refused)
    expect(store.items).toHaveLength(1)
  })

  it('reset() forgets the previous user’s list and filter', async () => {
    const store = usePostsStore()
    api.list.mockResolvedValueOnce(page([1], 'http://api/api/posts/?cursor=x'))
    await store.setFilter('mine')

    store.reset()

    expect(store.items).toEqual([])
    expect(store.filter).toBe('all')
    expect(store.hasMore).toBe(false)
    expect(store.state).toBe('idle')
  })
})
