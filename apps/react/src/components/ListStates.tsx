import type { ReactNode } from 'react'
import { AppButton } from '@/components/AppButton'
import { FormAlert } from '@/components/FormAlert'

// The states a cursor list shows around its rows (todos, posts): one look and one set of
// accessible names for every list. Each page keeps its own words and row heights.

/** Placeholder rows while the first page loads, announced once to screen readers. */
export function ListLoading({ rowClassName }: { rowClassName: string }) {
  return (
    <>
      <div className="flex flex-col gap-2" aria-hidden="true">
        {[1, 2, 3].map((n) => (
          <div key={n} className={`${rowClassName} animate-pulse rounded-xl bg-zinc-200/70`}></div>
        ))}
      </div>
      <p className="sr-only" role="status">
        Loading…
      </p>
    </>
  )
}

/** The first page failed: what went wrong (the children) and a way to try again. */
export function ListLoadError({ children, onRetry }: { children: ReactNode; onRetry: () => void }) {
  return (
    <div className="rounded-xl border border-red-200 bg-red-50 p-6 text-center">
      <p role="alert" className="text-sm text-red-800">
        {children}
      </p>
      <AppButton variant="secondary" className="mt-4" onClick={onRetry}>
        Retry
      </AppButton>
    </div>
  )
}

/** Below the rows: why the last "Load more" failed, and the button while there is more. */
export function ListMore({
  error,
  hasMore,
  loadingMore,
  onLoadMore,
}: {
  error: string | null | undefined
  hasMore: boolean
  loadingMore: boolean
  onLoadMore: () => void
}) {
  return (
    <>
      {error && <FormAlert className="mt-3" messages={[`Could not load more: ${error}`]} />}
      {hasMore && (
        <div className="mt-4 flex justify-center">
          <AppButton variant="secondary" loading={loadingMore} onClick={onLoadMore}>
            Load more
          </AppButton>
        </div>
      )}
    </>
  )
}
