import { useEffect, useRef, useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { ApiError } from '@tandem/client'
import { AppButton } from '@/components/AppButton'
import { FormAlert } from '@/components/FormAlert'
import { usePost } from '@/hooks/usePost'
import { numericId } from '@/router/paths'
import { useAuth } from '@/stores/auth'
import { postsStore } from '@/stores/posts'
import { formatDateTime } from '@tandem/client'
import NotFoundPage from './NotFoundPage'

export default function PostPage() {
  const id = numericId(useParams().id)
  // Keyed by id: another post starts with a clean page (no notice, no open confirmation).
  return id === null ? <NotFoundPage /> : <PostView key={id} id={id} />
}

function PostView({ id }: { id: number }) {
  const { user } = useAuth()
  const navigate = useNavigate()
  const query = usePost(id)
  const post = query.data ?? null
  const loadError = query.isError ? query.error : null
  const [actionError, setActionError] = useState<ApiError | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [confirming, setConfirming] = useState(false)
  const [deleting, setDeleting] = useState(false)
  const confirmButton = useRef<HTMLButtonElement>(null)
  const deleteButton = useRef<HTMLButtonElement>(null)
  const focusNext = useRef<'confirm' | 'delete' | null>(null)

  useEffect(() => {
    const target = focusNext.current
    if (!target) return
    focusNext.current = null
    ;(target === 'confirm' ? confirmButton : deleteButton).current?.focus()
  })

  const isAuthor = post !== null && user?.id === post.author.id
  const edited = post !== null && post.version > 1

  function askToDelete(): void {
    setConfirming(true)
    setActionError(null)
    focusNext.current = 'confirm'
  }

  function cancelDelete(): void {
    setConfirming(false)
    focusNext.current = 'delete'
  }

  async function confirmDelete(): Promise<void> {
    if (!post || deleting) return
    setDeleting(true)
    setActionError(null)
    try {
      await postsStore.remove(post)
      await navigate('/posts')
    } catch (caught) {
      const error = caught instanceof ApiError ? caught : ApiError.unexpected(0)
      setConfirming(false)
      if (error.status === 412) {
        // Edited in another tab since this page loaded: show what would be deleted.
        setNotice('This post was changed elsewhere; here is the latest version. Delete again if you still want to.')
        await query.refetch()
      } else {
        setActionError(error)
      }
    } finally {
      setDeleting(false)
    }
  }

  return (
    <div className="flex flex-col gap-6">
      <Link
        to="/posts"
        className="self-start rounded-md text-sm font-medium text-indigo-600 hover:text-indigo-500 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
      >
        ← All posts
      </Link>

      {loadError?.status === 404 ? (
        <div className="rounded-xl border border-dashed border-zinc-300 p-10 text-center">
          <h1 className="font-medium text-zinc-700">Post not found</h1>
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
      ) : post === null ? (
        <>
          <div className="flex flex-col gap-3" aria-hidden="true">
            <div className="h-8 w-2/3 animate-pulse rounded-md bg-zinc-200/70"></div>
            <div className="h-4 w-1/3 animate-pulse rounded-md bg-zinc-200/70"></div>
            <div className="h-40 animate-pulse rounded-xl bg-zinc-200/70"></div>
          </div>
          <p className="sr-only" role="status">
            Loading…
          </p>
        </>
      ) : (
        <article className="flex flex-col gap-5">
          <header className="flex flex-col gap-2">
            <h1 className="break-words text-3xl font-semibold tracking-tight text-zinc-900">{post.title}</h1>
            <p className="flex flex-wrap items-center gap-x-2 text-sm text-zinc-500">
              <span>
                By{' '}
                <span className="font-medium text-zinc-700" data-testid="post-author">
                  {post.author.display_name}
                </span>
              </span>
              <span aria-hidden="true">·</span>
              <time dateTime={post.created}>{formatDateTime(post.created)}</time>
              {edited && (
                <>
                  <span aria-hidden="true">·</span>
                  <span>
                    edited <time dateTime={post.updated}>{formatDateTime(post.updated)}</time>
                  </span>
                </>
              )}
            </p>
          </header>

          {notice && <FormAlert tone="info" messages={[notice]} />}

          {isAuthor && (
            <div className="flex flex-wrap items-center gap-2">
              {!confirming ? (
                <>
                  <Link
                    to={`/posts/${post.id}/edit`}
                    className="inline-flex items-center justify-center rounded-md bg-white px-2.5 py-1.5 text-sm font-medium text-zinc-800 ring-1 ring-inset ring-zinc-300 hover:bg-zinc-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2"
                  >
                    Edit
                  </Link>
                  <AppButton ref={deleteButton} variant="secondary" size="sm" onClick={askToDelete}>
                    Delete
                  </AppButton>
                </>
              ) : (
                <div
                  role="group"
                  aria-label="Confirm deletion"
                  className="flex flex-wrap items-center gap-2 rounded-lg border border-red-200 bg-red-50 px-3 py-2"
                >
                  <span className="text-sm text-red-800">Delete this post for everyone? This cannot be undone.</span>
                  <AppButton ref={confirmButton} variant="danger" size="sm" loading={deleting} onClick={() => void confirmDelete()}>
                    Confirm delete
                  </AppButton>
                  <AppButton variant="ghost" size="sm" disabled={deleting} onClick={cancelDelete}>
                    Cancel
                  </AppButton>
                </div>
              )}
            </div>
          )}

          {actionError && <FormAlert messages={[`Could not delete: ${actionError.firstMessage()}`]} />}

          {/* Plain text, never HTML: React escapes it and pre-wrap keeps its line breaks. */}
          <div
            data-testid="post-body"
            className="whitespace-pre-wrap break-words rounded-xl border border-zinc-200 bg-white p-5 text-[15px] leading-7 text-zinc-800 shadow-sm sm:p-6"
          >
            {post.body}
          </div>
        </article>
      )}
    </div>
  )
}
