import { useState } from 'react'
import { useNavigate, useParams } from 'react-router'
import { postConflictCurrent, type Post, type PostChanges, type PostCreateInput } from '@tandem/client'
import { AppButton } from '@/components/AppButton'
import { PostEditorForm } from '@/components/PostEditorForm'
import { usePost } from '@/hooks/usePost'
import { numericId } from '@/router/paths'
import { useAuth } from '@/stores/auth'
import { postsStore } from '@/stores/posts'
import NotFoundPage from './NotFoundPage'

function changes(input: PostCreateInput, post: Post): PostChanges {
  const changed: PostChanges = {}
  if (input.title !== post.title) changed.title = input.title
  if ((input.body ?? '') !== post.body) changed.body = input.body
  return changed
}

/** Without `id` the page writes a new post; with it, edits that post. */
export default function PostEditorPage() {
  const raw = useParams().id
  if (raw === undefined) return <Editor key="new" id={null} />
  const id = numericId(raw)
  return id === null ? <NotFoundPage /> : <Editor key={id} id={id} />
}

function Editor({ id }: { id: number | null }) {
  const { user } = useAuth()
  const navigate = useNavigate()
  const query = usePost(id)
  /** After a conflict: the newest version, which the next Save builds on. */
  const [newer, setNewer] = useState<Post | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const base = newer ?? query.data ?? null
  const editing = id !== null
  const loadError = query.isError ? query.error : null
  const isAuthor = base !== null && base.author.id === user?.id

  async function save(input: PostCreateInput): Promise<void> {
    try {
      if (base === null) {
        const created = await postsStore.create(input)
        await navigate(`/posts/${created.id}`)
        return
      }
      const saved = await postsStore.update(base, changes(input, base))
      await navigate(`/posts/${saved.id}`)
    } catch (caught) {
      const current = postConflictCurrent(caught)
      if (current) {
        // Edited in another tab meanwhile. Keep what the user typed, build on the
        // newest version, and let them decide: a second Save replaces it knowingly.
        setNewer(current)
        setNotice(
          'This post was changed elsewhere while you were editing. Your text is kept here; Save again to replace the other version, or Cancel to see it.',
        )
        return
      }
      throw caught
    }
  }

  function cancel(): void {
    void navigate(base ? `/posts/${base.id}` : '/posts')
  }

  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">{editing ? 'Edit post' : 'New post'}</h1>
      {!editing ? (
        <PostEditorForm submitLabel="Publish" save={save} onCancel={cancel} />
      ) : loadError?.status === 404 ? (
        <div className="rounded-xl border border-dashed border-zinc-300 p-10 text-center">
          <p className="font-medium text-zinc-700">Post not found</p>
          <p className="mt-1 text-sm text-zinc-500">It may have been deleted by its author.</p>
        </div>
      ) : loadError ? (
        <div className="rounded-xl border border-red-200 bg-red-50 p-6 text-center">
          <p role="alert" className="text-sm text-red-800">
            Could not load this post. {loadError.firstMessage()}
          </p>
          <AppButton variant="secondary" className="mt-4" onClick={() => void query.refetch()}>
            Retry
          </AppButton>
        </div>
      ) : base === null ? (
        <>
          <div className="h-72 animate-pulse rounded-xl bg-zinc-200/70" aria-hidden="true"></div>
          <p className="sr-only" role="status">
            Loading…
          </p>
        </>
      ) : !isAuthor ? (
        <p role="alert" className="rounded-xl border border-amber-200 bg-amber-50 p-6 text-sm text-amber-900">
          Only the author of this post can edit it.
        </p>
      ) : (
        // Keyed by id only: a conflict swaps `base` without wiping what the user typed.
        <PostEditorForm key={base.id} submitLabel="Save" initial={{ title: base.title, body: base.body }} notice={notice} save={save} onCancel={cancel} />
      )}
    </div>
  )
}
