import { Link } from 'react-router'
import type { PostSummary } from '@tandem/client'
import { formatDateTime } from '@tandem/client'

export function PostListItem({ post, mine }: { post: PostSummary; mine: boolean }) {
  return (
    <li>
      <article className="relative flex flex-col gap-1.5 px-4 py-4 hover:bg-zinc-50 sm:px-5">
        <h2 className="text-base font-semibold tracking-tight text-zinc-900">
          {/* The whole card is clickable; the link keeps one accessible name (the title). */}
          <Link
            to={`/posts/${post.id}`}
            className="rounded-sm after:absolute after:inset-0 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
          >
            {post.title}
          </Link>
        </h2>
        <p className="flex flex-wrap items-center gap-x-2 text-xs text-zinc-500">
          <span>{post.author.display_name}</span>
          {mine && (
            <span className="rounded-full bg-indigo-50 px-1.5 py-0.5 text-[11px] font-medium text-indigo-700 ring-1 ring-inset ring-indigo-200">
              You
            </span>
          )}
          <span aria-hidden="true">·</span>
          <time dateTime={post.created}>{formatDateTime(post.created)}</time>
        </p>
        {/* Plain text: React escapes it; line breaks are kept, but clamped to a preview. */}
        {post.excerpt && (
          <p className="line-clamp-3 whitespace-pre-line break-words text-sm text-zinc-600">
            {post.excerpt}
            {post.truncated && '…'}
          </p>
        )}
      </article>
    </li>
  )
}
