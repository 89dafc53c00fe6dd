import {
  ApiError,
  createCursorList,
  type Post,
  type PostChanges,
  type PostCreateInput,
  type PostsApi,
  type PostSummary,
} from '@tandem/client'
import { postsApi } from '@/services/api'
import { createStore } from './external'

export const PAGE_SIZE = 20

export type PostsFilter = 'all' | 'mine'

/** The shared blog's list, plus the writes that keep it in step. */
export function createPostsStore(api: Pick<PostsApi, 'list' | 'create' | 'update' | 'remove'>) {
  // Switching All/Mine quickly fires requests whose answers can arrive out of
  // order: the cursor list lets only the newest one write.
  const list = createCursorList<PostSummary, PostsFilter>((filter, cursor, signal) =>
    api.list({ author: filter === 'mine' ? 'me' : undefined, pageSize: PAGE_SIZE, cursor }, signal),
  )
  const filter = createStore<PostsFilter>('all')

  return {
    list,
    filter,
    load: () => list.load(filter.get()),
    loadMore: () => list.loadMore(),
    setFilter(value: PostsFilter): Promise<void> {
      filter.set(value)
      return list.load(value)
    },
    /** Publishes a post; the list is loaded afresh next time it is shown. */
    async create(input: PostCreateInput): Promise<Post> {
      const post = await api.create(input)
      list.clear()
      return post
    },
    /** Saves changes made to `post` (the version the user saw); rejects with ApiError, 409 included. */
    async update(post: Post, changes: PostChanges): Promise<Post> {
      const saved = await api.update(post.id, post.version, changes)
      list.clear()
      return saved
    },
    /** Deletes the version of `post` the user saw. A post already gone counts as deleted. */
    async remove(post: Post): Promise<void> {
      try {
        await api.remove(post.id, post.version)
      } catch (caught) {
        if (!(caught instanceof ApiError && caught.status === 404)) throw caught
      }
      list.update((current) => current.filter((item) => item.id !== post.id))
    },
    reset(): void {
      list.clear()
      filter.set('all')
    },
  }
}

export const postsStore = createPostsStore(postsApi)
