import { describe, expect, it, vi } from 'vitest'
import { createApiClient } from './client'
import { createCursorList } from './cursorList'
import { ApiError } from './errors'
import { createPostsApi, deleteSeenPost, postChanges, postConflictCurrent, postsPageFetcher } from './posts'
import type { Post } from './types'

function json(status: number, body: unknown): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  })
}

const post = (changes: Partial<Post> = {}): Post =>
  ({
    id: 7,
    title: 'A day at the lake',
    body: 'We swam.',
    version: 3,
    author: { id: 1, display_name: 'Ann' },
    created: '2026-01-01T00:00:00Z',
    updated: '2026-01-01T00:00:00Z',
    ...changes,
  }) as Post

/** A posts API over a fake server answering `respond` (the CSRF token request is answered here). */
function postsApiAnswering(respond: (url: URL, init: RequestInit) => Response) {
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://app.test')
    return url.pathname === '/api/csrf/' ? json(200, { csrf_token: 't' }) : respond(url, init)
  })
  return { api: createPostsApi(createApiClient({ fetch, tabs: null })), fetch }
}

describe('the posts list', () => {
  it('asks for everyone\'s posts or only mine, page by page through the cursor', async () => {
    const seen: string[] = []
    const { api } = postsApiAnswering((url) => {
      seen.push(url.pathname + url.search)
      return url.searchParams.get('cursor')
        ? json(200, { results: [{ id: 1 }], next: null })
        : json(200, { results: [{ id: 3 }, { id: 2 }], next: 'http://api.test/api/posts/?cursor=c2&page_size=20' })
    })
    const list = createCursorList(postsPageFetcher(api))

    await list.load('mine')
    await list.loadMore()
    await list.load('all')

    expect(seen).toEqual([
      '/api/posts/?author=me&page_size=20',
      '/api/posts/?author=me&page_size=20&cursor=c2',
      '/api/posts/?page_size=20',
    ])
    expect(list.snapshot.items.map((item) => item.id)).toEqual([3, 2])
  })
})

describe('editing a post', () => {
  it('sends only the fields that differ from the version the user started from', () => {
    expect(postChanges({ title: 'A day at the lake', body: 'We swam.' }, post())).toEqual({})
    expect(postChanges({ title: 'Revised', body: 'We swam.' }, post())).toEqual({ title: 'Revised' })
    expect(postChanges({ title: 'A day at the lake' }, post({ body: 'x' }))).toEqual({ body: undefined })
    expect(postChanges({ title: 'A day at the lake', body: '' }, post({ body: '' }))).toEqual({})
  })

  it('reads the server\'s latest copy from a 409 version conflict, and nothing from other errors', () => {
    const latest = post({ version: 4, title: 'Changed elsewhere' })
    const conflict = ApiError.fromBody(409, {
      errors: [{ code: 'version_conflict', message: 'changed' }],
      current: latest,
    })
    expect(postConflictCurrent(conflict)).toEqual(latest)
    expect(postConflictCurrent(ApiError.fromBody(409, { errors: [{ code: 'other', message: 'x' }], current: latest }))).toBeNull()
    expect(postConflictCurrent(ApiError.fromBody(400, { errors: [{ code: 'version_conflict', message: 'x' }] }))).toBeNull()
    expect(postConflictCurrent(new Error('network'))).toBeNull()
  })
})

describe('deleting the version the user saw', () => {
  it('sends that version as If-Match', async () => {
    const { api, fetch } = postsApiAnswering(() => json(204, null))
    await deleteSeenPost(api, post())
    const [url, init] = fetch.mock.calls.at(-1)! as unknown as [string, RequestInit]
    expect(url).toBe('/api/posts/7/')
    expect(new Headers(init.headers).get('If-Match')).toBe('"3"')
  })

  it('counts a post already gone as deleted', async () => {
    const { api } = postsApiAnswering(() => json(404, { errors: [{ code: 'not_found', message: 'Not found.' }] }))
    await expect(deleteSeenPost(api, post())).resolves.toBeUndefined()
  })

  it('rejects when the post was edited meanwhile (412), so the page can show the latest version', async () => {
    const { api } = postsApiAnswering(() =>
      json(412, { errors: [{ code: 'precondition_failed', message: 'changed' }] }),
    )
    await expect(deleteSeenPost(api, post())).rejects.toMatchObject({ status: 412 })
  })
})
