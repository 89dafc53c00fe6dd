import { useEffect } from 'react'
import { Link } from 'react-router'
import { FilterButtons, type FilterOption } from '@/components/FilterButtons'
import { ListLoadError, ListLoading, ListMore } from '@/components/ListStates'
import { PostListItem } from '@/components/PostListItem'
import { useCursorListSnapshot } from '@/hooks/useCursorList'
import { useAuth } from '@/stores/auth'
import { useStore } from '@/stores/external'
import { postsStore as posts, type PostsFilter } from '@/stores/posts'

const FILTERS: FilterOption<PostsFilter>[] = [
  { value: 'all', label: 'All' },
  { value: 'mine', label: 'Mine' },
]

export default function PostsPage() {
  const { items, status, error, hasMore, loadingMore } = useCursorListSnapshot(posts.list)
  const filter = useStore(posts.filter)
  const { user } = useAuth()

  useEffect(() => {
    void posts.load()
  }, [])

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Posts</h1>
        <Link
          to="/posts/new"
          className="inline-flex items-center justify-center gap-2 rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-indigo-500 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2"
        >
          New post
        </Link>
      </div>

      <FilterButtons
        className="self-start"
        label="Filter posts"
        options={FILTERS}
        selected={filter}
        onSelect={(value) => void posts.setFilter(value)}
      />

      <section aria-label="Post list" aria-busy={status === 'loading'}>
        {status === 'loading' || status === 'idle' ? (
          <ListLoading rowClassName="h-24" />
        ) : status === 'error' ? (
          <ListLoadError onRetry={() => void posts.load()}>Could not load the posts. {error?.firstMessage()}</ListLoadError>
        ) : items.length === 0 ? (
          <div className="rounded-xl border border-dashed border-zinc-300 p-10 text-center">
            <p className="font-medium text-zinc-700">{filter === 'mine' ? 'You have not posted yet' : 'No posts yet'}</p>
            <p className="mt-1 text-sm text-zinc-500">Write the first one with “New post”.</p>
          </div>
        ) : (
          <>
            <ul className="divide-y divide-zinc-100 overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm">
              {items.map((post) => (
                <PostListItem key={post.id} post={post} mine={post.author.id === user?.id} />
              ))}
            </ul>
            <ListMore error={error?.firstMessage()} hasMore={hasMore} loadingMore={loadingMore} onLoadMore={() => void posts.loadMore()} />
          </>
        )}
      </section>
    </div>
  )
}
