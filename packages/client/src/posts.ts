import type { ApiClient } from './client'
import type { FetchCursorPage } from './cursorList'
import { ApiError } from './errors'
import { createTandemApi } from './requests'
import type { Post, PostAuthorFilter, PostChanges, PostCreateInput, PostPage, PostSummary } from './types'

export const POST_VERSION_CONFLICT = 'version_conflict'

export interface ListPostsParams {
  /** `me`: only the caller's posts; left out for everyone's. */
  author?: PostAuthorFilter
  pageSize?: number
  /** Opaque cursor taken from a previous page's `next` link (see `cursorFromUrl`). */
  cursor?: string | null
}

/** The server's copy of a post sent with a 409 version conflict, if this is one. */
export function postConflictCurrent(error: unknown): Post | null {
  if (!(error instanceof ApiError) || error.status !== 409 || !error.hasCode(POST_VERSION_CONFLICT)) return null
  const current = (error.body as { current?: unknown } | null)?.current
  if (typeof current !== 'object' || current === null || typeof (current as Post).id !== 'number') return null
  return current as Post
}

export function createPostsApi(client: ApiClient) {
  const api = createTandemApi(client)

  return {
    list(params: ListPostsParams = {}, signal?: AbortSignal): Promise<PostPage> {
      return api.get('/api/posts/', {
        query: { author: params.author, page_size: params.pageSize, cursor: params.cursor ?? undefined },
        signal,
      })
    },
    get(id: number, signal?: AbortSignal): Promise<Post> {
      return api.get('/api/posts/{post_id}/', { path: { post_id: id }, signal })
    },
    create(input: PostCreateInput): Promise<Post> {
      return api.post('/api/posts/', { body: input })
    },
    /** Sends the changed fields plus the version they were based on. */
    update(id: number, version: number, changes: PostChanges): Promise<Post> {
      return api.patch('/api/posts/{post_id}/', { path: { post_id: id }, body: { ...changes, version } })
    },
    /** Deletes only the version the user saw: a post edited meanwhile answers 412. */
    remove(id: number, version: number): Promise<void> {
      return api.delete('/api/posts/{post_id}/', { path: { post_id: id }, headers: { 'If-Match': `"${version}"` } })
    },
  }
}

export type PostsApi = ReturnType<typeof createPostsApi>

/** The posts list's filter, as every client shows it: everyone's posts, or only mine. */
export type PostsFilter = 'all' | 'mine'

/** Posts per page in every client's list. */
export const POSTS_PAGE_SIZE = 20

/** One page of the posts list for a filter: what a cursor list (createCursorList) asks for. */
export function postsPageFetcher(posts: PostsApi, pageSize = POSTS_PAGE_SIZE): FetchCursorPage<PostSummary, PostsFilter> {
  return (filter, cursor, signal) =>
    posts.list({ author: filter === 'mine' ? 'me' : undefined, pageSize, cursor }, signal)
}

/** The fields of an edit that differ from `post` (the version the user started from): only those are sent. */
export function postChanges(input: PostCreateInput, post: Post): PostChanges {
  const changed: PostChanges = {}
  if (input.title !== post.title) changed.title = input.title
  if ((input.body ?? '') !== post.body) changed.body = input.body
  return changed
}

/**
 * Deletes the version of `post` the user saw. A post already gone counts as
 * deleted (someone else's delete got there first); a 412 (edited meanwhile) rejects.
 */
export async function deleteSeenPost(posts: PostsApi, post: Pick<Post, 'id' | 'version'>): Promise<void> {
  try {
    await posts.remove(post.id, post.version)
  } catch (caught) {
    if (!(caught instanceof ApiError && caught.status === 404)) throw caught
  }
}
