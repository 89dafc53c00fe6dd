import { ref, watch } from 'vue'
import { ApiError, type Post } from '@tandem/client'

export const POST_CHANGED_BEFORE_DELETE =
  'This post was changed elsewhere; here is the latest version. Delete again if you still want to.'

export interface PostDeletionOptions {
  /** Deletes the version of the post the user saw (@tandem/client's deleteSeenPost, or a store around it). */
  remove: (post: Post) => Promise<void>
  /** Leaves the page once the post is gone (awaited when it returns a promise). */
  deleted: () => unknown
  /** Shows the post's newest version (awaited likewise). */
  reload: () => unknown
  /** A failure the app answers its own way (Nuxt: a lost session goes to login); resolves true when it did. */
  handled?: (caught: unknown) => Promise<boolean>
}

/**
 * The post page's delete, after the user confirmed it: only the version they
 * saw is deleted, and a post edited meanwhile is shown again rather than lost
 * unseen. One per page instance (no module-level state), so a server renders
 * each visitor's own.
 */
export function usePostDeletion(options: PostDeletionOptions) {
  const confirming = ref(false)
  const deleting = ref(false)
  const notice = ref<string | null>(null)
  const deleteError = ref<ApiError | null>(null)

  // A new attempt starts clean: the previous failure no longer applies.
  watch(confirming, (open) => {
    if (open) deleteError.value = null
  })

  async function confirmDelete(shown: Post): Promise<void> {
    if (deleting.value) return
    deleting.value = true
    deleteError.value = null
    try {
      await options.remove(shown)
      await options.deleted()
    } catch (caught) {
      if (await options.handled?.(caught)) return
      const failed = caught instanceof ApiError ? caught : ApiError.unexpected(0)
      confirming.value = false
      if (failed.status === 412) {
        // Edited in another tab since this page loaded: show what would be deleted.
        notice.value = POST_CHANGED_BEFORE_DELETE
        await options.reload()
      } else {
        deleteError.value = failed
      }
    } finally {
      deleting.value = false
    }
  }

  return { confirming, deleting, notice, deleteError, confirmDelete }
}
