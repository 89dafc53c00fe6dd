import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import { ApiError } from '@tandem/client'
import { AppButton } from '@/components/AppButton'
import { queryClient } from '@/queryClient'
import { dashboardApi } from '@/services/api'
import { useAuth } from '@/stores/auth'
import { formatDateTime, formatDay } from '@tandem/client'

const card = 'rounded-xl border border-zinc-200 bg-white p-5 shadow-sm'
const cardTitle = 'text-sm font-semibold text-zinc-900'
const link =
  'rounded-sm text-sm font-medium text-indigo-600 hover:text-indigo-500 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500'

export default function DashboardPage() {
  const { user } = useAuth()
  // One request fills the whole page, fresh on every visit.
  const query = useQuery(
    {
      queryKey: ['dashboard'],
      queryFn: async ({ signal }) => {
        try {
          return await dashboardApi.get(signal)
        } catch (caught) {
          throw caught instanceof ApiError ? caught : ApiError.unexpected(0)
        }
      },
      gcTime: 0,
    },
    queryClient,
  )
  const dashboard = query.data ?? null
  const error = query.isError ? (query.error as ApiError) : null

  // "Overdue" is judged against the server's day, the one the list was cut at.
  const isOverdue = (due: string | null | undefined) => !!due && !!dashboard && due < dashboard.today
  const openLabel = (dashboard?.open_todos_count ?? 0) === 1 ? 'open todo' : 'open todos'

  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">Dashboard</h1>

      {error ? (
        <div className="rounded-xl border border-red-200 bg-red-50 p-6 text-center">
          <p role="alert" className="text-sm text-red-800">
            Could not load your dashboard. {error.firstMessage()}
          </p>
          <AppButton variant="secondary" className="mt-4" loading={query.isFetching} onClick={() => void query.refetch()}>
            Retry
          </AppButton>
        </div>
      ) : dashboard === null ? (
        <>
          <div className="grid gap-4 sm:grid-cols-3" aria-hidden="true">
            <div className="h-32 animate-pulse rounded-xl bg-zinc-200/70"></div>
            <div className="h-32 animate-pulse rounded-xl bg-zinc-200/70 sm:col-span-2"></div>
            <div className="h-48 animate-pulse rounded-xl bg-zinc-200/70 sm:col-span-3"></div>
          </div>
          <p className="sr-only" role="status">
            Loading…
          </p>
        </>
      ) : (
        <div className="grid gap-4 sm:grid-cols-3">
          <section className={`${card} flex flex-col justify-between gap-3`} aria-labelledby="dash-open">
            <h2 id="dash-open" className={cardTitle}>
              Open todos
            </h2>
            <p>
              <span className="text-4xl font-semibold tracking-tight text-zinc-900" data-testid="open-todos-count">
                {dashboard.open_todos_count}
              </span>{' '}
              <span className="text-sm text-zinc-500">{openLabel}</span>
            </p>
            <Link to="/todos" className={`${link} self-start`}>
              Go to todos
            </Link>
          </section>

          <section className={`${card} sm:col-span-2`} aria-labelledby="dash-due">
            <h2 id="dash-due" className={cardTitle}>
              Due soon
            </h2>
            {dashboard.due_soon.length === 0 ? (
              <p className="mt-3 text-sm text-zinc-500">Nothing due in the next 7 days.</p>
            ) : (
              <ul className="mt-3 divide-y divide-zinc-100" aria-label="Todos due soon">
                {dashboard.due_soon.map((todo) => (
                  <li key={todo.id} className="flex items-center justify-between gap-3 py-2">
                    <span className="min-w-0 truncate text-sm text-zinc-800">{todo.title}</span>
                    {todo.due_date && (
                      <span
                        className={[
                          'shrink-0 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset',
                          isOverdue(todo.due_date) ? 'bg-red-50 text-red-700 ring-red-200' : 'bg-zinc-50 text-zinc-600 ring-zinc-200',
                        ].join(' ')}
                      >
                        {isOverdue(todo.due_date) ? 'Overdue · ' : 'Due '}
                        {formatDay(todo.due_date)}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section className={`${card} sm:col-span-3`} aria-labelledby="dash-posts">
            <div className="flex items-center justify-between gap-3">
              <h2 id="dash-posts" className={cardTitle}>
                Latest posts
              </h2>
              <Link to="/posts" className={link}>
                All posts
              </Link>
            </div>
            {dashboard.latest_posts.length === 0 ? (
              <p className="mt-3 text-sm text-zinc-500">
                No posts yet.{' '}
                <Link to="/posts/new" className={link}>
                  Write the first one
                </Link>
              </p>
            ) : (
              <ul className="mt-3 divide-y divide-zinc-100" aria-label="Latest posts">
                {dashboard.latest_posts.map((post) => (
                  <li key={post.id} className="flex flex-col gap-0.5 py-2.5 sm:flex-row sm:items-baseline sm:justify-between sm:gap-4">
                    <Link
                      to={`/posts/${post.id}`}
                      className="min-w-0 truncate rounded-sm text-sm font-medium text-zinc-900 hover:text-indigo-600 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
                    >
                      {post.title}
                    </Link>
                    <span className="shrink-0 text-xs text-zinc-500">
                      {post.author.id === user?.id ? 'You' : post.author.display_name} ·{' '}
                      <time dateTime={post.created}>{formatDateTime(post.created)}</time>
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      )}
    </div>
  )
}
