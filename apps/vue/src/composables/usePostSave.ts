import { ref } from 'vue'
import { postChanges, postConflictCurrent, type Post, type PostChanges, type PostCreateInput } from '@tandem/client'

export const POST_CHANGED_WHILE_EDITING =
  'This post was changed elsewhere while you were editing. Your text is kept here; Save again to replace the other version, or Cancel to see it.'

export interface PostSaveOptions {
  create: (input: PostCreateInput) => Promise<Post>
  /** Saves `changes` to `post`, the version the user started from (a stale one answers 409). */
  update: (post: Post, changes: PostChanges) => Promise<Post>
  /** Opens the saved post (awaited when it returns a promise). */
  saved: (post: Post) => unknown
  /** A failure the app answers its own way (Nuxt: a lost session goes to login); resolves true when it did. */
  handled?: (caught: unknown) => Promise<boolean>
}

/**
 * The post editor's save: publishes a new post (no `base`) or sends only the
 * changed fields of `base`. One per page instance (no module-level state).
 */
export function usePostSave(initial: Post | null, options: PostSaveOptions) {
  /** The version being edited: replaced by the server's newest one after a conflict. */
  const base = ref<Post | null>(initial)
  const notice = ref<string | null>(null)

  async function save(input: PostCreateInput): Promise<void> {
    try {
      const saved = base.value ? await options.update(base.value, postChanges(input, base.value)) : await options.create(input)
      await options.saved(saved)
    } catch (caught) {
      if (await options.handled?.(caught)) return
      const current = postConflictCurrent(caught)
      if (current) {
        // Edited in another tab meanwhile. Keep what the user typed, build on the
        // newest version, and let them decide: a second Save replaces it knowingly.
        base.value = current
        notice.value = POST_CHANGED_WHILE_EDITING
        return
      }
      // The form shows field errors by their field, the rest above it.
      throw caught
    }
  }

  return { base, notice, save }
}
