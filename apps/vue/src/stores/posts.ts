import { defineStore } from 'pinia'
import { ref } from 'vue'
import {
  deleteSeenPost,
  postsPageFetcher,
  type Post,
  type PostChanges,
  type PostCreateInput,
  type PostsFilter,
  type PostSummary,
} from '@tandem/client'
import { useCursorList } from '@/composables/useCursorList'
import { postsApi } from '@/services/api'

export type { PostsFilter } from '@tandem/client'

/** The shared blog's list, plus the writes that keep it in step. */
export const usePostsStore = defineStore('posts', () => {
  // Switching All/Mine quickly fires requests whose answers can arrive out of
  // order: the cursor list lets only the newest one write.
  const { list, items, state, loadingMore, error, hasMore } = useCursorList<PostSummary, PostsFilter>(
    postsPageFetcher(postsApi),
  )
  const filter = ref<PostsFilter>('all')

  function load(): Promise<void> {
    return list.load(filter.value)
  }

  function loadMore(): Promise<void> {
    return list.loadMore()
  }

  function setFilter(value: PostsFilter): Promise<void> {
    filter.value = value
    return load()
  }

  function get(id: number, signal?: AbortSignal): Promise<Post> {
    return postsApi.get(id, signal)
  }

  /** Publishes a post; rejects with ApiError (field errors for the form) on failure. */
  async function create(input: PostCreateInput): Promise<Post> {
    const post = await postsApi.create(input)
    // The list is loaded afresh whenever it is shown: drop it rather than guess where the post goes.
    list.clear()
    return post
  }

  /** Saves changes made to `post` (the version the user saw); rejects with ApiError, 409 included. */
  async function update(post: Post, changes: PostChanges): Promise<Post> {
    const saved = await postsApi.update(post.id, post.version, changes)
    list.clear()
    return saved
  }

  /** Deletes the version of `post` the user saw. A post already gone counts as deleted. */
  async function remove(post: Post): Promise<void> {
    await deleteSeenPost(postsApi, post)
    list.update((current) => current.filter((item) => item.id !== post.id))
  }

  function reset(): void {
    list.clear()
    filter.value = 'all'
  }

  return { items, filter, state, loadingMore, error, hasMore, load, loadMore, setFilter, get, create, update, remove, reset }
})
