import { computed, shallowRef } from 'vue'
import { createCursorList, type CursorListOptions, type FetchCursorPage } from '@tandem/client'

/**
 * Vue's view of a @tandem/client cursor list: the package loads, pages,
 * aborts and de-duplicates; this only turns its snapshots into refs.
 */
export function useCursorList<T, Q>(fetchPage: FetchCursorPage<T, Q>, options?: CursorListOptions<T>) {
  const list = createCursorList(fetchPage, options)
  const snapshot = shallowRef(list.snapshot)
  list.subscribe(() => {
    snapshot.value = list.snapshot
  })
  return {
    list,
    items: computed(() => snapshot.value.items),
    state: computed(() => snapshot.value.status),
    loadingMore: computed(() => snapshot.value.loadingMore),
    hasMore: computed(() => snapshot.value.hasMore),
    error: computed(() => snapshot.value.error),
  }
}
