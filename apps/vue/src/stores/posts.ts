import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { ApiError, cursorFromUrl, type Post, type PostChanges, type PostCreateInput, type PostSummary } from '@tandem/client'
import { postsApi } from '@/services/api'

export const PAGE_SIZE = 20

export type PostsFilter = 'all' | 'mine'
type LoadState = 'idle' | 'loading' | 'ready' | 'error'

function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : ApiError.unexpected(0)
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError'
}

/** The shared blog's list, plus the writes that keep it in step. */
export const usePostsStore = defineStore('posts', () => {
  const items = ref<PostSummary[]>([])
  const next = ref<string | null>(null)
  const filter = ref<PostsFilter>('all')
  const state = ref<LoadState>('idle')
  const loadingMore = ref(false)
  /** Error of the last list request (first page or "load more"). */
  const error = ref<ApiError | null>(null)

  // Only the newest list request may write to the state: switching All/Mine
  // quickly fires requests whose answers can arrive out of order.
  let listController: AbortController | null = null

  const hasMore = computed(() => next.value !== null)

  function beginListRequest(): AbortSignal {
    listController?.abort()
    listController = new AbortController()
    return listController.signal
  }

  function listParams(cursor: string | null = null) {
    return { author: filter.value === 'mine' ? ('me' as const) : undefined, pageSize: PAGE_SIZE, cursor }
  }

  async function load(): Promise<void> {
    const signal = beginListRequest()
    state.value = 'loading'
    error.value = null
    loadingMore.value = false
    try {
      const page = await postsApi.list(listParams(), signal)
      if (signal.aborted) return
      items.value = page.results
      next.value = page.next ?? null
      state.value = 'ready'
    } catch (caught) {
      if (isAbort(caught) || signal.aborted) return
      error.value = toApiError(caught)
      state.value = 'error'
    }
  }

  async function loadMore(): Promise<void> {
    const cursor = cursorFromUrl(next.value)
    if (cursor === null || loadingMore.value) return
    const signal = beginListRequest()
    loadingMore.value = true
    error.value = null
    try {
      const page = await postsApi.list(listParams(cursor), signal)
      if (signal.aborted) return
      // The cursor keeps its place under inserts, but a post may be shown twice
      // if it was added locally meanwhile: skip what is already listed.
      const seen = new Set(items.value.map((post) => post.id))
      items.value = items.value.concat(page.results.filter((post) => !seen.has(post.id)))
      next.value = page.next ?? null
    } catch (caught) {
      if (isAbort(caught) || signal.aborted) return
      error.value = toApiError(caught)
    } finally {
      if (!signal.aborted) loadingMore.value = false
    }
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
    // The list is fetched afresh whenever it is shown; mark it stale rather than guess its order.
    state.value = 'idle'
    return post
  }

  /** Saves changes made to `post` (the version the user saw); rejects with ApiError, 409 included. */
  async function update(post: Post, changes: PostChanges): Promise<Post> {
    const saved = await postsApi.update(post.id, post.version, changes)
    state.value = 'idle'
    return saved
  }

  /** Deletes the version of `post` the user saw. A post already gone counts as deleted. */
  async function remove(post: Post): Promise<void> {
    try {
      await postsApi.remove(post.id, post.version)
    } catch (caught) {
      if (!(caught instanceof ApiError && caught.status === 404)) throw caught
    }
    items.value = items.value.filter((item) => item.id !== post.id)
  }

  function reset(): void {
    listController?.abort()
    listController = null
    items.value = []
    next.value = null
    filter.value = 'all'
    state.value = 'idle'
    loadingMore.value = false
    error.value = null
  }

  return { items, next, filter, state, loadingMore, error, hasMore, load, loadMore, setFilter, get, create, update, remove, reset }
})
